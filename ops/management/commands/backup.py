"""manage.py backup: a consistent backup of the database and every stored file, with retention."""

from django.conf import settings
from django.core.management.base import BaseCommand

from ops.archive import create_backup, prune


class Command(BaseCommand):
    help = ("Sao lưu cơ sở dữ liệu và mọi tệp đã lưu (tệp tải lên, báo cáo) vào một tệp .tar "
            "trong BACKUP_DIR; giữ BACKUP_KEEP bản mới nhất.")

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=None, help="thư mục đích (mặc định BACKUP_DIR)")
        parser.add_argument("--keep", type=int, default=None,
                            help="số bản giữ lại (mặc định BACKUP_KEEP; 0: không xóa bản nào)")

    def handle(self, *args, dir=None, keep=None, **options):
        directory = dir or settings.BACKUP_DIR
        keep = settings.BACKUP_KEEP if keep is None else keep
        path = create_backup(directory, log=self.stdout.write)
        for old in prune(directory, keep):
            self.stdout.write(f"Đã xóa bản cũ {old.name}")
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu: {path}"))
