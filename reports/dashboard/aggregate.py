"""The transaction the dashboard's queries run in, what its counts return
(reports.dashboard.counting) and the rows of a page of its overdue list.
"""

from array import array
from contextlib import contextmanager
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from reports.dashboard import rules


@contextmanager
def analytic_queries(using=DEFAULT_DB_ALIAS):
    """Run the dashboard's queries in one transaction with PostgreSQL's JIT off.

    JIT is off for every connection of the portal (settings: the connection's `-c jit=off`);
    it is set off here too for a deployment that turned it back on (DATABASE_JIT), where it
    compiles the status annotation's queries to machine code for longer than they run. SET
    LOCAL lasts until the end of the transaction opened here. Other databases: nothing to do.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


class Totals(NamedTuple):
    """The dashboard's counts (reports.dashboard.counting)."""

    by_unit: dict  # {unit id: row}
    by_part: dict  # {section number or None: row}
    overdue: array  # the overdue assignments' ids (array of "q"), in the overdue list's order
    oldest_overdue: dict  # {unit id: the first of its assignments in that order of status "overdue"}


def overdue_rows(qs, as_of, ids):
    """The rows of the assignments `ids` of `qs` (annotated with with_status(as_of)), in that order:
    dicts with id, unit_id, unit__name, task__key, task__title, task__section__number (None
    for the closing tasks), role, extension_count, due_as_of, status."""
    if not ids:
        return []
    found = {}
    for row in qs.filter(pk__in=ids).values(
            "id", "unit_id", "unit__name", "task__key", "task__title", "task__section__number", "role",
            "extension_count", *rules.INPUTS):
        row["status"], _bucket = rules.status_and_bucket(as_of, *(row[name] for name in rules.INPUTS))
        found[row["id"]] = row
    return [found[pk] for pk in ids if pk in found]
