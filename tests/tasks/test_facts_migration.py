"""Migration tasks/0005 backwards and forwards again: the fact triggers go and come back, and
the data-version triggers of reports/0003 survive (SQLite rebuilds tasks_assignment when the
fact columns are removed, which drops the triggers on it)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

FACTS = ("tasks", "0005_assignment_latest_facts")
BEFORE = ("tasks", "0004_extension_closed")


def triggers(table):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = %s::regclass",
                           [table])
        return {name for (name,) in cursor.fetchall()}


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def migrate_to_the_latest():
    """Every app forward again: going back to tasks/0004 also unapplied the migrations that
    depend on later ones (the next tests of this process need the whole schema)."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_going_back_before_the_facts_keeps_the_data_version_triggers():
    version_triggers = {t for t in triggers("tasks_assignment") if "_dv" in t}
    assert version_triggers and any("facts" in t for t in triggers("tasks_submission"))
    try:
        migrate(BEFORE)
        assert not any("facts" in t for t in triggers("tasks_submission") | triggers("tasks_extensionrequest"))
        assert {t for t in triggers("tasks_assignment") if "_dv" in t} == version_triggers
    finally:
        migrate_to_the_latest()
    assert {t for t in triggers("tasks_assignment") if "_dv" in t} == version_triggers
    assert any("facts" in t for t in triggers("tasks_submission"))


def columns(table):
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


@pytest.mark.django_db(transaction=True)
def test_going_back_before_the_first_facts_keeps_the_latest_ones_and_the_version_triggers():
    """tasks/0009 backwards: the first facts' columns go in place, 0005's triggers stay (made
    again on SQLite), as do the data-version triggers; forwards again, all come back."""
    version_triggers = {t for t in triggers("tasks_assignment") if "_dv" in t}
    fact_triggers = triggers("tasks_submission") | triggers("tasks_extensionrequest")
    assert {"first_submitted_at", "first_extension_at", "first_extension_due"} <= columns("tasks_assignment")
    try:
        migrate(("tasks", "0008_unit_history"))
        assert not {"first_submitted_at", "first_extension_at", "first_extension_due"} & columns("tasks_assignment")
        assert triggers("tasks_submission") | triggers("tasks_extensionrequest") == fact_triggers
        assert {t for t in triggers("tasks_assignment") if "_dv" in t} == version_triggers
    finally:
        migrate_to_the_latest()
    assert {"first_submitted_at", "first_extension_at", "first_extension_due"} <= columns("tasks_assignment")
    assert {t for t in triggers("tasks_assignment") if "_dv" in t} == version_triggers
