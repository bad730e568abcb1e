"""Folding Vietnamese text for accent- and case-insensitive matching.

"Dân quân" and "dan quan" fold to the same string: NFD, combining marks dropped, đ → d,
casefold. One character of input gives one (or, rarely, a few) of output, so a match in the
folded text can be mapped back to the original for a snippet.
"""

import re
import unicodedata

_FOLD_CACHE = {}


def fold_char(ch):
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        if ch in "đĐ":
            folded = "d"
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            folded = base.casefold()
        if len(_FOLD_CACHE) < 20000:
            _FOLD_CACHE[ch] = folded
    return folded


def fold(text):
    """The folded copy stored next to a searchable text (and used for the query)."""
    if not text:
        return ""
    return "".join(map(fold_char, text))


def fold_with_offsets(text):
    """(folded, starts): starts[i] is the index in `text` of the character that produced
    folded[i]."""
    out, starts = [], []
    for index, ch in enumerate(text):
        piece = fold_char(ch)
        out.append(piece)
        starts.extend([index] * len(piece))
    return "".join(out), starts


WORD = re.compile(r"\w+")


def words(folded):
    return WORD.findall(folded)
