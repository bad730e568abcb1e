"""The shapes `dashboard_data` returns. Plain dataclasses: the page, the spreadsheet and the
PDF read the same attributes."""

import datetime
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import NamedTuple

from tasks.status import Bucket

BUCKETS = (Bucket.DONE_ON_TIME, Bucket.DONE_LATE, Bucket.OPEN_WITHIN, Bucket.OPEN_OVERDUE)


def percent(part, whole):
    """A Decimal percentage with one decimal, or None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class BucketFigure:
    key: str
    label: str
    count: int
    percent: Decimal | None  # of Figures.assignments, all the assigned work


COUNTS = ("assignments", "fallen_due", "done_on_time", "done_late", "open_within", "open_overdue",
          "awaiting_review", "returned", "late_days", "extensions_granted", "done_fallen_due")
# The days kept with the counts, at the head of each row, in this order.
DAYS = ("last_received", "last_submitted", "last_completed")


def page_window(total, page, per_page):
    """(page, pages, start, stop) of page `page` (clamped to the pages there are) of `total`
    items, `per_page` a page (None: all on one page)."""
    if not per_page:
        return 1, 1, 0, total
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    return page, pages, (page - 1) * per_page, page * per_page


def _later(a, b):
    return max((day for day in (a, b) if day), default=None)


def add_counts(a, b):
    """Two rows (*days in DAYS order, *counts in COUNTS order) added up."""
    n = len(DAYS)
    return [*(_later(x, y) for x, y in zip(a[:n], b[:n])), *(x + (y or 0) for x, y in zip(a[n:], b[n:]))]


def as_figures(row):
    """{name: value} of a row (*days in DAYS order, *counts in COUNTS order), for
    Figures(**…)."""
    n = len(DAYS)
    return {**dict(zip(DAYS, row[:n])), **{name: int(value or 0) for name, value in zip(COUNTS, row[n:])}}


@dataclass
class Figures:
    """Counts over a set of assignments (all of them, a part, a unit).

    The four buckets partition all the assigned work (`assignments`, the denominator of their
    percentages): completed on time, completed late, not completed and still within the
    deadline (whether due on the "as of" day or months later), not completed and overdue.
    Besides them, `fallen_due` counts the assignments whose deadline in force has come by
    the "as of" date ("đã đến hạn") and `done_fallen_due` those of them completed: the
    completion rate among work that has fallen due (`fallen_due_done_percent`).
    `awaiting_review` and `returned` are sub-states of the not completed work.
    """

    assignments: int = 0
    fallen_due: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_within: int = 0
    open_overdue: int = 0
    awaiting_review: int = 0
    returned: int = 0
    late_days: int = 0  # completed late: days past the deadline; overdue: days overdue so far
    extensions_granted: int = 0  # approved by the end of the "as of" day
    done_fallen_due: int = 0  # completed, among the work that has fallen due
    last_received: datetime.date | None = None  # the last acknowledgement of receipt by then
    last_submitted: datetime.date | None = None  # the day of the last submission made by then
    last_completed: datetime.date | None = None  # the day of the last completion by then

    def add(self, row):
        """Add one row of counts (a dict with the names of COUNTS and of DAYS)."""
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + int(row.get(name) or 0))
        for name in DAYS:
            setattr(self, name, _later(getattr(self, name), row.get(name)))

    @property
    def done(self):
        return self.done_on_time + self.done_late

    @property
    def on_time_fallen_due(self):
        """Completed on time among the work that has fallen due (late work always has)."""
        return self.done_fallen_due - self.done_late

    @property
    def late(self):
        """Assignments that missed their deadline: completed late or still overdue."""
        return self.done_late + self.open_overdue

    @property
    def done_percent(self):
        """Completed, of all the assigned work."""
        return percent(self.done, self.assignments)

    @property
    def on_time_rate(self):
        """Completed on time, of all the assigned work."""
        return percent(self.done_on_time, self.assignments)

    @property
    def fallen_due_done_percent(self):
        """Completed, of the work that has fallen due."""
        return percent(self.done_fallen_due, self.fallen_due)

    @property
    def fallen_due_on_time_rate(self):
        """Completed on time, of the work that has fallen due (a ranking key)."""
        return percent(self.on_time_fallen_due, self.fallen_due)

    @property
    def avg_days_late(self):
        if not self.late:
            return None
        return (Decimal(self.late_days) / self.late).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def count(self, bucket):
        return getattr(self, Bucket(bucket).value)

    @property
    def buckets(self):
        return [
            BucketFigure(b.value, str(b.label), self.count(b), percent(self.count(b), self.assignments))
            for b in BUCKETS
        ]


@dataclass
class PartRow(Figures):
    key: str = ""  # "1".."6", or "c" for the closing tasks
    number: int | None = None
    title: str = ""
    label: str = ""


@dataclass
class UnitRow(Figures):
    unit_id: int = 0
    name: str = ""
    short_name: str = ""
    kind: str = ""
    kind_label: str = ""
    # The emulation ranking (reports.dashboard.ranking.assign_ranks): the group of kinds the
    # unit is ranked in, its score, its rank in that group (None: not ranked, `unranked_reason`
    # says why) and whether another unit shares the rank with every key equal.
    rank_group: str = ""
    rank_group_label: str = ""
    score: Decimal | None = None
    rank: int | None = None
    tied: bool = False
    unranked_reason: str = ""
    sort_name: tuple = ()  # reports.dashboard.ranking.vn_key(name), computed once

    @classmethod
    def of(cls, unit_id, row):
        """The unit's row from a row of counts (*days in DAYS order, *counts in COUNTS order,
        all given: reports.dashboard.counting), as UnitRow(unit_id=…, **as_figures(row)) makes
        it, without the two dicts (a page makes 500)."""
        n = len(DAYS)
        return cls(*row[n:], *row[:n], unit_id=unit_id)

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def last_activity(self):
        """The later of the last submission and the last acknowledgement of receipt."""
        days = [d for d in (self.last_submitted, self.last_received) if d]
        return max(days) if days else None

    def __reduce__(self):
        """Pickled as the tuple of its fields' values, rebuilt by the constructor: the
        dashboard's cache keeps every unit's row (500 at province scale), which pickled each
        as its __dict__ took twice as long to write and three times as long to read."""
        return UnitRow, _unit_row_values(self)


# Every field of a UnitRow, in the constructor's order.
_unit_row_values = attrgetter(*(f.name for f in fields(UnitRow)))


@dataclass(frozen=True)
class MatrixTask:
    task_id: int
    key: str
    title: str
    part: str


class MatrixCell(NamedTuple):
    """A cell of the matrix: a tuple, as a page makes a thousand of them."""

    assignment_id: int
    status: str
    bucket: str
    state: str  # colour class: overdue, due-soon, returned, done, done-late, later
    abbr: str
    text: str  # what the colour means, in words: the title and the screen-reader text
    due: datetime.date


@dataclass
class MatrixRow:
    unit_id: int
    name: str
    cells: list  # one MatrixCell or None per MatrixTask
    # The page's cached copy keeps the rendered <td> cells instead (cells then empty): one
    # string rather than hundreds of objects to unpickle (reports.views.dashboard).
    html: str = ""


@dataclass
class Matrix:
    tasks: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    page: int = 1
    pages: int = 1
    units_total: int = 0
    per_page: int | None = None
    # The columns: one page of the tasks assigned to the units shown.
    task_page: int = 1
    task_pages: int = 1
    tasks_total: int = 0
    task_offset: int = 0  # how many tasks come before this page's first column

    @property
    def task_last(self):
        """The number of this page's last column among all the tasks (1-based)."""
        return self.task_offset + len(self.tasks)


@dataclass(frozen=True)
class OverdueRow:
    assignment_id: int
    unit_id: int
    unit_name: str
    task_key: str
    task_title: str
    part: str
    role: str
    role_label: str
    due: datetime.date  # the deadline in force on the "as of" date
    days_overdue: int
    status: str
    status_label: str
    extension_count: int
    last_contact: object = None  # reminders.selectors.LastContact, or None


@dataclass
class DashboardData:
    directive: object
    as_of: datetime.date
    filters: object  # reports.dashboard.filters.DashboardFilters
    whole: bool  # True: every unit's work; False: only the user's own unit(s)
    summary: Figures
    parts: list  # PartRow, parts 1–6 in order, then the closing tasks
    units: list  # UnitRow, by name
    matrix: Matrix
    overdue: list  # OverdueRow, most days overdue first (one page of them)
    overdue_page: int = 1
    overdue_pages: int = 1
    overdue_per_page: int | None = None
    unit_names: dict = field(default_factory=dict)
    # How the figures of merged units are shown (reports.dashboard.reorganised): "gop" under
    # their successor, "rieng" separately; `merged_units`, [(name, successor's name)] folded.
    merged_mode: str = ""
    merged_units: list = field(default_factory=list)
    # {unit id: its assignment overdue longest, not awaiting review nor returned}: the first
    # of its own with the status "overdue" in the overdue list.
    oldest_overdue: dict = field(default_factory=dict)

    @property
    def overdue_total(self):
        return self.summary.open_overdue

    def filter_lines(self):
        return self.filters.describe(self.unit_names)
