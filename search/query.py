"""Parsing what was typed in the search box: words and "exact phrases"."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from search.normalize import fold, words

MAX_LENGTH = 200
MAX_TERMS = 12
_PHRASE = re.compile(r'"([^"]*)"')


class QueryError(ValueError):
    pass


@dataclass(frozen=True)
class SearchQuery:
    raw: str
    # Folded terms; a phrase is a tuple of words that must follow one another.
    terms: tuple = ()

    @property
    def needles(self):
        """Folded strings each of which must occur (SQLite, snippets)."""
        return [" ".join(t) for t in self.terms]

    def websearch(self):
        """The query in PostgreSQL's websearch_to_tsquery syntax, built from the folded words
        only (no operators from the user get through)."""
        parts = []
        for term in self.terms:
            parts.append(f'"{" ".join(term)}"' if len(term) > 1 else term[0])
        return " ".join(parts)


def parse(raw):
    """A SearchQuery from the text typed; QueryError with a Vietnamese message if unusable."""
    raw = (raw or "").strip()
    if not raw:
        raise QueryError(_("Hãy nhập từ khóa cần tìm."))
    if "\x00" in raw:
        raise QueryError(_("Từ khóa chứa ký tự không hợp lệ."))
    if len(raw) > MAX_LENGTH:
        raise QueryError(_("Từ khóa quá dài (tối đa %(max)s ký tự).") % {"max": MAX_LENGTH})
    terms = []
    for phrase in _PHRASE.findall(raw):
        found = words(fold(phrase))
        if found:
            terms.append(tuple(found))
    rest = _PHRASE.sub(" ", raw).replace('"', " ")
    terms.extend((w,) for w in words(fold(rest)))
    unique = list(dict.fromkeys(terms))
    if not unique:
        raise QueryError(_("Từ khóa phải có ít nhất một chữ hoặc số."))
    if len(unique) > MAX_TERMS:
        raise QueryError(_("Từ khóa có quá nhiều từ (tối đa %(max)s).") % {"max": MAX_TERMS})
    return SearchQuery(raw=raw, terms=tuple(unique))
