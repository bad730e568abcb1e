import datetime

from django.core.management.base import BaseCommand, CommandError

from reminders import services


class Command(BaseCommand):
    help = "Run the reminder sweep now (and with --digest, the daily digest), as the beat would."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to sweep for, YYYY-MM-DD (default: today)")
        parser.add_argument("--digest", action="store_true", help="also build and queue the daily digests")

    def handle(self, *args, date=None, digest=False, **options):
        try:
            as_of = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date: not a date: {date!r}") from None
        if digest:
            result, ids = services.send_daily_digests(as_of)
            self.stdout.write(f"{result}\ndigests queued: {len(ids)}")
        else:
            self.stdout.write(str(services.sweep(as_of)))
