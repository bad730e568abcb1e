"""manage.py restore: bring back a backup written by `manage.py backup`.

Stop everything that writes (web, workers, beat) first: the database's tables are dropped
and recreated from the dump in one transaction.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.archive import archives, restore_backup


class Command(BaseCommand):
    help = ("Phục hồi một bản sao lưu: thay toàn bộ cơ sở dữ liệu và ghi lại mọi tệp "
            "(kiểm tra SHA-256). Dừng web, worker và beat trước.")

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="tệp .tar; bỏ trống với --latest")
        parser.add_argument("--latest", action="store_true", help="bản mới nhất trong BACKUP_DIR")
        parser.add_argument("--no-input", action="store_true", dest="no_input",
                            help="không hỏi xác nhận")

    def handle(self, *args, archive=None, latest=False, no_input=False, **options):
        if latest:
            found = archives(settings.BACKUP_DIR)
            if not found:
                raise CommandError(f"Không có bản sao lưu nào trong {settings.BACKUP_DIR}.")
            archive = found[-1]
        if not archive:
            raise CommandError("Cho biết tệp sao lưu, hoặc dùng --latest.")
        if not no_input:
            answer = input(f"Thay toàn bộ dữ liệu hiện tại bằng {archive}? Gõ 'yes' để tiếp tục: ")
            if answer.strip() != "yes":
                raise CommandError("Đã hủy.")
        manifest = restore_backup(archive, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(
            f"Đã phục hồi bản sao lưu lúc {manifest['created']} ({len(manifest['files'])} tệp)."))
