from django.core.management.base import BaseCommand, CommandError

from search import backfill


def _positive(value):
    try:
        number = int(value)
    except ValueError:
        raise CommandError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise CommandError(f"must be at least 1: {value!r}")
    return number


class Command(BaseCommand):
    help = ("Extract the text of uploaded files that have none yet (uploaded before the search, "
            "lost from the queue, or extracted by an older version), in batches; resumable.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=_positive, default=100, help="files per batch (default 100)")
        parser.add_argument("--limit", type=_positive, help="stop after this many files")
        parser.add_argument("--dry-run", action="store_true", help="only count the files that need it")
        parser.add_argument("--retry-failed", action="store_true",
                            help="also try again the files whose extraction failed")
        parser.add_argument("--queue", action="store_true",
                            help="enqueue the Celery task for each file instead of extracting here")

    def handle(self, *args, batch, limit, dry_run, retry_failed, queue, **options):
        pending = backfill.stale_files(retry_failed).count()
        if dry_run:
            self.stdout.write(f"{pending} files need their text extracted (dry run: nothing done)")
            return
        total = min(pending, limit) if limit else pending
        self.stdout.write(f"{pending} files need their text extracted; "
                          f"{'queueing' if queue else 'extracting'} {total}")

        def report(progress):
            self.stdout.write(f"  {progress.scanned}/{total}: {progress.summary() if not queue else 'queued'}")

        progress = backfill.run(batch=batch, limit=limit, retry_failed=retry_failed, queue=queue, report=report)
        if queue:
            self.stdout.write(f"done: {progress.scanned} files queued")
        else:
            self.stdout.write(f"done: {progress.summary()}")
