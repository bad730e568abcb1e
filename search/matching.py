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

from django.db import models

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


def tsvector_sql(columns, folded=False):
    """The indexed expression for `columns` of one table (used by the migration's GIN
    indexes; it must be the very expression Matches writes, or the index is not used)."""
    document = " || ' ' || ".join(f"COALESCE({c}, '')" for c in columns)
    if not folded:
        document = f"tuson_fold({document})"
    return f"to_tsvector('{CONFIG}'::regconfig, {_words(document)})"
