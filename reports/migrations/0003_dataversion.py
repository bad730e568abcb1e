"""The data version (reports.versioning) and the database triggers that bump it.

PostgreSQL: one AFTER … FOR EACH STATEMENT trigger per watched table (INSERT, UPDATE, DELETE,
TRUNCATE) calling one function; a bulk update of 100,000 rows bumps once. SQLite (development
and tests) has row triggers only: one per table and operation. Either way the bump is part of
the writing transaction: readers see the new version when, and only when, they can see the
new data. The reverse drops the triggers and the function.
"""

from django.db import migrations, models

# Frozen copy of reports.versioning.WATCHED_MODELS at this migration: watching another table
# takes a new migration.
WATCHED_MODELS = (
    "tasks.Assignment", "tasks.Submission", "tasks.ExtensionRequest", "tasks.Unit",
    "directives.Directive", "directives.Section", "directives.Task",
    "reminders.ReminderLog", "reminders.Urge",
)
FUNCTION = "reports_bump_data_version"
OPERATIONS = ("INSERT", "UPDATE", "DELETE")

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reports_dataversion (id, counter, salt)
  VALUES (1, 1, floor(random() * 9e18)::bigint)
  ON CONFLICT (id) DO UPDATE
    SET counter = reports_dataversion.counter + 1, salt = EXCLUDED.salt;
  RETURN NULL;
END
$$;
"""

SQLITE_BODY = """
  INSERT OR IGNORE INTO reports_dataversion (id, counter, salt) VALUES (1, 0, 0);
  UPDATE reports_dataversion SET counter = counter + 1, salt = random() WHERE id = 1;
"""


def _tables(apps):
    return [apps.get_model(label)._meta.db_table for label in WATCHED_MODELS]


def _trigger(table, operation=""):
    return f"{table}_dv_{operation.lower()}".rstrip("_")[:60]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        for table in _tables(apps):
            schema_editor.execute(
                f"CREATE TRIGGER {quote(_trigger(table))} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
    elif vendor == "sqlite":
        for table in _tables(apps):
            for operation in OPERATIONS:
                schema_editor.execute(
                    f"CREATE TRIGGER {quote(_trigger(table, operation))} AFTER {operation} "
                    f"ON {quote(table)} FOR EACH ROW BEGIN {SQLITE_BODY} END"
                )
    else:
        raise NotImplementedError(f"reports.DataVersion has no triggers for {vendor}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    for table in _tables(apps):
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(_trigger(table))} ON {quote(table)}")
        elif vendor == "sqlite":
            for operation in OPERATIONS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(_trigger(table, operation))}")
    if vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


def create_row(apps, schema_editor):
    apps.get_model("reports", "DataVersion").objects.get_or_create(id=1)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_monthly_report_schedule"),
        ("tasks", "0002_explanationrequest_extensionrequest"),
        ("directives", "0003_importdraft"),
        ("reminders", "0002_schedule_and_policies"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("counter", models.BigIntegerField(default=0, verbose_name="số lần thay đổi")),
                ("salt", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "phiên bản dữ liệu",
                "verbose_name_plural": "phiên bản dữ liệu",
            },
        ),
        migrations.RunPython(create_row, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
