"""`manage.py flush`, allowed to empty the append-only audit table (audit/immutability.py).

Django's own flush, unchanged otherwise; it takes the command's name because commands of
installed apps come before Django's. The test suite runs it after every transactional test.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from audit.immutability import maintenance


class Command(FlushCommand):
    def handle(self, **options):
        with maintenance(connections[options["database"]]):
            return super().handle(**options)
