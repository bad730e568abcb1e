from celery import shared_task


@shared_task(ignore_result=True)
def reverify_signatures():
    """Every signed PDF's verdict again, after the trusted certificates changed."""
    from signatures.services import reverify_all

    reverify_all()
