"""Sorting the unit table, and the emulation ranking (xếp hạng thi đua) it doubles as.

Ranking rule (stated on the page): units are ranked by on-time rate (completed on time out of
the assignments counted), then completion rate, then fewer overdue assignments, then fewer
average days late. Equal units share a rank (1, 2, 2, 4). A unit with nothing counted yet
(no deadline has fallen due, nothing completed) is not ranked.
"""

import unicodedata
from decimal import Decimal

ZERO = Decimal(0)


def vn_key(text):
    """A sort key that puts Vietnamese names in dictionary order (Đ with D, accents after the
    bare letter), without depending on the database's collation."""
    text = (text or "").replace("đ", "d\u0331").replace("Đ", "D\u0331")
    base = unicodedata.normalize("NFD", text)
    letters = "".join(c for c in base if not unicodedata.combining(c)).casefold()
    return letters, base.casefold()


def _merit(row):
    return (
        row.on_time_rate or ZERO,
        row.done_percent or ZERO,
        -row.open_overdue,
        -(row.avg_days_late or ZERO),
    )


def assign_ranks(rows):
    """Set `rank` on each UnitRow (None when nothing is counted)."""
    ranked = sorted((r for r in rows if r.counted), key=_merit, reverse=True)
    previous, rank = None, 0
    for position, row in enumerate(ranked, start=1):
        merit = _merit(row)
        if merit != previous:
            rank, previous = position, merit
        row.rank = rank
    for row in rows:
        if not row.counted:
            row.rank = None


# sort key name -> (function of a UnitRow, whether missing values go last)
SORTS = {
    "ten": lambda r: r.sort_name or vn_key(r.name),
    "loai": lambda r: (r.kind_label, r.sort_name or vn_key(r.name)),
    "giao": lambda r: r.assignments,
    "dung-han": lambda r: r.done_on_time,
    "tre-han": lambda r: r.done_late,
    "qua-han": lambda r: r.open_overdue,
    "cho-tham-dinh": lambda r: r.awaiting_review,
    "ty-le": lambda r: r.on_time_rate,
    "tre-tb": lambda r: r.avg_days_late,
    "gia-han": lambda r: r.extensions_granted,
    "hoat-dong": lambda r: r.last_activity,
    "hang": lambda r: r.rank,
}
DEFAULT_SORT = "ten"


def parse_sort(value, ranking=False):
    """("ty-le", True) from "-ty-le"; unknown values fall back to the default."""
    default = "hang" if ranking else DEFAULT_SORT
    value = value or default
    descending = value.startswith("-")
    name = value.lstrip("-")
    if name not in SORTS:
        return default, False
    return name, descending


def sort_units(rows, name, descending=False):
    """Sorted copy; rows without a value (no rate, no rank…) always come last."""
    key = SORTS[name]
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=SORTS["ten"])
    present.sort(key=key, reverse=descending)
    missing.sort(key=SORTS["ten"])
    return present + missing
