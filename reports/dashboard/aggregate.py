"""The dashboard's SQL around the status annotation: the overdue list (its order, a page of
its rows), and the transaction its queries run in. The counts are reports.dashboard.counting.

`Assignment.objects.with_status(as_of)` is the one definition of status and bucket. Its SQL
is used as is, as a subquery in FROM, fenced (OFFSET 0) so the database cannot inline it:
inlined, every reference to `due_as_of` outside it would re-run the correlated subqueries
behind it, once per reference and row.
"""

from contextlib import contextmanager
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F

from reports.dashboard import rules
from tasks.models import Unit


def _fence(vendor):
    return "LIMIT -1 OFFSET 0" if vendor == "sqlite" else "OFFSET 0"


def _date_param(vendor):
    return "%s" if vendor == "sqlite" else "%s::date"


def _inner(qs, annotations=("status", "bucket", "due_as_of"), **columns):
    """(sql, params, db) of `qs` (annotated with with_status) selecting the named columns
    and the given annotations of with_status."""
    inner = qs.order_by().annotate(**{name: F(path) for name, path in columns.items()})
    inner = inner.values(*columns, *annotations)
    sql, params = inner.query.sql_with_params()
    return sql, params, inner.db


@contextmanager
def analytic_queries(using=DEFAULT_DB_ALIAS):
    """Run the dashboard's queries in one transaction with room to sort (PostgreSQL).

    The whole overdue list (overdue_order) is sorted in memory (docs/performance.md). JIT is off for
    every connection of the portal (settings: the connection's `-c jit=off`); it is set off
    here too for a deployment that turned it back on (DATABASE_JIT), where it compiles these
    queries to machine code for longer than they run. SET LOCAL lasts until the end of the
    transaction opened here. Other databases: nothing to do.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")
        yield


class Totals(NamedTuple):
    """The dashboard's counts (reports.dashboard.counting)."""

    by_unit: dict  # {unit id: row}
    by_part: dict  # {section number or None: row}
    overdue_by_task: dict  # {task id: (count, first deadline, last deadline)} of the overdue work


def first_overdue_tasks(overdue_by_task, limit):
    """The tasks that hold the first `limit` assignments of the overdue order (by the
    deadline in force, earliest first), from Totals.overdue_by_task; None if that takes them all.

    With the tasks taken by their last overdue deadline, the first ones holding `limit`
    overdue assignments between them show that the `limit`-th earliest deadline is no later
    than theirs, M; an assignment among the first `limit` is due by M, so its task has its
    first overdue deadline by M. Ties after the deadline (unit, task) are within that set too:
    it holds every overdue assignment due by M. The first page of the list then reads these
    tasks' assignments alone rather than every open one (docs/performance.md)."""
    held, bound = 0, None
    for count, _first, last in sorted(overdue_by_task.values(), key=lambda bounds: bounds[2]):
        held += count
        if held >= limit:
            bound = last
            break
    if bound is None:
        return None
    return sorted(task for task, (_count, first, _last) in overdue_by_task.items() if first <= bound)


def overdue_order(qs, as_of, limit=None):
    """The ids of the overdue assignments of `qs` (annotated with with_status(as_of)), most
    days overdue first, then by unit name, task position and key; the first `limit` of them
    (None: all).

    Only the deadline is computed for every candidate; the rest, the status among it
    (costly for 20,000 rows), is read afterwards for a page alone (overdue_rows). Units are
    ordered by a rank of their names (500 names sorted, not 35,000 rows by text)."""
    # Cheap necessary conditions first: not completed by then, and past the original
    # deadline (an extension only ever moves a deadline later).
    qs = qs.filter(original_due_date__lt=as_of).exclude(completed_on__lte=as_of)
    sql, params, db = _inner(qs, ("due_as_of",), r_id="pk", r_unit="unit_id",
                             r_position="task__position", r_key="task__key")
    connection = connections[db]
    units = connection.ops.quote_name(Unit._meta.db_table)
    window = "" if limit is None else f"LIMIT {int(limit)}"
    # Open work (filtered above) is overdue, with_status's bucket, once its deadline in force
    # has passed.
    outer = f"""
        SELECT a.r_id FROM ({sql} {_fence(connection.vendor)}) a
        JOIN (SELECT id, DENSE_RANK() OVER (ORDER BY name) AS name_rank FROM {units}) u ON u.id = a.r_unit
        WHERE a.due_as_of < {_date_param(connection.vendor)}
        ORDER BY a.due_as_of, u.name_rank, a.r_position, a.r_key, a.r_id
        {window}
    """
    with connection.cursor() as cursor:
        cursor.execute(outer, [*params, connection.ops.adapt_datefield_value(as_of)])
        return [pk for (pk,) in cursor.fetchall()]


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
