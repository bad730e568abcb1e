"""The dashboard counts from the assignments' facts (reports.dashboard.facts, .counting): the
status filter and the work whose history straddles the day agree with with_status; the facts
are read once per data version, shared between processes, and read alike by PostgreSQL's
binary COPY and by the ORM."""

from array import array

import numpy as np
import pytest

from reports.dashboard import counting, facts
from reports.dashboard import histories as dashboard_histories
from reports.dashboard.filters import DashboardFilters
from reports.dashboard.selectors import scoped_base
from tasks.models import Assignment
from tasks.status import Status
from tests.conftest import require_service, uses_postgres
from tests.reports.conftest import d
from tests.reports.test_dashboard_totals import DAYS, counted, expected_totals, histories, scoped  # noqa: F401


def test_counts_of_one_status_are_with_status_s(histories):
    reached = set()
    for day in DAYS[::3]:
        for status in Status.values:
            qs = scoped(histories, day, DashboardFilters(status=status))
            expected = expected_totals(qs, day)
            assert counted(qs, day)[:2] == expected, (day, status)
            if expected[0]:
                reached.add(status)
    assert reached == set(Status.values)


def test_work_whose_history_straddles_the_day_is_read_from_its_submissions_and_extensions(histories, monkeypatch):
    """Submitted or extended both before and after the day: its deadline in force, latest
    status, extensions and last submission then come from its history
    (reports.dashboard.histories), and the facts alone would count it wrongly."""
    base = base_of(histories)
    history = facts.assignment_facts(base)
    assert len(history.submissions["position"]) and len(history.approvals["position"])
    for day in DAYS:
        qs = scoped(histories, day, DashboardFilters())
        assert counted(qs, day)[:2] == expected_totals(qs, day), day

    monkeypatch.setattr(dashboard_histories, "straddling", lambda *args: None)
    wrong = set()
    for day in DAYS:
        facts.forget()
        qs = scoped(histories, day, DashboardFilters())
        if counted(qs, day)[:2] != expected_totals(qs, day):
            wrong.add(day)
    assert 0 < len(wrong) < len(DAYS)


def base_of(histories):
    return scoped_base(histories.directive, histories.reviewer, whole=True)


def test_the_facts_are_read_once_per_data_version_and_shared(histories, monkeypatch):
    reads = []
    original = facts._read
    monkeypatch.setattr(facts, "_read", lambda base: reads.append(1) or original(base))
    base = base_of(histories)
    first = counting.count(base, d(10, 5))
    assert counting.count(base, d(20, 5)) and len(reads) == 1  # another date: the same facts
    facts.forget()  # another process: the shared cache has them
    assert counting.count(base, d(10, 5)) == first and len(reads) == 1
    work = Assignment.objects.filter(unit=histories.other).order_by("pk").first()
    Assignment.objects.filter(pk=work.pk).update(completed_on=d(1, 5))  # a write: a new data version
    after = counting.count(base_of(histories), d(10, 5))
    assert len(reads) == 2
    assert after != first


def test_one_computation_reads_one_set_of_facts(histories):
    """A pinned selection (one page's computation) asks for the data version once and keeps
    that set to its end, a write meanwhile notwithstanding; the next computation reads anew."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    base = facts.pinned(base_of(histories))
    first = facts.assignment_facts(base)
    work = Assignment.objects.filter(unit=histories.other).order_by("pk").first()
    Assignment.objects.filter(pk=work.pk).update(completed_on=d(1, 5))  # a new data version
    with CaptureQueriesContext(connection) as queries:
        assert facts.assignment_facts(base) is first
    assert len(queries) == 0
    assert facts.assignment_facts(base_of(histories)) is not first
    assert facts.assignment_facts(facts.pinned(base_of(histories))) is not first


def test_postgresql_s_binary_copy_reads_what_the_orm_reads(histories):
    require_service("PostgreSQL", uses_postgres(), "the binary COPY is PostgreSQL's")
    base = base_of(histories)
    rows = base.order_by().values_list(*facts.COLUMNS)
    copied, fetched = facts._copied(rows, facts.COLUMNS), facts._fetched(rows, facts.COLUMNS)
    assert len(copied["id"]) == Assignment.objects.filter(task__directive=histories.directive).count()
    for name in facts.COLUMNS:
        assert np.array_equal(np.sort(copied[name]), np.sort(fetched[name])), name
    order = np.argsort(copied["id"])
    rows = np.stack([copied[name][order] for name in facts.COLUMNS])
    again = np.stack([fetched[name][np.argsort(fetched["id"])] for name in facts.COLUMNS])
    assert np.array_equal(rows, again)
    assert (rows[facts.COLUMNS.index("last_submission_status")] > 0).any()
    assert (rows[facts.COLUMNS.index("last_extension_at")] < facts.NEVER).any()


def test_the_histories_read_by_copy_are_the_orm_s(histories, monkeypatch):
    require_service("PostgreSQL", uses_postgres(), "the binary COPY is PostgreSQL's")
    copied = facts._read(base_of(histories))
    monkeypatch.setattr(facts, "_copied", facts._fetched)
    fetched = facts._read(base_of(histories))
    for name in ("submissions", "approvals"):
        mine, theirs = getattr(copied, name), getattr(fetched, name)
        assert len(mine["position"]) and mine.keys() == theirs.keys(), name
        for column in mine:
            assert np.array_equal(mine[column], theirs[column]), (name, column)


@pytest.mark.parametrize("day", [d(1, 1), d(30, 6)])
def test_no_assignment_counts_to_empty_figures(world, day):
    base = scoped_base(world.directive, world.reviewer, DashboardFilters(unit_id=999_999), whole=True)
    assert counting.count(base, day) == ({}, {}, array("q"), {})


@pytest.mark.parametrize("zone_name", ["Asia/Ho_Chi_Minh", "Europe/Paris", "America/St_Johns"])
def test_local_days_of_binary_timestamps_are_python_s(zone_name):
    """PostgreSQL's binary timestamps (microseconds since 2000, UTC) to local days, across
    midnights and summer time's changes (Paris: 27/03 and 30/10/2022; St John's: half hours)."""
    import datetime
    import zoneinfo

    zone = zoneinfo.ZoneInfo(zone_name)
    utc = datetime.timezone.utc
    instants = [datetime.datetime(2022, month, day, hour, minute, tzinfo=utc)
                for month, day in ((3, 26), (3, 27), (3, 28), (10, 29), (10, 30), (12, 31))
                for hour in range(24) for minute in (0, 29, 59)]
    epoch = datetime.datetime(2000, 1, 1, tzinfo=utc)
    micros = np.array([(t - epoch) // datetime.timedelta(microseconds=1) for t in instants] + [facts.INFINITY])
    expected = [(t.astimezone(zone).date() - facts.EPOCH).days for t in instants] + [facts.NEVER]
    assert facts.local_days(micros, zone).tolist() == expected


def test_local_days_far_apart_are_read_by_the_days_there_are():
    import datetime
    import zoneinfo

    zone = zoneinfo.ZoneInfo("Europe/Paris")
    utc = datetime.timezone.utc
    instants = [datetime.datetime(1971, 7, 1, 22, 30, tzinfo=utc), datetime.datetime(2022, 3, 27, 0, 30, tzinfo=utc),
                datetime.datetime(2022, 3, 27, 1, 30, tzinfo=utc), datetime.datetime(2090, 12, 31, 23, 30, tzinfo=utc)]
    epoch = datetime.datetime(2000, 1, 1, tzinfo=utc)
    micros = np.array([(t - epoch) // datetime.timedelta(microseconds=1) for t in instants])
    assert facts.local_days(micros, zone).tolist() == [(t.astimezone(zone).date() - facts.EPOCH).days for t in instants]


def test_the_matrix_cells_inputs_are_with_status_s(histories):
    """counting.cells gives each assignment of the units asked for with_status's inputs on
    the day, with a status filter too."""
    from reports.dashboard import rules
    from tests.reports.test_dashboard_totals import scoped_assignments

    units = [histories.other.pk, histories.ward_a.pk]
    for day in DAYS[::2]:
        for status in ("", Status.OVERDUE, Status.AWAITING_REVIEW):
            filters = DashboardFilters(status=status)
            qs = scoped_assignments(histories.directive, histories.reviewer, day, filters)
            expected = sorted(qs.filter(unit_id__in=units).values_list("pk", "unit_id", "task_id", *rules.INPUTS))
            base = scoped_base(histories.directive, histories.reviewer, filters, whole=True)
            assert sorted(counting.cells(base, day, units, status=status).rows()) == expected, (day, status)




def test_the_page_s_matrix_markup_is_that_of_its_cells(histories):
    """build_matrix with `html` (the page's, made per look without cell objects) gives each
    row the markup the cells themselves render to (MatrixHtml.row), with and without links."""
    from reports.dashboard.matrix import build_matrix
    from reports.templatetags.dashboard_tags import MatrixHtml
    from tuson_qp.links import url_maker

    base = scoped_base(histories.directive, histories.reviewer, DashboardFilters(), whole=True)
    units = [(histories.other.pk, "Khác"), (histories.ward_a.pk, "Phường A")]
    for link in (url_maker("tasks:assignment_detail"), None):
        for day in DAYS[::3]:
            def matrix(html):
                return build_matrix(day, units, 1, None, html=html,
                                    rows_of=lambda ids, held: counting.cells(base, day, ids, held))
            plain, marked = matrix(None), matrix(MatrixHtml(link))
            assert [row.html for row in marked.rows] == [MatrixHtml(link).row(row.cells) for row in plain.rows]
            assert all(row.cells == [] for row in marked.rows)
            assert sum(cell is not None for row in plain.rows for cell in row.cells) > 1, day


def test_the_matrix_cells_of_one_key_look_alike(histories):
    """Cells.keyed_rows: the matrix works a cell's status, group, deadline and colour out once
    per key; every cell of a key gets from its own inputs what the key's inputs give."""
    from reports.dashboard import rules
    from reports.dashboard.matrix import cell_state

    def look(day, inputs):
        status, bucket = rules.status_and_bucket(day, *inputs)
        return status, bucket, inputs[0], cell_state(status, bucket, inputs[0], day)

    units = [histories.other.pk, histories.ward_a.pk]
    base = scoped_base(histories.directive, histories.reviewer, DashboardFilters(), whole=True)
    for day in DAYS:
        cells = counting.cells(base, day, units)
        own = {pk: inputs for pk, _unit, _task, *inputs in cells.rows()}
        rows, inputs_of = cells.keyed_rows(day)
        assert sorted(pk for pk, *_rest in rows) == sorted(own)
        for pk, _unit, _task, key in rows:
            assert look(day, own[pk]) == look(day, inputs_of[key]), (day, pk)


@pytest.mark.django_db
def test_jit_is_set_off_for_the_dashboard_only_where_the_connection_left_it_on():
    """The portal's connections start with JIT off (settings): the dashboard's queries need no
    transaction of their own; with DATABASE_JIT the connection keeps it and they set it off."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.dashboard.aggregate import analytic_queries, jit_off

    require_service("PostgreSQL", uses_postgres(), "JIT is PostgreSQL's")
    assert jit_off(connection)
    with CaptureQueriesContext(connection) as queries, analytic_queries():
        pass
    assert not [q for q in queries if "jit" in q["sql"]]
    options = connection.settings_dict.setdefault("OPTIONS", {})
    kept = options.get("options", "")
    options["options"] = kept.replace("-c jit=off", "").strip()
    try:
        with CaptureQueriesContext(connection) as queries, analytic_queries():
            pass
    finally:
        options["options"] = kept
    assert [q["sql"] for q in queries if "jit" in q["sql"]] == ["SET LOCAL jit = off"]
