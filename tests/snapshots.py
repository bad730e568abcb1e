"""Replay the rows an expensive fixture writes instead of writing them again, test after test.

Loading Chỉ thị 03-CT/TU (`directive`, some 850 queries) and the demo accounts (`cast`) is the
setup of some 400 tests. The first time from a given starting point, `replayed(key, build)`
runs `build()` for real and records, table by table, the rows it inserted and the rows it
changed (a plain `SELECT *` before and after). Every later time, if the database is exactly as
it was before one of those runs (same rows in every table, the data version's aside) and the
date is the same, that run's rows are written back with one multi-row INSERT per table (and an
UPDATE per changed row): the same rows, the same keys, the same timestamps, as if `build()` had
run again. A few starting points are kept per fixture (MAX_RECORDINGS): a worker's database
before and after a transactional test's flush, a day a test travelled to.

Anything else falls back to `build()` itself: a transactional test (its commit hooks must run,
e.g. the notifications of a load), a test that wrote rows first, a `build()` that deleted
rows. Rows only, nothing else: the function must have no effect outside the database that a
test could observe (the loader's commit hooks run only on commit, which a test's transaction
never reaches).

TUSON_TEST_REPLAY=0 turns replaying off: every fixture runs its build() (to rule it out when a
test behaves oddly).
"""

import datetime
import os

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

_recorded = {}
JSON_TYPES = (114, 3802)  # PostgreSQL's json and jsonb type OIDs (SQLite gives None)
# Rows written by database triggers, not replayed: the triggers write them again as the rows
# are inserted. The data version, above all, must come out new (a fresh random salt), or a
# dashboard cached by an earlier test under the recorded version would be served.
TRIGGER_WRITTEN = {"reports_dataversion"}
# Recordings kept per fixture, each from its own starting point: a worker's database before
# and after a transactional test's flush (which empties the tables the migrations filled),
# and the days tests travel to.
MAX_RECORDINGS = 6


def _state(dump):
    """The rows of `dump` to compare, by table; the trigger-written ones are not compared
    (the data version's salt is new at every write)."""
    return {table: rows for table, (_columns, _json, rows) in dump.items() if table not in TRIGGER_WRITTEN}


def _tables():
    """Each table of an installed model (M2M tables included) with its model and key column."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and meta.db_table not in found:
            found[meta.db_table] = (model, meta.pk.column)
    existing = set(connection.introspection.table_names())
    return {table: spec for table, spec in sorted(found.items()) if table in existing}


def _dump(tables):
    """{table: (columns, indexes of its JSON columns, {key: row})}."""
    rows = {}
    with connection.cursor() as cursor:
        for table, (_model, pk) in tables.items():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            json = {i for i, c in enumerate(cursor.description) if c[1] in JSON_TYPES}
            key = columns.index(pk)
            rows[table] = (columns, json, {row[key]: row for row in cursor.fetchall()})
    return rows


def _writable(row, json):
    """A JSON column read back as a Python value (not as its text, as Django has psycopg
    return it) is written back as JSON."""
    if not json:
        return list(row)
    from psycopg2.extras import Json

    return [Json(v) if i in json and isinstance(v, (dict, list, int, float, bool)) else v
            for i, v in enumerate(row)]


class _Recording:
    def __init__(self, before, after, result, when):
        self.before = _state(before)
        self.when = when
        self.result = result
        self.inserted, self.updated = {}, {}
        self.valid = True
        for table, (columns, json, rows) in after.items():
            if table in TRIGGER_WRITTEN:
                continue
            old = self.before[table]
            if set(old) - set(rows):
                self.valid = False  # build() deleted rows: not replayable
            new = [row for key, row in rows.items() if key not in old]
            changed = [row for key, row in rows.items() if key in old and old[key] != row]
            if new:
                self.inserted[table] = (columns, [_writable(row, json) for row in new])
            if changed:
                self.updated[table] = (columns, [_writable(row, json) for row in changed])

    def matches(self, state):
        """Whether replaying fits now: the same day, within the hour, and `state` (_state of
        the tables now) what it was before build() ran."""
        if timezone.localdate() != timezone.localdate(self.when):
            return False
        if abs(timezone.now() - self.when) > datetime.timedelta(hours=1):
            return False
        return state == self.before

    def replay(self, tables):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table, (columns, rows) in self.inserted.items():
                names = ", ".join(quote(c) for c in columns)
                one = "(" + ", ".join(["%s"] * len(columns)) + ")"
                # A few hundred parameters per statement (SQLite's limit is 32,766 by default).
                step = max(1, 900 // len(columns))
                for start in range(0, len(rows), step):
                    chunk = rows[start:start + step]
                    cursor.execute(f"INSERT INTO {quote(table)} ({names}) VALUES "
                                   + ", ".join([one] * len(chunk)),
                                   [value for row in chunk for value in row])
            for table, (columns, rows) in self.updated.items():
                pk = tables[table][1]
                key = columns.index(pk)
                sets = ", ".join(f"{quote(c)} = %s" for c in columns if c != pk)
                for row in rows:
                    cursor.execute(f"UPDATE {quote(table)} SET {sets} WHERE {quote(pk)} = %s",
                                   [v for i, v in enumerate(row) if i != key] + [row[key]])
            # PostgreSQL: the sequences past the keys written (SQLite's AUTOINCREMENT follows).
            models = [tables[table][0] for table in self.inserted]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def replayed(key, build, result_of=lambda value: value, rebuild=lambda value: value):
    """`build()`'s effect on the database, replayed when possible (see the module's docstring).

    `result_of(value)` turns build()'s return value into something kept across tests (e.g. a
    primary key); `rebuild(kept)` turns it back into what the fixture returns."""
    if (os.environ.get("TUSON_TEST_REPLAY") == "0" or connection.vendor not in ("sqlite", "postgresql")
            or not connection.in_atomic_block):
        return build()
    tables = _tables()
    before = _dump(tables)
    recordings = _recorded.setdefault(key, [])
    if recordings:
        state = _state(before)
        for recording in recordings:
            if recording.valid and recording.matches(state):
                recording.replay(tables)
                return rebuild(recording.result)
        if len(recordings) >= MAX_RECORDINGS:
            return build()
    when = timezone.now()
    value = build()
    recordings.append(_Recording(before, _dump(tables), result_of(value), when))
    return value
