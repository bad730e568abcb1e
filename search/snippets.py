"""A short, HTML-safe excerpt of a text around the first match, terms marked with <mark>."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.normalize import fold_with_offsets

BEFORE, AFTER = 90, 160


def _find(folded, needle, start=0, whole_words=False):
    """Where `needle` occurs from `start`: as whole words if it does, else (unless
    whole_words) anywhere."""
    found = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)").search(folded, start)
    if found:
        return found.start()
    if whole_words:
        return None
    index = folded.find(needle, start)
    return index if index >= 0 else None


def snippet(text, query, normalized=None, width=AFTER):
    """The excerpt of `text` around the first term found (or its opening if none is).

    `normalized` (the stored folded copy) locates the match in a long text without folding
    all of it; folding keeps one character per character for Vietnamese, so the index is
    reused on the original and refined on a folded window.
    """
    if not text:
        return ""
    needles = query.needles
    centre = 0
    if normalized is not None and len(text) > 4000:
        hits = [i for i in (_find(normalized, n) for n in needles) if i is not None]
        centre = min(hits) if hits else 0
    lo = max(0, centre - BEFORE - 200)
    window = text[lo:centre + width + 400]
    folded, starts = fold_with_offsets(window)
    hits = [i for i in (_find(folded, n) for n in needles) if i is not None]
    first = min(hits) if hits else 0
    a = max(0, starts[first] - BEFORE) if starts else 0
    if a:
        space = window.rfind(" ", 0, a + 1)
        a = space + 1 if space > a - 30 else a
    b = min(len(window), a + BEFORE + width)
    spans = []
    for needle in needles:
        pos = 0
        while True:
            i = _find(folded, needle, pos, whole_words=True)
            if i is None:
                break
            s, e = starts[i], starts[min(i + len(needle), len(starts)) - 1] + 1
            if s >= a and e <= b:
                spans.append((s, e))
            pos = i + max(1, len(needle))
            if i > b + 10 or len(spans) > 20:
                break
    spans.sort()
    out, cursor = [], a
    for s, e in spans:
        if s < cursor:
            continue
        out.append(escape(window[cursor:s]))
        out.append(f"<mark>{escape(window[s:e])}</mark>")
        cursor = e
    out.append(escape(window[cursor:b]))
    prefix = "… " if lo + a > 0 else ""
    suffix = " …" if lo + b < len(text) else ""
    body = " ".join("".join(out).split())
    return mark_safe(prefix + body + suffix)
