"""Writing the search index of uploaded files."""

import logging

from django.db import transaction
from django.utils import timezone

from search.extraction import VERSION, extract
from search.models import SearchText
from search.normalize import fold

log = logging.getLogger(__name__)


def text_queue(file):
    """Record that `file` awaits extraction and enqueue the extraction after commit."""
    from search.tasks import extract_file_text

    SearchText.objects.get_or_create(file=file, defaults={"submission_id": file.submission_id})
    transaction.on_commit(lambda: extract_file_text.delay(file.pk))


def text_extract(file_id):
    """Extract and index the text of SubmissionFile `file_id`; quiet if the file is gone."""
    from tasks.models import SubmissionFile

    file = SubmissionFile.objects.filter(pk=file_id).first()
    if file is None:
        return None
    try:
        with file.file.open("rb") as handle:
            result = extract(handle, file.content_type, file.size)
    except Exception as exc:  # a broken file must not stop the queue; the reason is kept
        log.warning("text extraction failed for file %s: %s", file_id, exc)
        from search.extraction import Extracted

        result = Extracted(SearchText.Status.FAILED, error=str(exc)[:300] or exc.__class__.__name__)
    with transaction.atomic():
        if not SubmissionFile.objects.filter(pk=file_id).exists():
            return None  # deleted while we read it
        row, _ = SearchText.objects.update_or_create(file_id=file_id, defaults={
            "submission_id": file.submission_id, "status": result.status, "text": result.text,
            "normalized": fold(result.text), "pages": result.pages, "truncated": result.truncated,
            "error": result.error, "extracted_at": timezone.now(),
            "extractor_version": VERSION,
        })
    return row
