"""`Matches(*fields, query=...)`: a boolean expression, true when every term of the query
occurs in the fields, accent- and case-insensitively.

- PostgreSQL: full-text search, `to_tsvector('tuson_vi', translate(tuson_fold(a || ' ' || b),
  <separators>)) @@ websearch_to_tsquery('tuson_vi', <folded query>)`. `tuson_fold` (migration
  search/0002) is `lower(unaccent(…))` declared immutable, so the expression can be indexed
  (GIN); the `tuson_vi` configuration is `simple` with the `unaccent` dictionary.
- SQLite: `tuson_fold(a || ' ' || b) LIKE '%term%'` for each term; `tuson_fold` is
  search.normalize.fold, registered on every SQLite connection (search/apps.py).

`folded=True` says the single field already holds folded text (SearchText.normalized), so it
is not folded again; `vector="vector"` names a stored tsvector of that text, which
PostgreSQL matches instead of parsing the text.
"""

from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet
from django.db import connection, models, transaction

CONFIG = "tuson_vi"
# The default parser reads "kh/du" as a file path and "a.b" as a host: one token that no
# typed word matches. These characters become spaces before parsing.
SEPARATORS = "/-.:_@"


def _words(document):
    return f"translate({document}, '{SEPARATORS}', '{' ' * len(SEPARATORS)}')"


def _like_escape(value):
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Matches(models.Expression):
    output_field = models.BooleanField()
    conditional = True

    def __init__(self, *fields, query, folded=False, vector=None):
        super().__init__()
        self.fields = [models.F(f) if isinstance(f, str) else f for f in fields]
        if vector:
            self.fields.append(models.F(vector))
        self.query = query
        self.folded = folded
        self.vector = bool(vector)

    def get_source_expressions(self):
        return self.fields

    def set_source_expressions(self, exprs):
        self.fields = list(exprs)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = self.copy()
        clone.is_summary = summarize
        clone.fields = [f.resolve_expression(query, allow_joins, reuse, summarize, for_save) for f in self.fields]
        return clone

    def _document(self, compiler, connection):
        parts, params = [], []
        for field in self.fields[:-1] if self.vector else self.fields:
            sql, p = compiler.compile(field)
            parts.append(f"COALESCE({sql}, '')")
            params.extend(p)
        document = " || ' ' || ".join(parts)
        return (document if self.folded else f"tuson_fold({document})"), params

    def as_sql(self, compiler, connection):
        document, params = self._document(compiler, connection)
        clauses, all_params = [], []
        for needle in self.query.needles:
            clauses.append(f"{document} LIKE %s ESCAPE '\\'")
            all_params.extend(params)
            all_params.append(f"%{_like_escape(needle)}%")
        return "(" + " AND ".join(clauses) + ")", all_params

    def as_postgresql(self, compiler, connection):
        if self.vector:  # the stored tsvector column (SearchText.vector)
            sql, params = compiler.compile(self.fields[-1])
            return f"{sql} @@ websearch_to_tsquery('{CONFIG}'::regconfig, %s)", [*params, self.query.websearch()]
        document, params = self._document(compiler, connection)
        sql = (f"to_tsvector('{CONFIG}'::regconfig, {_words(document)}) "
               f"@@ websearch_to_tsquery('{CONFIG}'::regconfig, %s)")
        return sql, [*params, self.query.websearch()]


class InIds(models.Expression):
    """`field IN (ids)` for a list of ids read earlier in the request. PostgreSQL gets the
    list as one array parameter (`field = ANY(%s)`): Django's `__in` compiles a placeholder
    per id, about 3 µs each (6 ms for a scope of 2,000 submissions). Empty, it matches
    nothing, as `__in=[]` does."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, field, ids):
        super().__init__()
        self.column = models.F(field) if isinstance(field, str) else field
        self.ids = list(ids)

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs):
        (self.column,) = exprs

    def as_sql(self, compiler, connection):
        if not self.ids:
            raise EmptyResultSet
        sql, params = compiler.compile(self.column)
        return f"{sql} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]

    def as_postgresql(self, compiler, connection):
        if not self.ids:
            raise EmptyResultSet
        sql, params = compiler.compile(self.column)
        return f"{sql} = ANY(%s)", [*params, self.ids]


def tsvector_sql(columns, folded=False):
    """The indexed expression for `columns` of one table (used by the migration's GIN
    indexes; it must be the very expression Matches writes, or the index is not used)."""
    document = " || ' ' || ".join(f"COALESCE({c}, '')" for c in columns)
    if not folded:
        document = f"tuson_fold({document})"
    return f"to_tsvector('{CONFIG}'::regconfig, {_words(document)})"


@contextmanager
def without_seq_scans():
    """PostgreSQL: the queries run inside avoid sequential scans. The planner does not count
    the cost of reading TOASTed values, so testing the stored vector of every file text (a
    few pages of heap, 3 GB of TOAST at 100,000 files) looks cheaper to it than the GIN
    index: 1.4 s instead of a few ms for a rare pair of words."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def text_matches(query, exclude_submissions, limit, walk=None):
    """(id, submission id) of the newest `limit` extracted texts (SearchText) matching
    `query`, those of `exclude_submissions` left out.

    PostgreSQL does not count the cost of reading TOASTed vectors, so left to itself it may
    test the stored vector of every text (seconds at 100,000 files). Hence two plans chosen
    here: with `walk`, only the newest `walk` texts are tested (a subquery with its own LIMIT,
    which the planner cannot merge into the outer query): cheap, and enough for a word found
    in most files; without it, the GIN index alone (a MATERIALIZED CTE with no order and no
    other condition, sequential scans off), which never reads a vector for a query of words.
    SQLite: one query through Matches."""
    from search.models import SearchText

    order = ("-submission_id", "-pk")
    if connection.vendor != "postgresql":
        qs = SearchText.objects.order_by(*order)
        if walk:
            qs = SearchText.objects.filter(pk__in=list(qs.values_list("pk", flat=True)[:walk])).order_by(*order)
        return list(qs.filter(status=SearchText.Status.OK)
                    .filter(Matches("normalized", query=query, folded=True))
                    .exclude(submission_id__in=exclude_submissions)
                    .values_list("pk", "submission_id")[:limit])
    table, tsquery = SearchText._meta.db_table, f"websearch_to_tsquery('{CONFIG}'::regconfig, %s)"
    if walk:
        source = (f"(SELECT id, submission_id, status, vector FROM {table} "
                  f"ORDER BY submission_id DESC, id DESC LIMIT {int(walk)}) m WHERE vector @@ {tsquery} AND")
        prefix = ""
    else:
        prefix = f"WITH m AS MATERIALIZED (SELECT id, submission_id, status FROM {table} WHERE vector @@ {tsquery}) "
        source = "m WHERE"
    sql = (f"{prefix}SELECT id, submission_id FROM {source} status = %s AND NOT (submission_id = ANY(%s)) "
           f"ORDER BY submission_id DESC, id DESC LIMIT {int(limit)}")
    with without_seq_scans(), connection.cursor() as cursor:
        cursor.execute(sql, [query.websearch(), SearchText.Status.OK, list(exclude_submissions)])
        return [tuple(row) for row in cursor.fetchall()]
