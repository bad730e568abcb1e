"""The shapes `dashboard_data` returns. Plain dataclasses: the page, the spreadsheet and the
PDF read the same attributes."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

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
    percent: Decimal | None  # of Figures.counted


COUNTS = ("assignments", "counted", "done_on_time", "done_late", "open_within", "open_overdue",
          "awaiting_review", "returned", "late_days", "extensions_granted")


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
    """Two rows (last_received, last_submitted, *counts in COUNTS order) added up."""
    return [_later(a[0], b[0]), _later(a[1], b[1]), *(x + (y or 0) for x, y in zip(a[2:], b[2:]))]


def as_figures(row):
    """{name: value} of a row (last_received, last_submitted, *counts in COUNTS order), for
    Figures(**…)."""
    return {"last_received": row[0], "last_submitted": row[1],
            **{name: int(value or 0) for name, value in zip(COUNTS, row[2:])}}


@dataclass
class Figures:
    """Counts over a set of assignments (all of them, a part, a unit).

    `counted` is the denominator of the four buckets: the assignments that have fallen due
    by the "as of" date (deadline in force <= as of), plus those completed early. The
    others are `not_yet_due` (open, deadline later than as of).
    """

    assignments: int = 0
    counted: int = 0
    done_on_time: int = 0
    done_late: int = 0
    open_within: int = 0
    open_overdue: int = 0
    awaiting_review: int = 0
    returned: int = 0
    late_days: int = 0  # completed late: days past the deadline; overdue: days overdue so far
    extensions_granted: int = 0  # approved by the end of the "as of" day
    last_received: datetime.date | None = None  # the last acknowledgement of receipt by then
    last_submitted: datetime.date | None = None  # the day of the last submission made by then

    def add(self, row):
        """Add one row of counts (a dict with the names of COUNTS, last_received and
        last_submitted)."""
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + int(row.get(name) or 0))
        self.last_received = _later(self.last_received, row.get("last_received"))
        self.last_submitted = _later(self.last_submitted, row.get("last_submitted"))

    @property
    def not_yet_due(self):
        return self.assignments - self.counted

    @property
    def done(self):
        return self.done_on_time + self.done_late

    @property
    def late(self):
        """Assignments that missed their deadline: completed late or still overdue."""
        return self.done_late + self.open_overdue

    @property
    def done_percent(self):
        return percent(self.done, self.counted)

    @property
    def on_time_rate(self):
        return percent(self.done_on_time, self.counted)

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
            BucketFigure(b.value, str(b.label), self.count(b), percent(self.count(b), self.counted))
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
    rank: int | None = None  # emulation rank; None without any counted assignment
    sort_name: tuple = ()  # reports.dashboard.ranking.vn_key(name), computed once

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def last_activity(self):
        """The later of the last submission and the last acknowledgement of receipt."""
        days = [d for d in (self.last_submitted, self.last_received) if d]
        return max(days) if days else None


@dataclass(frozen=True)
class MatrixTask:
    task_id: int
    key: str
    title: str
    part: str


@dataclass(frozen=True)
class MatrixCell:
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

    @property
    def overdue_total(self):
        return self.summary.open_overdue

    def filter_lines(self):
        return self.filters.describe(self.unit_names)
