"""The transaction the dashboard's queries run in and what its counts return
(reports.dashboard.counting).
"""

from array import array
from contextlib import contextmanager
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections, transaction


@contextmanager
def analytic_queries(using=DEFAULT_DB_ALIAS):
    """Run the dashboard's queries with PostgreSQL's JIT off.

    JIT is off for every connection of the portal (settings: the connection's `-c jit=off`):
    nothing to do then. A deployment that turned it back on (DATABASE_JIT), where it compiles
    the status annotation's queries to machine code for longer than they run, gets it set off
    here, in a transaction opened for it (SET LOCAL lasts until its end). Other databases:
    nothing to do.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or jit_off(connection):
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def jit_off(connection):
    """Whether the connection starts with PostgreSQL's JIT off (its `-c jit=off` option)."""
    return "jit=off" in (connection.settings_dict.get("OPTIONS") or {}).get("options", "")


class Totals(NamedTuple):
    """The dashboard's counts (reports.dashboard.counting)."""

    by_unit: dict  # {unit id: row}
    by_part: dict  # {section number or None: row}
    overdue: array  # the overdue assignments' ids (array of "q"), in the overdue list's order
    oldest_overdue: dict  # {unit id: the first of its assignments in that order of status "overdue"}
