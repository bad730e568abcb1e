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
    # SearchText.vector follows `normalized`, whoever writes it (the task, bulk loads).
    f"""CREATE OR REPLACE FUNCTION search_text_vector() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.vector := {tsvector_sql(['NEW.normalized'], folded=True)}; RETURN NEW; END $$""",
    """CREATE OR REPLACE TRIGGER search_text_vector BEFORE INSERT OR UPDATE OF normalized
       ON search_searchtext FOR EACH ROW EXECUTE FUNCTION search_text_vector()""",
    "CREATE INDEX IF NOT EXISTS search_text_fts ON search_searchtext USING gin (vector)",
    f"CREATE INDEX IF NOT EXISTS search_submission_fts ON tasks_submission USING gin "
    f"(({tsvector_sql(SUBMISSION_COLUMNS)}))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_submission_fts",
    "DROP INDEX IF EXISTS search_text_fts",
    "DROP TRIGGER IF EXISTS search_text_vector ON search_searchtext",
    "DROP FUNCTION IF EXISTS search_text_vector()",
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
