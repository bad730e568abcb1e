"""The unit × task matrix: one page of units, each cell the status of one assignment.

Colour is never the only signal: every cell carries an abbreviation, and its full meaning as
a title and as visually hidden text (docs in the page's legend, `LEGEND`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext

from directives.models import Task
from reports.dashboard.data import Matrix, MatrixCell, MatrixRow, MatrixTask
from reports.dashboard.filters import part_key
from tasks.status import Bucket, Status

DUE_SOON_DAYS = 7
MATRIX_UNITS_PER_PAGE = 25

# state: (abbreviation, meaning), in the legend's order. A cell's state is its colour class
# (red, amber, green, dark green, grey); work awaiting review has no colour of its own: it is
# coloured by its deadline like other open work and marked by its own letters (CTĐ).
LEGEND = {
    "overdue": ("QH", gettext_lazy("Quá hạn, chưa hoàn thành")),
    "returned": ("TL", gettext_lazy("Bị trả lại để hoàn thiện")),
    "due-soon": ("SĐH", gettext_lazy("Sắp đến hạn (trong 7 ngày)")),
    "review": ("CTĐ", gettext_lazy("Chờ thẩm định, còn trong hạn (màu theo thời hạn)")),
    "later": ("CĐH", gettext_lazy("Chưa đến hạn")),
    "done": ("HT", gettext_lazy("Hoàn thành đúng hạn")),
    "done-late": ("HTQH", gettext_lazy("Hoàn thành quá hạn")),
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


def build_matrix(qs, as_of, units, page, per_page):
    """Matrix for one page of `units` ([(unit_id, name)], in display order) over `qs`
    (annotated with with_status(as_of)). `per_page` None: every unit on one page."""
    total = len(units)
    if per_page:
        pages = max(1, -(-total // per_page))
        page = min(max(1, page), pages)
        shown = units[(page - 1) * per_page: page * per_page]
    else:
        pages, page, shown = 1, 1, units
    matrix = Matrix(page=page, pages=pages, units_total=total, per_page=per_page)
    if not shown:
        return matrix
    ids = [unit_id for unit_id, _name in shown]
    rows = qs.filter(unit_id__in=ids).order_by().values_list(
        "pk", "unit_id", "task_id", "status", "bucket", "due_as_of"
    )
    by_unit, task_ids, texts, looks = {}, set(), CellTexts(as_of), {}
    for pk, unit_id, task_id, status, bucket, due in rows:
        # (state, abbr, text) depend on (status, bucket, due) alone: a page of 5,000 cells
        # has a few hundred distinct ones.
        look = looks.get((status, bucket, due))
        if look is None:
            state = cell_state(status, bucket, due, as_of)
            look = looks[status, bucket, due] = (state, cell_abbr(state, status), texts(state, status, due))
        by_unit.setdefault(unit_id, {})[task_id] = MatrixCell(
            assignment_id=pk, status=status, bucket=bucket, state=look[0], abbr=look[1], text=look[2], due=due,
        )
        task_ids.add(task_id)
    tasks = Task.objects.filter(pk__in=task_ids).order_by("section__number", "position", "key").values_list(
        "pk", "key", "title", "section__number"
    )
    # The closing tasks (no part) come after parts 1–6, as in the directive.
    matrix.tasks = sorted(
        (MatrixTask(pk, key, title, part_key(number)) for pk, key, title, number in tasks),
        key=lambda t: (t.part == "c", int(t.part) if t.part != "c" else 0),
    )
    for unit_id, name in shown:
        cells = by_unit.get(unit_id, {})
        matrix.rows.append(MatrixRow(unit_id, name, [cells.get(t.task_id) for t in matrix.tasks]))
    return matrix
