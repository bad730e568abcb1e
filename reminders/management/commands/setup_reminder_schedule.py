from django.core.management.base import BaseCommand

from reminders.schedule import ensure_periodic_tasks


class Command(BaseCommand):
    help = "Create the reminder sweep (every 15 minutes) and the daily digest (07:30) in the beat's schedule."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true",
                            help="put the default times back on tasks that already exist")

    def handle(self, *args, reset=False, **options):
        done = ensure_periodic_tasks(reset=reset)
        for name in done:
            self.stdout.write(f"{'reset' if reset else 'created'}: {name}")
        if not done:
            self.stdout.write("the reminder schedule is already in place")
