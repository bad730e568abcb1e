"""Celery task: extract an uploaded file's text for the search (search.services)."""

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="search.extract_file_text", acks_late=True, ignore_result=True,
    autoretry_for=(OperationalError,), max_retries=3, retry_backoff=10,
    soft_time_limit=300, time_limit=360,
)
def extract_file_text(file_id):
    from search.services import text_extract

    text_extract(file_id)
