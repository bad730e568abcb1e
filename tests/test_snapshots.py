"""The fixture replay of tests/snapshots.py writes exactly the rows the real build wrote."""

import pytest
from django.db import transaction

from directives.loading import load_file
from reports.versioning import read_version
from tasks.models import Unit
from tests import snapshots
from tests.conftest import DIRECTIVE_FILE


class Undo(Exception):
    pass


def rows_now():
    return {table: rows for table, (_columns, _json, rows) in snapshots._dump(snapshots._tables()).items()
            if table not in snapshots.TRIGGER_WRITTEN}


def in_savepoint(fn):
    """fn()'s result, and the rows it left, then undone."""
    try:
        with transaction.atomic():
            result = fn()
            rows = rows_now()
            raise Undo
    except Undo:
        return result, rows


@pytest.fixture
def fresh_key(request):
    key = ("test", request.node.nodeid)
    yield key
    snapshots._recorded.pop(key, None)


def test_a_replay_writes_the_rows_of_the_real_load(db, fresh_key):
    builds = []

    def build():
        builds.append(1)
        return load_file(DIRECTIVE_FILE).directive.pk

    first, built = in_savepoint(lambda: snapshots.replayed(fresh_key, build))
    second, replayed = in_savepoint(lambda: snapshots.replayed(fresh_key, build))
    assert builds == [1]
    assert first == second
    assert replayed == built
    assert sum(len(rows) for rows in replayed.values()) > 500


def test_the_data_version_a_replay_leaves_is_a_new_one(db, fresh_key):
    """Written by the triggers, with a fresh salt: never a version an earlier test's cached
    dashboard is filed under."""
    in_savepoint(lambda: snapshots.replayed(fresh_key, lambda: load_file(DIRECTIVE_FILE)))
    before = read_version()
    snapshots.replayed(fresh_key, lambda: pytest.fail("should have been replayed"))
    assert read_version() != before


def test_a_database_not_as_recorded_builds_for_real(db, fresh_key):
    in_savepoint(lambda: snapshots.replayed(fresh_key, lambda: Unit.objects.create(key="u-1", name="Một", kind=Unit.Kind.WARD)))
    Unit.objects.create(key="u-0", name="Không", kind=Unit.Kind.WARD)
    builds = []
    snapshots.replayed(fresh_key, lambda: builds.append(Unit.objects.create(key="u-1", name="Một", kind=Unit.Kind.WARD)))
    assert len(builds) == 1


def test_replay_can_be_turned_off(db, fresh_key, monkeypatch):
    in_savepoint(lambda: snapshots.replayed(fresh_key, lambda: None))
    monkeypatch.setenv("TUSON_TEST_REPLAY", "0")
    builds = []
    snapshots.replayed(fresh_key, lambda: builds.append(1))
    assert builds == [1]
