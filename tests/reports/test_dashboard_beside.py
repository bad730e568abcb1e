"""The dashboard's pieces computed on a second connection (reports.dashboard.beside): the same
figures as one connection computes them, read in the same snapshot.

Transactional tests: inside the transaction a test normally runs in, the second connection
could not see the test's rows, and dashboard_data keeps to one connection."""

import threading

import pytest
from django.db import connection, transaction

from reports.dashboard import beside, selectors
from reports.dashboard.selectors import dashboard_data
from tasks.models import Assignment
from tests.conftest import require_service, uses_postgres
from tests.reports.conftest import AS_OF

pytestmark = pytest.mark.django_db(transaction=True)


def shown(data):
    """What the page shows of `data`, as plain values."""
    units = [(u.unit_id, u.name, u.kind_label, u.assignments, u.done_on_time, u.open_overdue,
              u.awaiting_review, u.rank, u.last_activity) for u in data.units]
    matrix = [(row.unit_id, row.name, [c and (c.assignment_id, c.state, c.text) for c in row.cells])
              for row in data.matrix.rows]
    overdue = [(r.assignment_id, r.days_overdue, r.status, r.last_contact) for r in data.overdue]
    return ([b.count for b in data.summary.buckets], units, [t.key for t in data.matrix.tasks], matrix,
            overdue, data.overdue_page, data.overdue_pages)


@pytest.fixture
def threads_used(monkeypatch):
    """The names of the threads that computed the pieces besides the counts."""
    names = []
    original = selectors._beside_counts

    def recording(*args, **kwargs):
        names.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(selectors, "_beside_counts", recording)
    return names


def test_the_pieces_computed_beside_the_counts_are_those_of_one_connection(world, threads_used):
    require_service("PostgreSQL", uses_postgres(), "the second connection shares a PostgreSQL snapshot")
    world.grow(3, tasks=4)
    for page in (1, 2):
        parallel = dashboard_data(world.directive, world.reviewer, AS_OF, matrix_units=2, matrix_page=page,
                                  overdue_per_page=2, overdue_page=page)
        with transaction.atomic():  # a transaction of the caller's own: one connection
            alone = dashboard_data(world.directive, world.reviewer, AS_OF, matrix_units=2, matrix_page=page,
                                   overdue_per_page=2, overdue_page=page)
        assert shown(parallel) == shown(alone)
        assert len(parallel.matrix.rows) == 2 and len(parallel.overdue) == 2
    assert len(threads_used) == 2 and all(name.startswith("dashboard-beside") for name in threads_used)


def test_an_overdue_page_past_the_last_one_is_read_again_as_the_last(world):
    require_service("PostgreSQL", uses_postgres(), "the second connection shares a PostgreSQL snapshot")
    data = dashboard_data(world.directive, world.reviewer, AS_OF, overdue_per_page=3, overdue_page=99)
    assert (data.overdue_page, data.overdue_pages) == (2, 2)
    assert [r.assignment_id for r in data.overdue] == [
        r.assignment_id for r in dashboard_data(world.directive, world.reviewer, AS_OF).overdue[3:]]


def test_a_write_committed_meanwhile_is_seen_by_neither_connection(world, monkeypatch, threads_used):
    """The write lands after the request's snapshot is exported and before the second
    connection imports it: the overdue list (second connection) still agrees with the counts
    (first connection), and the next request sees the write in both."""
    require_service("PostgreSQL", uses_postgres(), "the second connection shares a PostgreSQL snapshot")
    dept_work = Assignment.objects.get(unit=world.dept, task__key="1.1")  # overdue 40 days on AS_OF
    original_run = beside._run

    def write_then_run(*args):
        # This thread's own connection, autocommit: committed before the snapshot is imported.
        Assignment.objects.filter(pk=dept_work.pk).update(completed_on=AS_OF)
        return original_run(*args)

    monkeypatch.setattr(beside, "_run", write_then_run)
    before = dashboard_data(world.directive, world.reviewer, AS_OF)
    assert threads_used
    assert before.summary.open_overdue == 4
    assert dept_work.pk in [r.assignment_id for r in before.overdue]
    monkeypatch.setattr(beside, "_run", original_run)
    after = dashboard_data(world.directive, world.reviewer, AS_OF)
    assert after.summary.open_overdue == 3
    assert dept_work.pk not in [r.assignment_id for r in after.overdue]


def test_when_every_thread_is_taken_the_request_does_the_work_itself(world, threads_used):
    require_service("PostgreSQL", uses_postgres(), "the second connection shares a PostgreSQL snapshot")
    shared = shown(dashboard_data(world.directive, world.reviewer, AS_OF))
    assert len(threads_used) == 1
    _pool, slots = beside._executor()
    taken = 0
    while slots.acquire(blocking=False):  # as if other requests of the process held them all
        taken += 1
    try:
        alone = shown(dashboard_data(world.directive, world.reviewer, AS_OF))
    finally:
        for _ in range(taken):
            slots.release()
    assert taken >= 1 and len(threads_used) == 1  # nothing more ran beside, and nothing waited
    assert alone == shared


def test_without_postgresql_or_inside_a_transaction_one_connection_does_it_all(world, settings):
    assert beside.Beside.possible(connection.alias) is uses_postgres()
    with transaction.atomic():
        assert not beside.Beside.possible(connection.alias)
    settings.DASHBOARD_PARALLEL = False
    assert not beside.Beside.possible(connection.alias)
