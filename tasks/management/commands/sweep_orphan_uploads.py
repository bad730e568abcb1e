"""Delete stored uploads that no submission refers to (left by a crash between the file
and its row). Only files older than --hours are touched, so an upload in progress is safe."""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from tasks.models import SubmissionFile
from tasks.uploads.storing import PREFIX


def _walk(storage, folder):
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in dirs:
        yield from _walk(storage, f"{folder}/{sub}")


class Command(BaseCommand):
    help = "Xóa các tệp tải lên không thuộc văn bản nộp nào (tệp mồ côi)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, hours, dry_run, **options):
        storage = default_storage
        cutoff = timezone.now() - datetime.timedelta(hours=hours)
        known = set(SubmissionFile.objects.values_list("file", flat=True))
        removed = 0
        for name in _walk(storage, PREFIX):
            if name in known or storage.get_modified_time(name) > cutoff:
                continue
            removed += 1
            self.stdout.write(name)
            if not dry_run:
                storage.delete(name)
        self.stdout.write(f"{removed} tệp mồ côi{' (chạy thử)' if dry_run else ''}.")
