"""A new SubmissionFile is queued for text extraction when its transaction commits."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from tasks.models import SubmissionFile


@receiver(post_save, sender=SubmissionFile, dispatch_uid="search_queue_file_text")
def queue_file_text(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from search.services import text_queue

        text_queue(instance)
