"""The unit workspace ("Việc của đơn vị") a page at a time.

A unit holds 200 tasks of one directive, a commune head several units' worth: drawing every
row took half a second of template rendering. The page shows PER_PAGE rows in the order the
whole list has (directives newest first, their parts in order with the closing tasks last,
each part most urgent first), while what sits above them covers the whole list: the counts
by status, the work needing action now, and an index of the parts with their sizes and the
page each starts on.

Two queries whatever the size: one reads every row's status and place (a few columns, the
status expression compiled once), the other the page's rows with their task, part and unit.
Building and compiling the status expression costs more than its rows, so the counts, the
order and the page are worked out from that one read rather than in several queries.
"""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone

from tasks import selectors
from tasks.models import Assignment, Unit
from tasks.status import DONE_STATUSES, Status
from tasks.templatetags.tasks_tags import days_text, status_style

PER_PAGE = 50
URGENT_SHOWN = 10
COLUMNS = ("pk", "status", "due_date", "open_explanations", "pending_extension", "unit_id",
           "task__directive_id", "task__directive__issued_on", "task__section_id", "task__section__number")


@dataclass(frozen=True)
class Row:
    pk: int
    status: str
    due_date: datetime.date
    open_explanations: bool
    pending_extension: bool
    unit_id: int
    directive_id: int
    issued_on: datetime.date
    section_id: int | None
    section_number: int | None

    @property
    def part_key(self):
        return (self.directive_id, self.section_id)

    @property
    def order(self):
        """The whole list's order: directives newest first, parts in order (closing tasks
        last), the most urgent first within a part (selectors.URGENCY, then the deadline)."""
        return (-self.issued_on.toordinal(), -self.directive_id, self.section_id is None,
                self.section_number or 0, self.section_id or 0,
                selectors.URGENCY.get(self.status, 2), self.due_date, self.pk)

    def is_urgent(self, today):
        """Open work that is returned, overdue, due within DUE_SOON_DAYS or awaits an explanation."""
        if self.status in DONE_STATUSES:
            return False
        return (self.status in (Status.RETURNED, Status.OVERDUE) or self.open_explanations
                or 0 <= (self.due_date - today).days <= selectors.DUE_SOON_DAYS)


@dataclass
class Part:
    """A part of a directive (section None: the closing tasks) in the list shown."""

    directive_id: int
    section_id: int | None
    number: int | None
    count: int = 0
    start: int = 0  # the index of its first row in the list shown (0-based)
    page: int = 1


@dataclass
class DirectiveIndex:
    directive: object
    parts: list = field(default_factory=list)


@dataclass
class PageGroup:
    section: object
    part: Part
    items: list = field(default_factory=list)
    continued: bool = False  # begun on an earlier page
    continues: bool = False  # goes on to a later page


@dataclass
class PageBlock:
    directive: object
    groups: list = field(default_factory=list)
    units: list = field(default_factory=list)

    @property
    def parts(self):
        return self.groups


@dataclass
class WorkspacePage:
    blocks: list
    urgent: list  # the first URGENT_SHOWN, on the first page only
    urgent_total: int
    counts: dict  # status → number, over the whole list (completed work included)
    index: list  # DirectiveIndex per directive, over the list shown
    page: object  # django.core.paginator.Page of Row
    today: datetime.date


def _labelled(assignment, row, today):
    """The row's status facts on the assignment, and what the template prints, worked out once."""
    assignment.status = row.status
    assignment.open_explanations = row.open_explanations
    assignment.pending_extension = row.pending_extension
    selectors.decorate(assignment, today)
    assignment.url = reverse("tasks:assignment_detail", args=[assignment.pk])
    assignment.style = status_style(assignment.status)
    assignment.days_label = days_text(assignment)
    return assignment


def _parts(rows):
    parts = {}
    for n, row in enumerate(rows):
        part = parts.get(row.part_key)
        if part is None:
            part = parts[row.part_key] = Part(row.directive_id, row.section_id, row.section_number, start=n)
        part.count += 1
    return parts


def workspace_page(user, *, units, directives, unit_id=None, directive_id=None, show_done=True, as_of=None,
                   number=1, per_page=PER_PAGE):
    """One page of the workspace. `units`, `directives`: the user's units (selectors.units_of)
    and the directives of their work, as the filter lists them; `number` as typed in the
    address (anything unreadable gives the first page, past the end the last)."""
    today = as_of or timezone.localdate()
    qs = selectors.workspace_queryset(user, unit_id=unit_id, directive_id=directive_id, as_of=today)
    rows = [Row(*values) for values in qs.order_by().values_list(*COLUMNS)]
    counts = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    urgent_rows = sorted((r for r in rows if r.is_urgent(today)), key=lambda r: (r.order[5:]))
    shown = sorted((r for r in rows if show_done or r.status not in DONE_STATUSES), key=lambda r: r.order)
    parts = _parts(shown)
    for part in parts.values():
        part.page = part.start // per_page + 1
    page = Paginator(shown, per_page).get_page(number)

    wanted = list(page.object_list) + (urgent_rows[:URGENT_SHOWN] if page.number == 1 else [])
    objects = Assignment.objects.select_related("task__directive", "task__section", "unit").in_bulk(
        {r.pk for r in wanted})
    urgent = [_labelled(objects[r.pk], r, today) for r in urgent_rows[:URGENT_SHOWN]] if page.number == 1 else []
    blocks = _blocks(page, parts, objects, today)
    _receipt_units(blocks, rows, units)
    return WorkspacePage(blocks, urgent, len(urgent_rows), counts, _index(parts, directives), page, today)


def _blocks(page, parts, objects, today):
    first, last = page.start_index() - 1, page.end_index() - 1
    blocks = []
    for row in page.object_list:
        assignment = _labelled(objects[row.pk], row, today)
        directive = assignment.task.directive
        if not blocks or blocks[-1].directive.pk != directive.pk:
            blocks.append(PageBlock(directive))
        block = blocks[-1]
        if not block.groups or block.groups[-1].part.section_id != row.section_id:
            part = parts[row.part_key]
            block.groups.append(PageGroup(assignment.task.section, part, continued=part.start < first,
                                          continues=part.start + part.count - 1 > last))
        block.groups[-1].items.append(assignment)
    return blocks


def _receipt_units(blocks, rows, units):
    """Each directive's receipt buttons: every unit (of the filter) with work under it."""
    shown = {b.directive.pk for b in blocks}
    pairs = {(r.directive_id, r.unit_id) for r in rows if r.directive_id in shown}
    known = {u.pk: u for u in units}
    missing = {u for _d, u in pairs if u not in known}
    if missing:
        known.update(Unit.objects.in_bulk(missing))
    for block in blocks:
        block.units = sorted((known[u] for d, u in pairs if d == block.directive.pk), key=lambda u: (u.kind, u.name))


def _index(parts, directives):
    """The parts of each directive with their sizes and the page each starts on."""
    known = {d.pk: d for d in directives}
    wanted = {p.directive_id for p in parts.values()} - set(known)
    if wanted:
        from directives.models import Directive

        known.update(Directive.objects.in_bulk(wanted))
    index = []
    for part in parts.values():
        if not index or index[-1].directive.pk != part.directive_id:
            index.append(DirectiveIndex(known[part.directive_id]))
        index[-1].parts.append(part)
    return index
