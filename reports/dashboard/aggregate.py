"""The dashboard's SQL: the status annotation computed once per assignment, aggregated around it.

`Assignment.objects.with_status(as_of)` is the one definition of status and bucket. Its SQL
is used as is, as a subquery in FROM, and the counts are taken in an outer query over its
columns. The subquery is fenced (OFFSET 0) so the database cannot inline it: inlined, every
reference to `bucket` or `due_as_of` in the outer CASEs would re-run the correlated
subqueries behind them, once per reference and row.
"""

import datetime
from contextlib import contextmanager
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from reports.dashboard import rules
from reports.dashboard.data import COUNTS, add_counts
from directives.models import Task
from tasks.models import Submission, Unit

OPEN_OVERDUE = COUNTS.index("open_overdue")


def _fence(vendor):
    return "LIMIT -1 OFFSET 0" if vendor == "sqlite" else "OFFSET 0"


def _days(vendor, later, earlier):
    """Whole days from `earlier` to `later` (two SQL date expressions)."""
    if vendor == "sqlite":
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
    return f"({later} - {earlier})"


def _date_param(vendor):
    return "%s" if vendor == "sqlite" else "%s::date"


def _date_literal(vendor, day):
    """`day` (a datetime.date) as an SQL date: written in the query rather than passed as a
    parameter where it is named twenty times."""
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise TypeError(f"expected a date, got {day!r}")
    text = f"'{day.isoformat()}'"
    return text if vendor == "sqlite" else f"{text}::date"


def _as_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return parse_date(str(value)[:10])


def _inner(qs, annotations=("status", "bucket", "due_as_of"), **columns):
    """(sql, params, db) of `qs` (annotated with with_status) selecting the named columns
    and the given annotations of with_status."""
    inner = qs.order_by().annotate(**{name: F(path) for name, path in columns.items()})
    inner = inner.values(*columns, *annotations)
    sql, params = inner.query.sql_with_params()
    return sql, params, inner.db


@contextmanager
def analytic_queries(using=DEFAULT_DB_ALIAS):
    """Run the dashboard's queries in one transaction with room to hash (PostgreSQL).

    The grouping sets of `totals` are hashed in memory (docs/performance.md). JIT is off for
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


def _as_local_day(value, zone):
    """The day in the time zone `zone` of a timestamp (SQLite gives text, in UTC)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
        if timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.timezone.utc)
    return value.astimezone(zone).date()


class Totals(NamedTuple):
    by_unit: dict  # {unit id: row}
    by_part: dict  # {section number or None: row}
    overdue_by_task: dict  # {task id: (count, first deadline, last deadline)} of the overdue work


def totals(qs, as_of):
    """Totals (by_unit, by_part, overdue_by_task): rows of counts per unit and per part over
    `qs`, an assignment queryset with `with_status(as_of)`, from one pass over the
    assignments, and for each task with overdue work, how many and their earliest and latest
    deadline in force (first_overdue_tasks).

    Each row: [last_received, last_submitted, last_completed, *counts] (the last
    acknowledgement of receipt, the day of the last submission and the last completion by
    then, or None) with counts in the order of reports.dashboard.data.COUNTS: assignments,
    fallen_due, done_on_time, done_late, open_within, open_overdue, awaiting_review,
    returned, late_days, extensions_granted, done_fallen_due. Parts are keyed by section
    number (None for the closing tasks). The four buckets partition every assignment
    (docs/dashboard.md): `open_within` is all open work whose deadline in force has not
    passed, due on `as_of` or later. `fallen_due` counts the assignments whose deadline in
    force is `as_of` or earlier, `done_fallen_due` those of them completed.

    The subquery selects with_status's two inputs that need other tables (the deadline in
    force, `due_as_of`, and the latest submission's status then); the counts filter on the
    rules of with_status's `status` and `bucket` applied to them, not on the two strings
    (building those for 100,000 rows costs as much as the scan itself: docs/performance.md).
    The rules are written twice,
    here and in with_status, and tests/reports/test_dashboard_totals.py holds them equal on
    every kind of assignment at dates around each of its events.

    PostgreSQL groups by GROUPING SETS ((unit), (task)): one scan, both sets hashed, about
    500 + 200 rows back; the rows per task are added up per part here (one query for the
    tasks' parts). SQLite has no grouping sets: rows per (unit, task), added up here.
    """
    sql, params, db = _inner(
        qs.with_extensions_granted(as_of).with_last_submitted(as_of),
        ("due_as_of", "latest_submission_status", "extensions_granted", "last_submitted_as_of"),
        r_unit="unit_id", r_task="task_id",
        r_completed="completed_on", r_received="received_on",
    )
    connection = connections[db]
    vendor = connection.vendor
    day = _date_literal(vendor, as_of)
    # with_status's bucket, by the conditions that decide it, named in the counts themselves
    # (a middle query deciding it once per row into a column cost 8% more: docs/performance.md):
    # done on time / done late (against the deadline in force), open and within the deadline
    # (due on `as_of` or later), open and overdue; fallen due when the deadline in force has
    # come by `as_of`; the latest submission's status (awaiting review, returned) counts for
    # open work only.
    done = f"a.r_completed <= {day}"
    still_open = f"(a.r_completed IS NULL OR a.r_completed > {day})"
    overdue = f"a.due_as_of < {day}"
    sets = vendor == "postgresql"
    outer = f"""
        SELECT {"GROUPING(a.r_unit)" if sets else "0"}, a.r_unit, a.r_task,
          MAX(a.r_received) FILTER (WHERE a.r_received <= {day}), MAX(a.last_submitted_as_of),
          MAX(a.r_completed) FILTER (WHERE {done}),
          COUNT(*), COUNT(*) FILTER (WHERE a.due_as_of <= {day}),
          COUNT(*) FILTER (WHERE {done} AND a.r_completed <= a.due_as_of),
          COUNT(*) FILTER (WHERE {done} AND a.r_completed > a.due_as_of),
          COUNT(*) FILTER (WHERE {still_open} AND a.due_as_of >= {day}),
          COUNT(*) FILTER (WHERE {still_open} AND {overdue}),
          COUNT(*) FILTER (WHERE {still_open} AND a.latest_submission_status = %s),
          COUNT(*) FILTER (WHERE {still_open} AND a.latest_submission_status = %s),
          SUM(CASE WHEN {done} THEN CASE WHEN a.r_completed > a.due_as_of
                                         THEN {_days(vendor, 'a.r_completed', 'a.due_as_of')} ELSE 0 END
                   WHEN {overdue} THEN {_days(vendor, day, 'a.due_as_of')} ELSE 0 END),
          SUM(a.extensions_granted),
          COUNT(*) FILTER (WHERE {done} AND a.due_as_of <= {day}),
          MIN(a.due_as_of) FILTER (WHERE {still_open} AND {overdue}),
          MAX(a.due_as_of) FILTER (WHERE {still_open} AND {overdue})
        FROM ({sql} {_fence(vendor)}) a
        GROUP BY {"GROUPING SETS ((a.r_unit), (a.r_task))" if sets else "a.r_unit, a.r_task"}
    """
    outer_params = [Submission.Status.PENDING.value, Submission.Status.RETURNED.value, *params]
    with connection.cursor() as cursor:
        cursor.execute(outer, outer_params)
        rows = cursor.fetchall()
    by_unit, by_task, overdue_by_task = {}, {}, {}
    zone = timezone.get_current_timezone()
    for grouping, unit, task, received, submitted, completed, *counts, first_due, last_due in rows:
        row = [_as_date(received), _as_local_day(submitted, zone), _as_date(completed), *(int(n or 0) for n in counts)]
        if sets:  # GROUPING(r_unit) is 0 in the rows per unit, 1 in the rows per task
            (by_task if grouping else by_unit)[task if grouping else unit] = row
        else:
            for found, key in ((by_unit, unit), (by_task, task)):
                found[key] = add_counts(found[key], row) if key in found else row
        if (grouping or not sets) and first_due is not None:
            _add_overdue(overdue_by_task, task, (counts[OPEN_OVERDUE], _as_date(first_due), _as_date(last_due)))
    # Counted per task, then added up per part here: the tasks' parts joined to every
    # assignment in SQL cost more than the counts (docs/performance.md).
    by_part = {}
    for task, part in Task.objects.filter(pk__in=list(by_task)).values_list("pk", "section__number"):
        row = by_task[task]
        by_part[part] = add_counts(by_part[part], row) if part in by_part else row
    return Totals(by_unit, by_part, overdue_by_task)


def _add_overdue(found, task, bounds):
    """Add (count, first deadline, last deadline) of overdue work to a task's in `found`."""
    if task in found:
        count, first, last = found[task]
        bounds = (count + bounds[0], min(first, bounds[1]), max(last, bounds[2]))
    found[task] = bounds


def merge_overdue(found, more):
    """overdue_by_task of two sets of assignments, one dict."""
    for task, bounds in more.items():
        _add_overdue(found, task, bounds)
    return found


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
