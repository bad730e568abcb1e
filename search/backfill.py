"""Extracting the text of files that have none yet (`manage.py search_backfill`).

A file needs extraction when it has no SearchText row (uploaded before the search existed,
or while the signal was not connected), when its row is still `pending` (its task was lost:
worker down, queue flushed), or when its row was written by an older extraction
(`extractor_version` below search.extraction.VERSION). Rows that failed with the current
version are left alone unless asked (`retry_failed`): running the backfill twice does
nothing the second time.

Files are walked by primary key in batches (keyset: `pk > last`), each file extracted and
committed on its own by search.services.text_extract: only one file is open at a time, an
interrupted run resumes where it stopped, and a file that cannot be read is counted as
failed without stopping the run.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from search.extraction import VERSION
from search.models import SearchText


def stale_files(retry_failed=False):
    """SubmissionFiles whose text is missing, pending or from an older extraction."""
    from tasks.models import SubmissionFile

    needs = (Q(search_text__isnull=True) | Q(search_text__status=SearchText.Status.PENDING)
             | Q(search_text__extractor_version__isnull=True)
             | Q(search_text__extractor_version__lt=VERSION))
    if retry_failed:
        needs |= Q(search_text__status=SearchText.Status.FAILED)
    return SubmissionFile.objects.filter(needs)


@dataclass
class Progress:
    scanned: int = 0
    statuses: Counter = field(default_factory=Counter)

    @property
    def failed(self):
        return self.statuses[SearchText.Status.FAILED]

    def summary(self):
        s = self.statuses
        return (f"{self.scanned} files: {s[SearchText.Status.OK]} with text, "
                f"{s[SearchText.Status.NO_TEXT]} scanned PDFs without text, "
                f"{s[SearchText.Status.SKIPPED]} skipped (not PDF or DOCX), "
                f"{s[SearchText.Status.FAILED]} failed, {s['gone']} deleted meanwhile")


def run(batch=100, limit=None, retry_failed=False, queue=False, report=None):
    """Extract (or with `queue`, enqueue the Celery task for) every stale file, at most
    `limit`; `report(progress)` is called after each batch. Returns the Progress."""
    from search.services import text_extract
    from search.tasks import extract_file_text

    progress, last = Progress(), 0
    while limit is None or progress.scanned < limit:
        size = batch if limit is None else min(batch, limit - progress.scanned)
        ids = list(stale_files(retry_failed).filter(pk__gt=last).order_by("pk")
                   .values_list("pk", flat=True)[:size])
        if not ids:
            break
        for file_id in ids:
            if queue:
                extract_file_text.delay(file_id)
                progress.statuses["queued"] += 1
            else:
                row = text_extract(file_id)
                progress.statuses[row.status if row else "gone"] += 1
            progress.scanned += 1
        last = ids[-1]
        if report:
            report(progress)
    return progress
