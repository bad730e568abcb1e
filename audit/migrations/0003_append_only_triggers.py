"""Database triggers that make the audit table append-only (see audit/immutability.py).

PostgreSQL: one row trigger for UPDATE and DELETE and one statement trigger for TRUNCATE,
calling one function. SQLite (development and tests): a row trigger for UPDATE and one for
DELETE. An UPDATE is let through only when it changes nothing but clearing `actor_id` or
`unit_id` (Django's SET_NULL when that account or unit is deleted). DELETE and TRUNCATE pass
only in maintenance (a whole-database flush). The reverse drops them.

The SQLite column list is frozen here: a migration that adds a column to the table, or makes
SQLite rebuild it (which drops its triggers), must create these triggers again;
tests/audit/test_append_only.py fails until it does.
"""

from django.db import migrations

TABLE = "audit_auditentry"
FUNCTION = "audit_auditentry_refuse_change"
MESSAGE = "audit entries are append-only"

PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF to_jsonb(NEW) - 'actor_id' - 'unit_id' = to_jsonb(OLD) - 'actor_id' - 'unit_id'
       AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
       AND (NEW.unit_id IS NULL OR NEW.unit_id = OLD.unit_id) THEN
      RETURN NEW;
    END IF;
  ELSIF TG_OP = 'TRUNCATE' AND current_setting('tuson.audit_maintenance', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION '{MESSAGE}: % refused on %', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
"""
PG_TRIGGERS = [
    f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
    f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
]

_UNCHANGED = " AND ".join(
    f"NEW.{column} IS OLD.{column}"
    for column in ("id", "at", "actor_name", "action", "object_type", "object_id", "object_repr",
                   "changes", "ip_address")
)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} FOR EACH ROW "
    f"WHEN NOT ({_UNCHANGED} AND (NEW.actor_id IS NULL OR NEW.actor_id IS OLD.actor_id) "
    f"AND (NEW.unit_id IS NULL OR NEW.unit_id IS OLD.unit_id)) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END",
    # tuson_audit_maintenance() is registered by the portal on each of its connections
    # (audit/immutability.py); where it is missing the DELETE fails too.
    f"CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE} FOR EACH ROW "
    f"WHEN tuson_audit_maintenance() IS NOT 1 "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END",
]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)  # the body's % is PL/pgSQL's
        for statement in PG_TRIGGERS:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"audit has no append-only triggers for {vendor}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_update")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_delete")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_alter_auditentry_options_and_more"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
