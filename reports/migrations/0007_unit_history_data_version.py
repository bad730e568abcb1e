"""The data version (reports.versioning) also follows the units' history: the dashboard names
units as of its date (tasks.UnitVersion) and counts moved work for the unit that held it then
(tasks.Reorganisation), so a write to either must make new cache keys. Same triggers as
migration 0003 (its function, its trigger names), on two more tables."""

from importlib import import_module

from django.db import migrations

# Frozen: the tables this migration watches.
WATCHED_MODELS = ("tasks.UnitVersion", "tasks.Reorganisation")

_0003 = import_module("reports.migrations.0003_dataversion")


def _tables(apps):
    return [apps.get_model(label)._meta.db_table for label in WATCHED_MODELS]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    for table in _tables(apps):
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER {quote(_0003._trigger(table))} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {_0003.FUNCTION}()"
            )
        elif vendor == "sqlite":
            for operation in _0003.OPERATIONS:
                schema_editor.execute(
                    f"CREATE TRIGGER {quote(_0003._trigger(table, operation))} AFTER {operation} "
                    f"ON {quote(table)} FOR EACH ROW BEGIN {_0003.SQLITE_BODY} END"
                )
        else:
            raise NotImplementedError(f"reports.DataVersion has no triggers for {vendor}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    for table in _tables(apps):
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(_0003._trigger(table))} ON {quote(table)}")
        elif vendor == "sqlite":
            for operation in _0003.OPERATIONS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(_0003._trigger(table, operation))}")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_report_reaper_schedule"),
        ("tasks", "0008_unit_history"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
