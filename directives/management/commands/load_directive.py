from django.core.management.base import BaseCommand, CommandError

from directives.loading import LoadError, load_file


class Command(BaseCommand):
    help = "Load a directive from its structured YAML file (all-or-nothing, idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="YAML files, e.g. directives/data/03-CT-TU-2022.yaml")

    def handle(self, *args, **options):
        for path in options["paths"]:
            try:
                result = load_file(path)
            except LoadError as exc:
                raise CommandError(str(exc)) from None
            if result.changed:
                summary = ", ".join(f"{k}+{v}" for k, v in sorted(result.created.items()))
                self.stdout.write(self.style.SUCCESS(f"{path}: {result.directive} ({summary or 'cập nhật'})"))
            else:
                self.stdout.write(f"{path}: {result.directive} không thay đổi")
