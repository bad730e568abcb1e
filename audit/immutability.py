"""The audit table is append-only in the database too (migration audit/0003_append_only_triggers).

Triggers refuse, whatever sends the SQL:
- UPDATE, except the one the database itself needs: clearing `actor_id` or `unit_id` when the
  account or unit they point to is deleted (Django's SET_NULL). Every recorded text stays.
- DELETE, always on PostgreSQL; on SQLite unless this process marked its own connection as in
  maintenance (the SQL function `tuson_audit_maintenance()` exists only inside the portal's
  processes, so no SQL statement can switch it on; the sqlite3 shell cannot delete either).
- TRUNCATE (PostgreSQL) unless the session set `tuson.audit_maintenance` to `on`.

Maintenance means emptying a whole database: `manage.py flush`, which the test suite runs
after every transactional test (audit/management/commands/flush.py wraps it in `maintenance`).
"""

from contextlib import contextmanager

from django.db import DatabaseError

SETTING = "tuson.audit_maintenance"
SQLITE_FUNCTION = "tuson_audit_maintenance"
_FLAG = "tuson_audit_maintenance"


def register_sqlite_function(sender=None, connection=None, **kwargs):
    """connection_created receiver: give a new SQLite connection the function the delete
    trigger asks. It answers 1 only while `maintenance()` runs on that same connection."""
    if connection is None or connection.vendor != "sqlite" or connection.connection is None:
        return
    connection.connection.create_function(
        SQLITE_FUNCTION, 0, lambda: 1 if getattr(connection, _FLAG, False) else 0
    )


@contextmanager
def maintenance(connection):
    """Allow emptying the audit table on `connection` for the duration of the block."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [SETTING])
    setattr(connection, _FLAG, True)
    try:
        yield
    finally:
        setattr(connection, _FLAG, False)
        if connection.vendor == "postgresql":
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config(%s, 'off', false)", [SETTING])
            except DatabaseError:  # the connection broke: the setting dies with it
                pass
