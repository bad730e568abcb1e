"""PostgreSQL full-text search: the unaccent extension, the `tuson_vi` configuration, the
immutable `tuson_fold` function and the GIN indexes. Nothing on SQLite (search/apps.py
registers `tuson_fold` on each connection there)."""

from django.db import migrations

from search.matching import tsvector_sql

SUBMISSION_COLUMNS = ("number_symbol", "summary", "signer")

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # lower(unaccent(…)) with the dictionary named, so it can be declared immutable and indexed.
    """CREATE OR REPLACE FUNCTION tuson_fold(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$""",
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'tuson_vi') THEN
           CREATE TEXT SEARCH CONFIGURATION tuson_vi (COPY = simple);
           ALTER TEXT SEARCH CONFIGURATION tuson_vi
             ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart
             WITH unaccent, simple;
         END IF;
       END $$""",
    f"CREATE INDEX IF NOT EXISTS search_text_fts ON search_searchtext USING gin "
    f"(({tsvector_sql(['normalized'], folded=True)}))",
    f"CREATE INDEX IF NOT EXISTS search_submission_fts ON tasks_submission USING gin "
    f"(({tsvector_sql(SUBMISSION_COLUMNS)}))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_submission_fts",
    "DROP INDEX IF EXISTS search_text_fts",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS tuson_vi",
    "DROP FUNCTION IF EXISTS tuson_fold(text)",
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
    dependencies = [
        ("search", "0001_search_text"),
        ("tasks", "0005_assignment_latest_facts"),
    ]

    operations = [migrations.RunPython(forward, backward)]
