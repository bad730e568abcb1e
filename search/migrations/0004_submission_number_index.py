"""PostgreSQL: a small GIN index on the submissions' number alone and a btree on their
submission time, so the search lists number matches first and then the newest matches with
two queries that stop early (search.selectors._newest_number_first). Nothing on SQLite."""

from django.db import migrations

from search.matching import tsvector_sql

FORWARD = [
    f"CREATE INDEX IF NOT EXISTS search_submission_number_fts ON tasks_submission USING gin "
    f"(({tsvector_sql(['number_symbol'])}))",
    "CREATE INDEX IF NOT EXISTS search_submission_newest ON tasks_submission (submitted_at DESC, id DESC)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_submission_newest",
    "DROP INDEX IF EXISTS search_submission_number_fts",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_extractor_version")]

    operations = [migrations.RunPython(forward, backward)]
