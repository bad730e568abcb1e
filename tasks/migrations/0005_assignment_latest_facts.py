"""Facts about each assignment's latest submission and extensions, kept on the assignment by
database triggers (tasks.Assignment.MAINTAINED), so that its status "as of" a day after them
is read from the row itself instead of looked up per row (docs/performance.md).

PostgreSQL: AFTER … FOR EACH STATEMENT triggers with transition tables on tasks_submission and
tasks_extensionrequest; one function recomputes the facts of the assignments a statement
touched (a bulk insert of 95,000 submissions recomputes each assignment once), and a
TRUNCATE recomputes every assignment that had facts. SQLite (development and tests): row
triggers, one per table and operation (SQLite has no TRUNCATE). Either way the facts are
written in the writing transaction. The reverse drops triggers and functions.

Every column is nullable, so that SQLite adds them in place: a table SQLite rebuilds loses
its triggers (reports/0003's data version on tasks_assignment among them). On the way back
they are dropped in place too (ALTER TABLE … DROP COLUMN: no index, no constraint), which
tests/tasks/test_facts_migration.py checks.
"""

from django.db import migrations, models

TABLES = ("tasks_submission", "tasks_extensionrequest")
SYNC = "tasks_sync_assignment_facts"
TRIGGER_FUNCTION = "tasks_assignment_facts_changed"
TRUNCATE_FUNCTION = "tasks_assignment_facts_truncated"

PG_SYNC = f"""
CREATE OR REPLACE FUNCTION {SYNC}(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE tasks_assignment a SET
    last_submitted_at = f.submitted_at, last_submission_status = f.status,
    last_decided_at = f.decided_at, last_extension_at = f.extension_at
  FROM (
    SELECT x.id,
      (SELECT MAX(s.submitted_at) FROM tasks_submission s WHERE s.assignment_id = x.id) AS submitted_at,
      l.status, l.decided_at,
      (SELECT MAX(e.decided_at) FROM tasks_extensionrequest e
        WHERE e.assignment_id = x.id AND e.status = 'approved') AS extension_at
    FROM unnest(ids) AS x(id)
    LEFT JOIN LATERAL (
      SELECT s.status, s.decided_at FROM tasks_submission s
      WHERE s.assignment_id = x.id ORDER BY s.version DESC LIMIT 1
    ) l ON true
  ) f
  WHERE a.id = f.id
    AND (a.last_submitted_at, a.last_submission_status, a.last_decided_at, a.last_extension_at)
        IS DISTINCT FROM (f.submitted_at, f.status, f.decided_at, f.extension_at);
$$;
"""

PG_TRIGGER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM {SYNC}(ARRAY(SELECT DISTINCT assignment_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM {SYNC}(ARRAY(SELECT DISTINCT assignment_id FROM old_rows));
  ELSE
    PERFORM {SYNC}(ARRAY(SELECT assignment_id FROM new_rows UNION SELECT assignment_id FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
"""

PG_TRUNCATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRUNCATE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM {SYNC}(ARRAY(SELECT id FROM tasks_assignment
                       WHERE last_submitted_at IS NOT NULL OR last_extension_at IS NOT NULL));
  RETURN NULL;
END
$$;
"""

# Transition tables per operation (PostgreSQL allows them on single-event triggers only).
PG_OPERATIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def sqlite_sync(assignment_id, *, every=False):
    """One UPDATE recomputing the facts of the assignment `assignment_id` (an SQL expression);
    `every`: of every assignment (`assignment_id` then names each row's own id)."""
    where = "" if every else f"\n  WHERE id = {assignment_id}"
    latest = f"FROM tasks_submission WHERE assignment_id = {assignment_id} ORDER BY version DESC LIMIT 1"
    return f"""
  UPDATE tasks_assignment SET
    last_submitted_at = (SELECT MAX(submitted_at) FROM tasks_submission WHERE assignment_id = {assignment_id}),
    last_submission_status = (SELECT status {latest}),
    last_decided_at = (SELECT decided_at {latest}),
    last_extension_at = (SELECT MAX(decided_at) FROM tasks_extensionrequest
                          WHERE assignment_id = {assignment_id} AND status = 'approved'){where};"""


SQLITE_ROWS = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}


def _trigger(table, operation):
    return f"{table}_facts_{operation.lower()}"


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    if vendor == "postgresql":
        schema_editor.execute(PG_SYNC)
        schema_editor.execute(PG_TRIGGER_FUNCTION)
        schema_editor.execute(PG_TRUNCATE_FUNCTION)
        for table in TABLES:
            for operation, transition in PG_OPERATIONS.items():
                schema_editor.execute(
                    f"CREATE TRIGGER {quote(_trigger(table, operation))} AFTER {operation} ON {quote(table)} "
                    f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER_FUNCTION}()"
                )
            schema_editor.execute(
                f"CREATE TRIGGER {quote(_trigger(table, 'TRUNCATE'))} AFTER TRUNCATE ON {quote(table)} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {TRUNCATE_FUNCTION}()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            for operation, rows in SQLITE_ROWS.items():
                body = "".join(sqlite_sync(f"{row}.assignment_id") for row in rows)
                schema_editor.execute(
                    f"CREATE TRIGGER {quote(_trigger(table, operation))} AFTER {operation} ON {quote(table)} "
                    f"FOR EACH ROW BEGIN {body} END"
                )
    else:
        raise NotImplementedError(f"tasks.Assignment has no fact triggers for {vendor}")
    schema_editor.execute(backfill_sql(vendor))


def backfill_sql(vendor):
    """The statement computing the facts of every assignment from the rows already there."""
    if vendor == "postgresql":
        return f"SELECT {SYNC}(ARRAY(SELECT id FROM tasks_assignment))"
    return sqlite_sync("tasks_assignment.id", every=True)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    operations = [*PG_OPERATIONS, "TRUNCATE"] if vendor == "postgresql" else list(SQLITE_ROWS)
    for table in TABLES:
        for operation in operations:
            on = f" ON {quote(table)}" if vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(_trigger(table, operation))}{on}")
    if vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TRUNCATE_FUNCTION}()")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER_FUNCTION}()")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {SYNC}(bigint[])")


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0004_extension_closed"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="last_submitted_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="lần nộp gần nhất"),
        ),
        migrations.AddField(
            model_name="assignment",
            name="last_submission_status",
            field=models.CharField(editable=False, max_length=10, null=True,
                                   verbose_name="trạng thái văn bản nộp gần nhất"),
        ),
        migrations.AddField(
            model_name="assignment",
            name="last_decided_at",
            field=models.DateTimeField(editable=False, null=True,
                                       verbose_name="thời điểm thẩm định văn bản gần nhất"),
        ),
        migrations.AddField(
            model_name="assignment",
            name="last_extension_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="thời điểm gia hạn gần nhất"),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
