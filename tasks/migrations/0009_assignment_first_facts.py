"""Facts about each assignment's FIRST submission and FIRST approved extension, kept on the
assignment by the same triggers as the latest ones (migration tasks/0005), so that the status
"as of" a day before them is read from the row itself too (docs/performance.md).

The latest facts answer every day after the last write; these answer every day before the
first one: no submission had come, no extension had been approved, and the deadline in force
was the one the first approved extension moved (its `previous_due_date`). Only a day between
the first and the last of several submissions or extensions still looks the rows up.

- first_submitted_at: the earliest submitted_at of its submissions;
- first_extension_at, first_extension_due: the decided_at and previous_due_date of its first
  approved extension (by decided_at, then id; one decided at a known time).

The triggers of 0005 call one function per database (PostgreSQL) or repeat one UPDATE per
table and operation (SQLite): here the function is replaced and the SQLite triggers are made
again with the UPDATE of every fact, then every assignment is backfilled. Backwards, 0005's
function and triggers come back before the columns go. Every column is nullable, so that
SQLite adds and drops them in place (a rebuilt table loses its triggers).
"""

import importlib

from django.db import migrations, models

latest = importlib.import_module("tasks.migrations.0005_assignment_latest_facts")

PG_SYNC = f"""
CREATE OR REPLACE FUNCTION {latest.SYNC}(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE tasks_assignment a SET
    last_submitted_at = f.submitted_at, last_submission_status = f.status,
    last_decided_at = f.decided_at, last_extension_at = f.extension_at,
    first_submitted_at = f.first_submitted_at, first_extension_at = f.first_extension_at,
    first_extension_due = f.first_extension_due
  FROM (
    SELECT x.id, s.submitted_at, s.first_submitted_at, l.status, l.decided_at,
      (SELECT MAX(e.decided_at) FROM tasks_extensionrequest e
        WHERE e.assignment_id = x.id AND e.status = 'approved') AS extension_at,
      fe.decided_at AS first_extension_at, fe.previous_due_date AS first_extension_due
    FROM unnest(ids) AS x(id)
    LEFT JOIN LATERAL (
      SELECT MAX(s.submitted_at) AS submitted_at, MIN(s.submitted_at) AS first_submitted_at
      FROM tasks_submission s WHERE s.assignment_id = x.id
    ) s ON true
    LEFT JOIN LATERAL (
      SELECT s.status, s.decided_at FROM tasks_submission s
      WHERE s.assignment_id = x.id ORDER BY s.version DESC LIMIT 1
    ) l ON true
    LEFT JOIN LATERAL (
      SELECT e.decided_at, e.previous_due_date FROM tasks_extensionrequest e
      WHERE e.assignment_id = x.id AND e.status = 'approved' AND e.decided_at IS NOT NULL
      ORDER BY e.decided_at, e.id LIMIT 1
    ) fe ON true
  ) f
  WHERE a.id = f.id
    AND (a.last_submitted_at, a.last_submission_status, a.last_decided_at, a.last_extension_at,
         a.first_submitted_at, a.first_extension_at, a.first_extension_due)
        IS DISTINCT FROM (f.submitted_at, f.status, f.decided_at, f.extension_at,
                          f.first_submitted_at, f.first_extension_at, f.first_extension_due);
$$;
"""


def sqlite_sync(assignment_id, *, every=False):
    """One UPDATE recomputing every fact (0005's and these) of the assignment `assignment_id`
    (an SQL expression); `every`: of every assignment (`assignment_id` then names each row's
    own id)."""
    where = "" if every else f"\n  WHERE id = {assignment_id}"
    submissions = f"FROM tasks_submission WHERE assignment_id = {assignment_id}"
    latest_version = f"{submissions} ORDER BY version DESC LIMIT 1"
    approved = f"FROM tasks_extensionrequest WHERE assignment_id = {assignment_id} AND status = 'approved'"
    first_approved = f"{approved} AND decided_at IS NOT NULL ORDER BY decided_at, id LIMIT 1"
    return f"""
  UPDATE tasks_assignment SET
    last_submitted_at = (SELECT MAX(submitted_at) {submissions}),
    last_submission_status = (SELECT status {latest_version}),
    last_decided_at = (SELECT decided_at {latest_version}),
    last_extension_at = (SELECT MAX(decided_at) {approved}),
    first_submitted_at = (SELECT MIN(submitted_at) {submissions}),
    first_extension_at = (SELECT decided_at {first_approved}),
    first_extension_due = (SELECT previous_due_date {first_approved}){where};"""


def backfill_sql(vendor):
    """The statements computing every fact of every assignment from the rows already there."""
    if vendor == "postgresql":
        return latest.backfill_sql(vendor)
    return sqlite_sync("tasks_assignment.id", every=True)


def _sqlite_triggers(schema_editor, sync):
    quote = schema_editor.quote_name
    for table in latest.TABLES:
        for operation, rows in latest.SQLITE_ROWS.items():
            name = quote(latest._trigger(table, operation))
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            body = "".join(sync(f"{row}.assignment_id") for row in rows)
            schema_editor.execute(f"CREATE TRIGGER {name} AFTER {operation} ON {quote(table)} "
                                  f"FOR EACH ROW BEGIN {body} END")


def keep_first_facts(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_SYNC)
    elif vendor == "sqlite":
        _sqlite_triggers(schema_editor, sqlite_sync)
    else:
        raise NotImplementedError(f"tasks.Assignment has no fact triggers for {vendor}")
    schema_editor.execute(backfill_sql(vendor))


def keep_latest_facts_only(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(latest.PG_SYNC)
    elif vendor == "sqlite":
        _sqlite_triggers(schema_editor, latest.sqlite_sync)


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0008_unit_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="first_submitted_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="lần nộp đầu tiên"),
        ),
        migrations.AddField(
            model_name="assignment",
            name="first_extension_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="thời điểm gia hạn đầu tiên"),
        ),
        migrations.AddField(
            model_name="assignment",
            name="first_extension_due",
            field=models.DateField(editable=False, null=True, verbose_name="thời hạn trước lần gia hạn đầu tiên"),
        ),
        migrations.RunPython(keep_first_facts, keep_latest_facts_only),
    ]
