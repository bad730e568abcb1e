"""Sorting the unit table, and the emulation ranking (xếp hạng thi đua) it doubles as.

Ranking rule (stated on the page and in docs/dashboard.md): units are ranked within their
group of kinds (RANK_GROUPS: the wards together, the city's departments and organisations
together, the self-defence and militia units together, the Party cells together), over the
work that has fallen due by the "as of" date, by

    score = (100 × completed on time + 50 × completed late) ÷ assignments fallen due

(0–100), then by the on-time rate among the work fallen due, then by fewer days late in
all (completed late: days past the deadline; still overdue: days overdue so far), then by
the earlier last completion. Units equal on every key share a rank ("đồng hạng": 1, 2, 2,
4). A unit with fewer assignments fallen due than settings.DASHBOARD_RANKING_MIN_DUE is
listed but not ranked, with the reason.
"""

import datetime
import functools
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

ZERO = Decimal(0)
ON_TIME_POINTS = 100
LATE_POINTS = 50
# (key, label, kinds of tasks.Unit.Kind): the groups units are ranked in, in the order shown.
RANK_GROUPS = (
    ("phuong", gettext_lazy("Đảng ủy các phường"), {"ward"}),
    ("thanh-pho", gettext_lazy("Cơ quan, ban, ngành, đoàn thể thành phố"),
     {"department", "mass_org", "military", "police", "office"}),
    ("luc-luong", gettext_lazy("Đơn vị tự vệ, dân quân"), {"self_defence", "militia"}),
    ("chi-bo", gettext_lazy("Chi bộ, Đảng bộ cơ sở"), {"party_cell"}),
)
GROUP_OF_KIND = {kind: key for key, _label, kinds in RANK_GROUPS for kind in kinds}
GROUP_ORDER = {key: n for n, (key, _label, _kinds) in enumerate(RANK_GROUPS)}
OTHER_GROUP = "khac"


@functools.lru_cache(maxsize=8192)
def vn_key(text):
    """A sort key that puts Vietnamese names in dictionary order (Đ with D, accents after the
    bare letter), without depending on the database's collation. Remembered per name: a page
    of the dashboard sorts the same few hundred names several times."""
    text = (text or "").replace("đ", "d\u0331").replace("Đ", "D\u0331")
    base = unicodedata.normalize("NFD", text)
    letters = "".join(c for c in base if not unicodedata.combining(c)).casefold()
    return letters, base.casefold()


def score(row):
    """The ranking score of a unit's Figures (0–100, one decimal), or None when nothing has
    fallen due."""
    if not row.fallen_due:
        return None
    points = Decimal(ON_TIME_POINTS * row.on_time_fallen_due + LATE_POINTS * row.done_late)
    return (points / row.fallen_due).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _merit(row):
    """The ranking keys, best first when sorted ascending."""
    return (
        -(row.score or ZERO),
        -(row.fallen_due_on_time_rate or ZERO),
        row.late_days,
        row.last_completed or datetime.date.max,
    )


def group_labels():
    return {key: str(label) for key, label, _kinds in RANK_GROUPS} | {OTHER_GROUP: _("Đơn vị khác")}


def assign_ranks(rows, min_due=None):
    """Set rank_group, score, rank, tied and unranked_reason on each UnitRow: ranked within
    its group of kinds, when at least `min_due` (default: the setting) of its assignments
    have fallen due."""
    min_due = settings.DASHBOARD_RANKING_MIN_DUE if min_due is None else min_due
    min_due = max(1, min_due)
    labels = group_labels()
    groups = {}
    for row in rows:
        row.rank_group = GROUP_OF_KIND.get(row.kind, OTHER_GROUP)
        row.rank_group_label = labels[row.rank_group]
        row.score = score(row)
        row.rank, row.tied, row.unranked_reason = None, False, ""
        if row.fallen_due < min_due:
            row.unranked_reason = ngettext(
                "Chưa xếp hạng: mới có %(n)s nhiệm vụ đã đến hạn, cần ít nhất %(min)s",
                "Chưa xếp hạng: mới có %(n)s nhiệm vụ đã đến hạn, cần ít nhất %(min)s",
                row.fallen_due) % {"n": row.fallen_due, "min": min_due}
            continue
        groups.setdefault(row.rank_group, []).append(row)
    for members in groups.values():
        keyed = [(_merit(row), row) for row in members]  # each unit's keys computed once
        keyed.sort(key=itemgetter(0))
        members[:] = [row for _merit_, row in keyed]
        previous, rank = None, 0
        for position, (merit, row) in enumerate(keyed, start=1):
            if merit != previous:
                rank, previous = position, merit
            row.rank = rank
        counts = {}
        for row in members:
            counts[row.rank] = counts.get(row.rank, 0) + 1
        for row in members:
            row.tied = counts[row.rank] > 1


def _rank_key(r):
    """Group by group, ranked units by rank, then the unranked ones, by name."""
    return (GROUP_ORDER.get(r.rank_group, len(GROUP_ORDER)), r.rank is None, r.rank or 0,
            r.sort_name or vn_key(r.name))


# sort key name -> function of a UnitRow (None: missing values, which always go last)
SORTS = {
    "ten": lambda r: r.sort_name or vn_key(r.name),
    "loai": lambda r: (r.kind_label, r.sort_name or vn_key(r.name)),
    "giao": lambda r: r.assignments,
    "den-han": lambda r: r.fallen_due,
    "dung-han": lambda r: r.done_on_time,
    "tre-han": lambda r: r.done_late,
    "trong-han": lambda r: r.open_within,
    "qua-han": lambda r: r.open_overdue,
    "cho-tham-dinh": lambda r: r.awaiting_review,
    "ty-le": lambda r: r.on_time_rate,
    "tre-tb": lambda r: r.avg_days_late,
    "gia-han": lambda r: r.extensions_granted,
    "hoat-dong": lambda r: r.last_activity,
    "diem": lambda r: r.score,
    "hang": _rank_key,
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
    """Sorted copy; rows without a value (no rate, no score…) always come last."""
    key = SORTS[name]
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=SORTS["ten"])
    present.sort(key=key, reverse=descending)
    missing.sort(key=SORTS["ten"])
    return present + missing
