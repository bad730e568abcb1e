"""The unit × task matrix: one page of units by one page of tasks, each cell the status of
one assignment. A directive at province scale has hundreds of units and of tasks: both are
paged (the directive of Từ Sơn, a few dozen tasks, fits one page of columns).

Colour is never the only signal: every cell carries an abbreviation, and its full meaning as
a title and as visually hidden text (docs in the page's legend, `LEGEND`).
"""

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from directives.models import Task
from reports.dashboard import counting, rules
from reports.dashboard.data import Matrix, MatrixCell, MatrixRow, MatrixTask, page_window
from reports.dashboard.filters import part_key
from tasks.status import Bucket, Status

DUE_SOON_DAYS = 7
MATRIX_UNITS_PER_PAGE = 25
MATRIX_TASKS_PER_PAGE = 50

# state: (abbreviation, meaning), in the legend's order. A cell's state is its colour class
# (red, amber, green, dark green, grey); work awaiting review has no colour of its own: it is
# coloured by its deadline like other open work and marked by its own letters (CTĐ).
# Each meaning names the one of the four groups the state falls in.
LEGEND = {
    "overdue": ("QH", gettext_lazy("Chưa hoàn thành, quá hạn")),
    "returned": ("TL", gettext_lazy("Chưa hoàn thành, còn trong hạn: bị trả lại để hoàn thiện")),
    "due-soon": ("SĐH", gettext_lazy("Chưa hoàn thành, còn trong hạn: sắp đến hạn (trong 7 ngày)")),
    "review": ("CTĐ", gettext_lazy("Chưa hoàn thành, còn trong hạn: chờ thẩm định (màu theo thời hạn)")),
    "later": ("CĐH", gettext_lazy("Chưa hoàn thành, còn trong hạn: chưa đến hạn")),
    "done": ("HT", gettext_lazy("Đã hoàn thành đúng hạn")),
    "done-late": ("HTQH", gettext_lazy("Đã hoàn thành quá hạn")),
}
ABBREVIATIONS = {state: abbr for state, (abbr, _meaning) in LEGEND.items()}


def cell_state(status, bucket, due, as_of):
    """The colour class of a cell. Overdue wins over everything still open; returned work
    and work due within DUE_SOON_DAYS call for attention (amber); the rest of the open work
    is grey, awaiting review or not."""
    if bucket == Bucket.DONE_ON_TIME:
        return "done"
    if bucket == Bucket.DONE_LATE:
        return "done-late"
    if bucket == Bucket.OPEN_OVERDUE:
        return "overdue"
    if status == Status.RETURNED:
        return "returned"
    if (due - as_of).days <= DUE_SOON_DAYS:
        return "due-soon"
    return "later"


def cell_abbr(state, status):
    """The letters written in a cell: its colour's, or CTĐ for open work awaiting review."""
    if status == Status.AWAITING_REVIEW and state in ("due-soon", "later"):
        return ABBREVIATIONS["review"]
    return ABBREVIATIONS[state]


class CellTexts:
    """What a cell's colour means, in words (title and screen-reader text), built once per
    distinct (state, status, deadline): a page has thousands of cells but few of those."""

    def __init__(self, as_of):
        self.as_of = as_of
        self.labels = {value: str(label) for value, label in Status.choices}
        self.later = _("%(status)s (hạn %(due)s)")
        self.cache = {}

    def __call__(self, state, status, due):
        key = (state, status, due)
        if key not in self.cache:
            self.cache[key] = self._text(state, status, due)
        return self.cache[key]

    def _text(self, state, status, due):
        label = self.labels.get(status, status)
        if state in ("done", "done-late"):
            return label
        if state == "overdue":
            days = (self.as_of - due).days
            return ngettext("%(status)s, quá hạn %(n)s ngày (hạn %(due)s)",
                            "%(status)s, quá hạn %(n)s ngày (hạn %(due)s)", days) % {
                "status": label, "n": days, "due": f"{due:%d/%m/%Y}"}
        return self.later % {"status": label, "due": f"{due:%d/%m/%Y}"}


def task_columns(task_ids, using=None):
    """MatrixTask of the tasks `task_ids`, in the directive's order: parts 1–6, then the
    closing tasks (no part)."""
    rows = Task.objects.using(using).filter(pk__in=list(task_ids)).values_list(
        "pk", "key", "title", "section__number", "position")
    in_order = sorted(rows, key=lambda r: (r[3] is None, r[3] or 0, r[4], r[1]))  # part, position, key
    return [MatrixTask(pk, key, title, part_key(number)) for pk, key, title, number, _position in in_order]


def every_task(base):
    """task_columns of every task of the assignments' facts of `base` (counting.derived: read
    once per data version)."""
    return counting.derived(base, "task_columns", lambda f: task_columns(np.unique(f.task_id).tolist(), base.db))


def build_matrix(as_of, units, page, per_page, task_page=1, tasks_per_page=None, *, rows_of,
                 holders=None, tasks_of=task_columns, html=None):
    """Matrix for one page of `units` ([(unit_id, name)], in display order) and one page of
    the tasks assigned to them. `per_page`, `tasks_per_page` None: every unit, every task on
    one page. `rows_of` ((unit ids, held ids) -> reports.dashboard.counting.Cells): the
    assignments of those units as of `as_of` (counting.cells). `holders`
    ({assignment id: unit id}): work shown under the unit that held it on `as_of` (a later
    merge or split). `tasks_of` (task ids -> [MatrixTask]): the columns, in order. `html`
    (reports.templatetags.dashboard_tags.MatrixHtml): the rows carry their cells' markup
    instead of their cells (MatrixRow.html; `cells` empty)."""
    page, pages, start, stop = page_window(len(units), page, per_page)
    shown = units[start:stop]
    matrix = Matrix(page=page, pages=pages, units_total=len(units), per_page=per_page)
    if not shown:
        return matrix
    ids = [unit_id for unit_id, _name in shown]
    holders = holders or {}
    held = [pk for pk, unit_id in holders.items() if unit_id in set(ids)]
    every = rows_of(ids, held)
    tasks = tasks_of(every.task_ids())
    matrix.task_page, matrix.task_pages, start, stop = page_window(len(tasks), task_page, tasks_per_page)
    matrix.tasks_total, matrix.tasks, matrix.task_offset = len(tasks), tasks[start:stop], start
    rows, inputs_of = every.keyed_rows(as_of, None if len(matrix.tasks) == len(tasks) else [
        t.task_id for t in matrix.tasks])
    by_unit, texts, looks = {}, CellTexts(as_of), {}
    for pk, unit_id, task_id, key in rows:
        unit_id = holders.get(pk, unit_id)
        # The cell but its id is the same for every cell of a key (in MatrixCell's order);
        # with `html`, so is its markup but the id (MatrixHtml.look).
        look = looks.get(key)
        if look is None:
            inputs = inputs_of[key]
            status, bucket = rules.status_and_bucket(as_of, *inputs)
            due = inputs[0]
            state = cell_state(status, bucket, due, as_of)
            look = (status, bucket, state, cell_abbr(state, status), texts(state, status, due), due)
            looks[key] = look = look if html is None else html.look(*look[2:5])
        by_unit.setdefault(unit_id, {})[task_id] = (pk, look)
    for unit_id, name in shown:
        found = by_unit.get(unit_id, {})
        cells = [found.get(t.task_id) for t in matrix.tasks]
        matrix.rows.append(MatrixRow(unit_id, name, [None if c is None else MatrixCell(c[0], *c[1]) for c in cells])
                           if html is None else MatrixRow(unit_id, name, [], html.marked_row(cells)))
    return matrix
