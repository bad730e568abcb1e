from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, create_demo_accounts
from accounts.demo_activity import build_activity, notify_assignments
from directives.loading import DATA_DIR, LoadError, load_file


class Command(BaseCommand):
    help = ("Load the bundled directives and units, create the demo accounts and, once, their "
            "units' new-assignment notifications and the demo's activity of 2022 (idempotent).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true",
            help="Run even with DEBUG off (creates accounts with a known password).",
        )
        parser.add_argument(
            "--no-activity", action="store_true",
            help="Only the directives, the accounts and their new-assignment notifications: "
                 "no submissions, reviews or report.",
        )

    def handle(self, *args, force=False, no_activity=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it refuses to run with "
                "DEBUG off. Use --force if this really is a training server."
            )
        for path in sorted(DATA_DIR.glob("*.yaml")):
            try:
                result = load_file(path)
            except LoadError as exc:
                raise CommandError(str(exc)) from None
            state = "loaded" if result.changed else "unchanged"
            self.stdout.write(f"{path.name}: {result.directive} {state}")
        created = create_demo_accounts()
        self.stdout.write(
            f"Demo accounts: {len(DEMO_ACCOUNTS)} ({len(created)} new), password {DEMO_PASSWORD!r}"
        )
        told = notify_assignments()
        if told:
            self.stdout.write(f"New-assignment notifications: {len(told)}, dated the directive's issue day")
        else:
            self.stdout.write("New-assignment notifications: none made (already sent, or directive not published)")
        if no_activity:
            return
        scene = build_activity()
        if scene is None:
            self.stdout.write("Demo activity: already there (the directive has submissions), left as it is")
        else:
            self.stdout.write(
                f"Demo activity: the work of 2022 partly done; best read as of {scene.as_of:%d/%m/%Y}; "
                f"a resolution awaiting review; progress report {scene.report.get_status_display()}"
            )
