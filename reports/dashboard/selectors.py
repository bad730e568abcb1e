"""The numbers of the compliance dashboard, for the page, the spreadsheet and the PDF reports.

    from reports.dashboard.selectors import dashboard_data
    data = dashboard_data(directive, user, as_of, filters)      # -> DashboardData

Arguments
- `directive`: a Directive the caller has authorised (views load it with
  `get_object_for_user(Directive.objects…, user, pk)`; a Celery task re-checks it).
- `user`: whose view. Every figure comes from `Assignment.objects.visible_to(user, "view")`:
  the tracking body, the Office and observers see every unit (the directive's assignments,
  read without the permission filter: `sees_whole`); a unit officer or head sees their own
  unit(s) only (`data.whole` is False for them).
- `as_of`: a date. Statuses are `Assignment.objects.with_status(as_of)`: only submissions,
  reviews, completions and extensions known by the end of that day count.
- `filters`: `reports.dashboard.filters.DashboardFilters`, or None.
- keyword-only: `matrix_page`, `matrix_units` (units per matrix page; None: all units,
  0: no matrix), `matrix_task_page`, `matrix_tasks` (tasks per page of the matrix's
  columns; None: all), `overdue_page`, `overdue_per_page` (None: the whole overdue list),
  `memo` (name, compute) -> value: reuses pieces computed for another page of the same
  figures (reports.dashboard.caching.DashboardCache.memo); None computes everything;
  `matrix_html` (reports.templatetags.dashboard_tags.MatrixHtml): the matrix's rows then
  carry the HTML of their cells (`html`, `cells` empty): one string to store and read back
  rather than hundreds of objects;
  `whole`: sees_whole(user, directive) when the caller knows it already.

What it returns (`reports.dashboard.data`)
- `summary` (Figures): `buckets` — the four groups with counts and percentages of
  `assignments`, all the assigned work, which they partition (docs/dashboard.md);
  `fallen_due`, the assignments whose deadline in force has come by `as_of`, and
  `fallen_due_done_percent`, the completion rate among them; `awaiting_review`, `returned`
  (sub-states of the work not completed, whatever the deadline); `last_received`,
  `last_submitted`, `last_completed` (the last acknowledgement, submission and completion
  by then).
- `parts`: one PartRow per part 1–6 and one for the closing tasks ("Tổ chức thực hiện").
- `units`: one UnitRow per unit, by name, with `on_time_rate`, `avg_days_late` (over the
  assignments completed late or still overdue: days past the deadline at completion or at
  `as_of`), `extensions_granted` (approved by `as_of`), `last_activity`, `score`, `rank`, `tied`,
  `unranked_reason` (the emulation ranking within the unit's group of kinds:
  reports.dashboard.ranking).
- `matrix`: one page of the unit × task matrix (a page of units by a page of tasks);
  `overdue`: one page of the overdue assignments (most days first) with the last reminder
  or urge; `overdue_total`.

The number of SQL queries does not depend on the number of units, tasks or assignments:
the counts come from the assignments' facts, read in one query per data version and counted
for the date over arrays (reports.dashboard.counting), the matrix and the overdue list are
one page each.
"""

from array import array
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from accounts import roles
from accounts.permissions import tracks
from directives.models import Section, Task
from reminders.selectors import last_contact_by_assignment
from reports.dashboard import aggregate, counting, facts
from reports.dashboard.data import (
    DashboardData, Figures, OverdueRow, PartRow, UnitRow, as_figures, page_window,
)
from reports.dashboard.filters import CLOSING_PART, CLOSING_TITLE, DashboardFilters, part_key
from reports.dashboard.matrix import MATRIX_TASKS_PER_PAGE, MATRIX_UNITS_PER_PAGE, build_matrix, every_task
from reports.dashboard.overdue import overdue_rows
from reports.dashboard.ranking import assign_ranks, vn_key
from reports.dashboard.reorganised import Reorganised, fold
from tasks.models import Assignment, Unit
from tasks.querysets import end_of_day
from tasks.status import Status
from tasks.unit_history import UnitAsOf, names_as_of

OVERDUE_PER_PAGE = 50
KIND_ORDER = {kind: n for n, kind in enumerate(Unit.Kind.values)}


def sees_whole(user, directive):
    """Every unit's work on `directive`: its tracking body, the Office, observers."""
    return roles.sees_everything(user) or tracks(user, directive.pk)


def _visible(directive, user, whole):
    """The directive's assignments `user` sees. `whole`: sees_whole(user, directive), when
    the caller knows it. Someone who sees every unit's work on the directive sees all its
    assignments: the permission filter (three subqueries tested on each of 100,000 rows) is
    left out of the SQL, not the figures."""
    if whole and user.is_authenticated and user.is_active:
        qs = Assignment.objects.all()
    else:
        qs = Assignment.objects.visible_to(user, "view")
    # The directive's tasks as a semi-join, not a join: the counts read no column of them.
    return qs.filter(task_id__in=Task.objects.filter(directive=directive).values("pk"))


def scoped_base(directive, user, filters=None, *, whole=None):
    """The assignments the dashboard may count, before any date: the directive's that `user`
    sees, filtered, cancelled work included and the status filter left out (both depend on
    the date: reports.dashboard.counting applies them)."""
    return replace(filters or DashboardFilters(), status="").apply(_visible(directive, user, whole))


class Scope(NamedTuple):
    """What the dashboard counts as of a date: `base` (scoped_base), the cancelled work
    `revived` then (a merge or split after the date cancelled it: tasks.unit_history) and the
    status filter."""

    base: object
    revived: set
    status: str

    @classmethod
    def of(cls, directive, user, as_of, filters, whole):
        base = facts.pinned(scoped_base(directive, user, filters, whole=whole))
        return cls(base, counting.unit_history(base).cancelled_after(as_of), filters.status)

    def count(self, as_of, holders=None):
        return counting.count(self.base, as_of, revived=self.revived, holders=holders, status=self.status)


def count_as_of(directive, user, as_of, filters=None, *, whole=None, holders=None):
    """reports.dashboard.counting.count of what the dashboard counts for `user` on `as_of`."""
    return Scope.of(directive, user, as_of, filters or DashboardFilters(), whole).count(as_of, holders)


def dashboard_data(directive, user, as_of=None, filters=None, *, matrix_page=1,
                   matrix_units=MATRIX_UNITS_PER_PAGE, matrix_task_page=1,
                   matrix_tasks=MATRIX_TASKS_PER_PAGE, overdue_page=1,
                   overdue_per_page=OVERDUE_PER_PAGE, memo=None, matrix_html=None, whole=None):
    matrix = (matrix_page, matrix_units, matrix_task_page, matrix_tasks, matrix_html)
    if whole is None:
        whole = sees_whole(user, directive)
    with aggregate.analytic_queries(Assignment.objects.db):
        return _dashboard_data(directive, user, as_of, filters, whole, matrix, overdue_page,
                               overdue_per_page, memo or _no_memo)


def _no_memo(name, compute):
    return compute()


def piece_names(matrix_pages, overdue_page, overdue_per_page=OVERDUE_PER_PAGE):
    """The names of a page's pieces, as `memo` is asked for them: ("figures", the matrix's
    page or None for no matrix, the overdue list's page). `matrix_pages`: (page, units a
    page, task page, tasks a page, matrix_html or a flag that the rows are rendered)."""
    matrix_page, matrix_units, task_page, tasks_per_page, matrix_html = matrix_pages
    rendered = ":html" if matrix_html else ""
    matrix = f"matrix:{matrix_page}:{matrix_units}:{task_page}:{tasks_per_page}{rendered}" if matrix_units != 0 else None
    return "figures", matrix, f"overdue:{overdue_page}:{overdue_per_page}"


def _matrix(scope, as_of, units, matrix_pages, holders=None):
    """build_matrix for `units` ([(unit_id, name)] in display order), its rows rendered
    when matrix_pages names a matrix_html; `scope`: (base, revived, status) as count_as_of
    takes them; `holders`: tasks.unit_history.holders_as_of. The columns (the tasks assigned
    to the page's units) come from those of every task, read once per data version."""
    *pages, matrix_html = matrix_pages
    base, revived, status = scope
    return build_matrix(
        as_of, units, *pages, holders=holders, html=matrix_html,
        rows_of=lambda ids, held: counting.cells(base, as_of, ids, held, revived=revived, status=status),
        tasks_of=lambda task_ids: _task_columns(base, task_ids))


def _task_columns(base, task_ids):
    """matrix.task_columns of `task_ids`, from those of every task of the facts of `base`."""
    wanted = set(task_ids)
    return [task for task in every_task(base) if task.task_id in wanted]


def _matrix_units(unit_ids, described):
    """[(unit_id, shown name)] of `unit_ids` in the matrix's order: by kind, then name, as
    `described` ({id: UnitAsOf} on the date) has them."""
    blank = UnitAsOf(0, "", "", "", None)
    units = [(pk, described.get(pk, blank)) for pk in unit_ids]
    units.sort(key=lambda u: (KIND_ORDER.get(u[1].kind, 99), vn_key(u[1].name), u[0]))
    return [(pk, unit.display_name) for pk, unit in units]


class _Computation:
    """What computing a piece of the figures needs, made when a first piece is not cached:
    a page whose pieces are all cached makes none of it."""

    def __init__(self, directive, user, as_of, filters, whole):
        self.directive, self.user, self.as_of, self.filters, self.whole = directive, user, as_of, filters, whole

    @cached_property
    def scope(self):
        return Scope.of(self.directive, self.user, self.as_of, self.filters, self.whole)

    @cached_property
    def reorganised(self):
        return Reorganised(self.filters, self.as_of, counting.unit_history(self.scope.base))

    def figures(self):
        return _figures(self.scope, self.directive, self.user, self.as_of, self.filters, self.whole,
                        self.reorganised)


def _dashboard_data(directive, user, as_of, filters, whole, matrix_pages, overdue_page, overdue_per_page, memo):
    as_of = as_of or timezone.localdate()
    filters = filters or DashboardFilters()
    computation = _Computation(directive, user, as_of, filters, whole)
    # What every page of the entry shows (the counts, the parts, the unit table with its
    # ranks and names): a piece of its own, so that turning a page of the matrix or of the
    # overdue list computes that page only. The pieces' names need not hold the merge mode
    # (reorganised.mode_for): it follows from the filters, the date and the units, all in the
    # entry's key.
    figures_piece, matrix_piece, overdue_piece = piece_names(matrix_pages, overdue_page, overdue_per_page)
    figures = memo(figures_piece, computation.figures)

    matrix = memo(matrix_piece, lambda: _matrix(
        computation.scope, as_of, figures.matrix_units, matrix_pages, computation.reorganised.holders,
    )) if matrix_piece else None

    # The list's ids come from the figures, within the scope: their rows need no other filter.
    overdue, page, pages = memo(overdue_piece, lambda: _overdue(
        computation.scope, as_of, figures, overdue_page, overdue_per_page, computation.reorganised))
    return DashboardData(
        directive=directive, as_of=as_of, filters=filters, whole=whole,
        summary=figures.summary, parts=figures.parts, units=figures.units, matrix=matrix,
        overdue=overdue, overdue_page=page, overdue_pages=pages,
        overdue_per_page=overdue_per_page, unit_names=figures.unit_names,
        merged_mode=figures.merged_mode, merged_units=figures.merged_units,
        oldest_overdue=figures.oldest_overdue,
    )


@dataclass
class PageFigures:
    """The part of DashboardData every page of an entry shares."""

    summary: Figures
    parts: list
    units: list
    matrix_units: list  # [(unit_id, shown name)] in the matrix's order
    unit_names: dict
    merged_units: list
    merged_mode: str  # reorganised.mode_for
    overdue: array  # aggregate.Totals.overdue: the overdue list's ids, in order
    oldest_overdue: dict  # aggregate.Totals.oldest_overdue


def _figures(scope, directive, user, as_of, filters, whole, reorganised):
    by_unit, by_part, overdue, oldest_overdue = scope.count(as_of, reorganised.holders)
    parts = _part_rows(scope.base, directive, filters)
    for number, counts in by_part.items():
        key = part_key(number)
        if key not in parts:  # a part added since the sections were read
            parts[key] = PartRow(key=key, number=number, label=key)
        parts[key].add(as_figures(counts))
    summary = Figures()
    for part in parts.values():
        summary.add(part.__dict__)
    # The matrix keeps one row per unit as it stood on the date; the unit table may fold
    # merged units into their successor.
    folded = fold(by_unit, reorganised.successors)
    units = {unit_id: UnitRow.of(unit_id, counts) for unit_id, counts in folded.items()}
    described = counting.unit_history(scope.base).as_of({*by_unit, *units}, as_of)
    _describe_units(units, described)
    assign_ranks(list(units.values()))
    return PageFigures(
        summary=summary, parts=list(parts.values()), units=sorted(units.values(), key=lambda r: r.sort_name),
        matrix_units=_matrix_units(by_unit, described),
        unit_names=_filtered_unit_names(filters, user, whole, as_of),
        merged_units=_merged_units(reorganised, as_of, units), merged_mode=reorganised.mode,
        overdue=overdue, oldest_overdue=oldest_overdue,
    )


def _merged_units(reorganised, as_of, units):
    """[(name, successor's name)] of the merged units counted under a successor shown in the
    unit table, as named on `as_of`."""
    shown = {pk: to for pk, to in reorganised.successors.items() if to in units}
    if not shown:
        return []
    names = names_as_of(shown, as_of)
    return sorted((names[pk], units[to].name) for pk, to in shown.items() if pk in names)


def _filtered_unit_names(filters, user, whole, as_of):
    """Names of the ward and unit the filters name, for describing them. Someone who sees only
    their own units learns no other unit's name by putting its id in the URL: only their
    units and the wards above them are named."""
    ids = [i for i in (filters.ward_id, filters.unit_id) if i]
    if not ids:
        return {}
    units = Unit.objects.filter(pk__in=ids)
    if not whole:
        own = Assignment.objects.visible_to(user, "view").values("unit_id")
        units = units.filter(Q(pk__in=own) | Q(pk__in=Unit.objects.filter(pk__in=own).values("parent_id")))
    return names_as_of(units.values_list("pk", flat=True), as_of)


def _part_rows(base, directive, filters):
    """Empty rows for the parts the filters keep, in the directive's order (its sections read
    once per data version, with the facts of `base`)."""
    sections = counting.derived(base, f"sections:{directive.pk}", lambda f: list(
        Section.objects.using(base.db).filter(directive=directive).order_by("number").values_list("number", "title")))
    rows = {}
    for number, title in sections:
        key = str(number)
        if not filters.part or filters.part == key:
            rows[key] = PartRow(key=key, number=number, title=title, label=f"{number}. {title}")
    if not filters.part or filters.part == CLOSING_PART:
        title = str(CLOSING_TITLE)
        rows[CLOSING_PART] = PartRow(key=CLOSING_PART, number=None, title=title, label=title)
    return rows


def _describe_units(units, described):
    """Name the unit rows as `described` ({id: UnitAsOf} on the date) names them."""
    labels = {kind: str(label) for kind, label in Unit.Kind.choices}
    for pk, row in units.items():
        unit = described.get(pk)
        if unit is None:
            continue
        row.name, row.short_name, row.kind = unit.name, unit.short_name, unit.kind
        row.sort_name = vn_key(unit.name)
        row.kind_label = labels.get(unit.kind, unit.kind)


def _overdue(scope, as_of, figures, page, per_page, reorganised):
    """(rows, page, pages) of page `page` of the overdue list, whose order the figures hold
    (reports.dashboard.counting)."""
    page, pages, start, stop = page_window(len(figures.overdue), page, per_page)
    return _overdue_rows(scope, as_of, figures.overdue[start:stop].tolist(), reorganised), page, pages


def _overdue_rows(scope, as_of, ids, reorganised):
    found = overdue_rows(scope.base, as_of, ids, revived=scope.revived)
    if not found:
        return []
    # Each row under the unit that held the work on `as_of`, named as it was then.
    for r in found:
        r["unit_id"] = reorganised.unit_of(r["id"], r["unit_id"])
    history = counting.unit_history(scope.base)
    names = {pk: unit.name for pk, unit in history.as_of({r["unit_id"] for r in found}, as_of).items()}
    # The rows come from the user's scoped queryset: what they name needs no new check.
    contacts = last_contact_by_assignment([r["id"] for r in found], before=end_of_day(as_of))
    rows = []
    for r in found:
        task, unit_id = r["task"], r["unit_id"]
        rows.append(OverdueRow(
            assignment_id=r["id"], unit_id=unit_id, unit_name=names.get(unit_id) or history.name(unit_id),
            task_key=task.key, task_title=task.title, part=task.part, role=r["role"],
            role_label=str(Assignment.Role(r["role"]).label), due=r["due_as_of"],
            days_overdue=(as_of - r["due_as_of"]).days, status=r["status"],
            status_label=str(Status(r["status"]).label), extension_count=r["extension_count"],
            last_contact=contacts.get(r["id"]),
        ))
    return rows
