"""The dashboard's counts "as of" a day, from the assignments' facts (reports.dashboard.facts):
with_status's rules applied over arrays rather than row by row in SQL.

    totals = count(base, as_of, revived=ids, holders={assignment id: unit id}, status="")

`base`: the assignments counted, no date applied (selectors.scoped_base): cancelled ones
included, since a merge or split cancelled after `as_of` left them open then (`revived`, the
ids of those: tasks.unit_history.cancelled_after); `holders`: work counted for the unit that
held it on `as_of` (tasks.unit_history.holders_as_of); `status`: only the work of that status
(tasks.status.Status) as of the day.

Returns aggregate.Totals: rows per unit and per part, each [last_received, last_submitted,
last_completed, *counts] (the days by then, or None; the counts in the order of
reports.dashboard.data.COUNTS), the overdue list (the ids of the overdue assignments in its
order) and each unit's oldest overdue work (the first of its own in that list whose status
is overdue). The four buckets partition every assignment counted (docs/dashboard.md).

    cells = cells(base, as_of, unit_ids, held=ids, revived=ids, status="")

the matrix's page of units: each assignment with with_status's inputs on the day.

The rules are with_status's (tasks.querysets), read the way its SQL reads them: the deadline
in force at the end of the day (or of the completion day, for work done by then) is
due_date unless an extension was approved after that day, the deadline before the first
one when all came after it; the latest submission's status is the last one's when every
submission came by the day, none when all came after it; likewise the extensions granted
and the last submission's day. An assignment submitted or extended both before and after the
day has those read from its submissions and extensions (reports.dashboard.histories: a few
thousand of 100,000 at most). tests/reports/test_dashboard_totals.py holds the counts equal
to with_status's on every kind of assignment at dates around each of its events.
"""

from array import array
from typing import NamedTuple

import numpy as np
from django.db.models import F, Window
from django.db.models.functions import DenseRank

from directives.models import Task
from reports.dashboard import histories
from reports.dashboard.aggregate import Totals
from reports.dashboard.data import COUNTS
from reports.dashboard.facts import (
    ACCEPTED, NEVER, PENDING, RETURNED, STATUS_CODES, assignment_facts, day_number,
    from_day_number,
)
from tasks.models import Unit
from tasks.status import Status
from tasks.unit_history import history_under

NONE = np.iinfo(np.int32).min  # a group's latest day when it has none (no real day is as early)


def count(base, as_of, *, revived=(), holders=None, status=""):
    f = assignment_facts(base)
    day = day_number(as_of)
    keep = _kept_on(f, revived)
    due, latest, granted, submitted = _inputs(f, day, keep, revived)
    done = f.completed_on <= day
    on_time = done & (f.completed_on <= due)
    done_late = done & ~on_time
    still_open = ~done
    overdue = still_open & (due < day)
    if status:
        keep &= _statuses(f, day, done, on_time, overdue, latest, still_open) == status
    rows = np.flatnonzero(keep)
    if not len(rows):
        return Totals({}, {}, array("q"), {})
    units = f.unit_id
    if holders:
        units = units.copy()
        moved = np.fromiter(holders, dtype=np.int64)
        at = np.searchsorted(f.id, moved)
        found = (at < f.rows) & (f.id[np.minimum(at, f.rows - 1)] == moved)
        units[at[found]] = np.fromiter(holders.values(), dtype=np.int64)[found]
    columns = {
        "received": np.where(f.received_on <= day, f.received_on, NONE),
        "submitted": np.where(submitted < NEVER, submitted, NONE),
        "completed": np.where(done, f.completed_on, NONE),
        "state": _states(done_late, still_open & ~overdue, overdue, due <= day,
                         still_open & (latest == PENDING), still_open & (latest == RETURNED)),
        "late_days": np.where(done_late, f.completed_on - due, np.where(overdue, day - due, 0)),
        "extensions_granted": granted,
    }
    # Every fact counted (no cancelled work) is the common case: no copy of the columns then.
    if len(rows) < f.rows:
        columns = {name: values[rows] for name, values in columns.items()}
        units = units[rows]
    tasks = _tasks(f, base.db)
    part_of_row = tasks.part_of_row if len(rows) == f.rows else tasks.part_of_row[rows]
    by_unit, by_part = _grouped(units, part_of_row, tasks.parts, columns)
    late = np.flatnonzero(keep & overdue)
    waiting = (latest[late] == PENDING) | (latest[late] == RETURNED)
    return Totals(by_unit, by_part, *_overdue_order(f, late, due[late], waiting, tasks, base.db))


# Each assignment's state on the day, a number below STATES: its bucket (done on time, done
# late, open within the deadline, overdue), whether it has fallen due, and whether it awaits
# review or was returned. The counts of COUNTS that are numbers of assignments are sums of
# the numbers of assignments in some states: STATE_COUNTS, a column of 0s and 1s per count,
# in the order of COUNTS (late_days and extensions_granted, sums of numbers, are zeros here).
STATES = 24
_BUCKET, _FALLEN, _REVIEW = np.arange(STATES) // 6, np.arange(STATES) // 3 % 2, np.arange(STATES) % 3
STATE_COUNTS = np.stack([
    np.ones(STATES, dtype=bool),  # assignments
    _FALLEN == 1,  # fallen_due
    _BUCKET == 0, _BUCKET == 1, _BUCKET == 2, _BUCKET == 3,  # done_on_time … open_overdue
    _REVIEW == 1, _REVIEW == 2,  # awaiting_review, returned
    np.zeros(STATES, dtype=bool), np.zeros(STATES, dtype=bool),  # late_days, extensions_granted
    (_BUCKET < 2) & (_FALLEN == 1),  # done_fallen_due
], axis=1).astype(np.float64)  # float: a product of matrices in BLAS, exact far below 2**53
SUMS = {name: COUNTS.index(name) for name in ("late_days", "extensions_granted")}


def _states(done_late, open_within, overdue, fallen, awaiting, returned):
    """The state of each assignment (see STATES), as 8-bit numbers: a pass over 100,000 bytes
    per term."""
    def bits(values, weight):
        return values.view(np.uint8) * np.uint8(weight)

    return (bits(done_late, 6) + bits(open_within, 12) + bits(overdue, 18) + bits(fallen, 3)
            + bits(awaiting, 1) + bits(returned, 2))


class TaskKeys(NamedTuple):
    """The tasks of a set of facts, by id: `ids` (sorted), the code of each one's part (an
    index into `parts`, the parts' numbers), what the overdue list orders them by (their
    position and the rank of their key); `of_row`, the index here of each fact's task, and
    `part_of_row`, the code of each fact's part."""

    ids: np.ndarray
    part_codes: np.ndarray
    parts: list
    positions: np.ndarray
    key_ranks: np.ndarray
    of_row: np.ndarray
    part_of_row: np.ndarray


def _tasks(f, db):
    """TaskKeys of the facts' tasks, read once per set of facts (so once per data version)."""

    def read():
        rows = sorted(Task.objects.using(db).filter(pk__in=np.unique(f.task_id).tolist()).annotate(
            key_rank=Window(DenseRank(), order_by=F("key").asc())).values_list(
            "pk", "section__number", "position", "key_rank"))
        parts = sorted({part for _pk, part, *_rest in rows}, key=lambda n: (n is None, n))
        code = {part: at for at, part in enumerate(parts)}
        columns = list(zip(*((pk, code[part], position, rank) for pk, part, position, rank in rows))) or [()] * 4
        ids, part_codes, positions, key_ranks = (np.array(values, dtype=np.int64) for values in columns)
        of_row = np.searchsorted(ids, f.task_id)
        return TaskKeys(ids, part_codes, parts, positions, key_ranks, of_row, part_codes[of_row])

    return f.derive("tasks", read)


def derived(base, name, compute):
    """compute(facts) for the facts of `base`, once per set of facts (so once per data
    version): what the dashboard reads of other tables whatever the date."""
    f = assignment_facts(base)
    return f.derive(name, lambda: compute(f))


def unit_history(base):
    """tasks.unit_history.UnitHistory (units named as of any day) under the data version of
    the facts of `base`."""
    return history_under(assignment_facts(base).version, base.db)


def _unit_ranks(f, db):
    """(unit ids, sorted; the rank of each one's name): read once per set of facts."""

    def read():
        ranked = sorted(Unit.objects.using(db).annotate(name_rank=Window(DenseRank(), order_by=F("name").asc()))
                        .values_list("pk", "name_rank"))
        return tuple(np.array(values, dtype=np.int64) for values in zip(*ranked))

    return f.derive("units", read)


class Cells:
    """The assignments of a page of the matrix's units as of a day (cells()), as arrays."""

    def __init__(self, ids, units, tasks, due, latest, completed, received):
        self.columns = (ids, units, tasks, due, latest, completed, received)

    def task_ids(self):
        return np.unique(self.columns[2]).tolist()

    def _of(self, task_ids):
        columns = self.columns
        if task_ids is not None:
            chosen = np.isin(columns[2], np.fromiter(task_ids, dtype=np.int64))
            columns = [values[chosen] for values in columns]
        return columns

    def rows(self, task_ids=None):
        """[(id, unit id, task id, *rules.INPUTS)], of `task_ids` only when given."""
        ids, units, tasks, *inputs = self._of(task_ids)
        return [(pk, unit, task, *_rule_inputs(*found))
                for pk, unit, task, *found in zip(ids.tolist(), units.tolist(), tasks.tolist(), *(
                    values.tolist() for values in inputs))]

    def keyed_rows(self, as_of, task_ids=None):
        """(rows, inputs): rows [(id, unit id, task id, key)], of `task_ids` only when given,
        where cells of the same key have the same status, deadline and colour as of `as_of`
        (the same deadline in force, latest submission's status, and whether completed, on
        time, and received by then); inputs {key: rules.INPUTS of one of them}. A page of
        1,250 cells has a few hundred keys: the rules run once per key."""
        ids, units, tasks, due, latest, completed, received = self._of(task_ids)
        day = day_number(as_of)
        done = completed <= day
        keys = ((((due.astype(np.int64) * 8 + latest) * 2 + done) * 2 + (done & (completed <= due))) * 2
                + (received <= day))
        distinct, first = np.unique(keys, return_index=True)
        inputs = {key: _rule_inputs(*found) for key, *found in zip(distinct.tolist(), *(
            values[first].tolist() for values in (due, latest, completed, received)))}
        return list(zip(ids.tolist(), units.tolist(), tasks.tolist(), keys.tolist())), inputs


_STATUS_NAMES = {code: value for value, code in STATUS_CODES.items()}


def _rule_inputs(due, latest, completed, received):
    """rules.INPUTS (dates, the status's name) from the facts' day numbers and codes."""
    return from_day_number(due), _STATUS_NAMES.get(latest), from_day_number(completed), from_day_number(received)


def cells(base, as_of, unit_ids, held=(), *, revived=(), status=""):
    """Cells: the assignments count() counts that belong to `unit_ids` or are `held` (ids)
    by them, with with_status's inputs as of `as_of` (the deadline in force, the latest
    submission's status then, completion and receipt), from which the matrix draws its cells
    (reports.dashboard.rules). The inputs of the whole set are those count() computed for
    the same day when this process did (the cold page's counts, then its matrix)."""
    f = assignment_facts(base)
    day = day_number(as_of)
    keep = _kept_on(f, revived)
    due, latest, _granted, _submitted = _inputs(f, day, keep, revived)
    chosen = np.isin(f.unit_id, np.fromiter(unit_ids, dtype=np.int64))
    if held:
        chosen |= np.isin(f.id, np.fromiter(held, dtype=np.int64))
    chosen &= keep
    if status:
        done = f.completed_on <= day
        on_time = done & (f.completed_on <= due)
        chosen &= _statuses(f, day, done, on_time, ~done & (due < day), latest, ~done) == status
    at = np.flatnonzero(chosen)
    return Cells(f.id[at], f.unit_id[at], f.task_id[at], due[at], latest[at], f.completed_on[at], f.received_on[at])


def inputs_of(base, as_of, ids, *, revived=()):
    """{id: (the deadline in force, the latest submission's status)} on `as_of` of the
    assignments `ids` that count() counts, as count() computed them for the day."""
    f = assignment_facts(base)
    day = day_number(as_of)
    due, latest, _granted, _submitted = _inputs(f, day, _kept_on(f, revived), revived)
    wanted = np.fromiter(ids, dtype=np.int64)
    at = np.minimum(np.searchsorted(f.id, wanted), f.rows - 1)
    return {pk: (from_day_number(deadline), _STATUS_NAMES.get(code)) for pk, deadline, code, found in zip(
        wanted.tolist(), due[at].tolist(), latest[at].tolist(), (f.id[at] == wanted).tolist()) if found}


def _kept_on(f, revived):
    """Not cancelled, or cancelled by a merge or split after the day (`revived` ids)."""
    keep = f.is_cancelled == 0
    if revived:
        keep |= np.isin(f.id, np.fromiter(revived, dtype=np.int64))
    return keep


def _inputs(f, day, keep, revived=()):
    """(due, latest, granted, submitted): with_status's deadline in force, latest submission's
    status (STATUS_CODES), extensions granted and last submission's day, as of `day`, of the
    assignments `keep` holds (the others' may be wrong). The last day's are kept with the
    facts: the matrix of a page reads what its counts computed."""
    key = (day, frozenset(revived))
    if f.inputs is not None and f.inputs[0] == key:
        return f.inputs[1]
    found = _computed_inputs(f, day, keep)
    f.inputs = (key, found)
    return found


def _computed_inputs(f, day, keep):
    done = f.completed_on <= day
    deadline_day = np.where(done, f.completed_on, day)
    extended = f.extension_count > 0
    due = np.where(~extended | (f.last_extension_at <= deadline_day), f.due_date, f.first_extension_due)
    submitted_by = f.last_submitted_at <= day
    latest = np.where(submitted_by, np.where(f.last_decided_at <= day, f.last_submission_status, PENDING), 0)
    granted = np.where(extended & (f.last_extension_at <= day), f.extension_count, 0)
    submitted = np.where(submitted_by, f.last_submitted_at, NEVER)
    # Work whose history straddles the day: from its submissions and extensions.
    histories.straddling(f, day, deadline_day, keep, due, latest, granted, submitted)
    return due, latest, granted, submitted


def _statuses(f, day, done, on_time, overdue, latest, still_open):
    """with_status's `status` of each assignment (tasks.status.Status values)."""
    return np.select(
        [on_time, done, still_open & (latest == PENDING), still_open & (latest == RETURNED), overdue,
         (latest == ACCEPTED) | (f.received_on <= day)],
        [Status.DONE_ON_TIME.value, Status.DONE_LATE.value, Status.AWAITING_REVIEW.value,
         Status.RETURNED.value, Status.OVERDUE.value, Status.IN_PROGRESS.value],
        Status.NOT_YET_DUE.value)


def _dense(keys):
    """(keys as indices from 0, the key of each index): ids as they are when they are small
    enough to index arrays by (bincount), else numbered in order. 64-bit, as ufunc.at wants
    its operands alike to take its fast path (int32 ones cost thirty times as much)."""
    if int(keys.max()) < 4 * len(keys) + 4096:
        return keys.astype(np.int64), None
    groups, inverse = np.unique(keys, return_inverse=True)
    return inverse.astype(np.int64), groups


def _grouped(units, part_codes, parts, columns):
    """({unit id: row}, {part: row}) of the rows, grouped by unit and by part (`part_codes`:
    indices into `parts`) in one pass over them: one group per unit and part, then each
    unit's and each part's sums (and latest days) of its groups. A row: [received, submitted,
    completed, *counts]."""
    index, groups = _dense(units)
    width = len(parts)
    cell = index * width + part_codes
    size = (int(index.max()) + 1) * width
    latest = []
    for name in ("received", "submitted", "completed"):
        found = np.full(size, NONE, dtype=np.int64)
        np.maximum.at(found, cell, columns[name].astype(np.int64))
        latest.append(found.reshape(-1, width))
    # The assignments of each group in each state, counted at once; each count a sum of states.
    in_state = np.bincount(cell * STATES + columns["state"], minlength=size * STATES).reshape(-1, width, STATES)
    sums = {name: np.bincount(cell, weights=columns[name], minlength=size).reshape(-1, width) for name in SUMS}
    by_unit = _rows([d.max(axis=1) for d in latest], _counts(in_state.sum(axis=1), {
        name: values.sum(axis=1) for name, values in sums.items()}), groups)
    by_part = _rows([d.max(axis=0) for d in latest], _counts(in_state.sum(axis=0), {
        name: values.sum(axis=0) for name, values in sums.items()}), np.array(parts, dtype=object))
    return by_unit, by_part


def _counts(in_state, sums):
    """The counts of each group (a row each, in the order of COUNTS) from its number of
    assignments in each state and its `sums` ({name in SUMS: a value per group})."""
    counts = in_state @ STATE_COUNTS
    for name, column in SUMS.items():
        counts[:, column] = sums[name]
    return counts.astype(np.int64)


def _rows(latest, counts, groups):
    """{key: [received, submitted, completed, *counts]} of the groups with rows (`counts`: a
    row per group, its first column the number of assignments); `groups`: the key of each
    index, or None for the indices themselves."""
    present = np.flatnonzero(counts[:, 0])
    keys = present.tolist() if groups is None else groups[present].tolist()
    known = np.unique(np.concatenate([d[present] for d in latest])).tolist()
    dates = {n: None if n == NONE else from_day_number(n) for n in known}
    days = [[dates[n] for n in d[present].tolist()] for d in latest]
    return {key: [*first, *numbers] for key, *first, numbers in zip(keys, *days, counts[present].tolist())}


def _overdue_order(f, rows, due, waiting, tasks, db):
    """(ids, oldest): the ids of the overdue assignments at `rows` (positions in `f`, `due`
    their deadlines in force), in the overdue list's order: most days overdue first (the
    earliest deadline), then by the name of the assignment's unit, the task's position and
    key, and id; and {unit id: the first of its own in that order whose status is overdue,
    not `waiting` on a review or a revision (what an urge is about)}. Names and keys are
    ranked by the database (its collation, as any list of the portal sorts them); `tasks`:
    TaskKeys."""
    if not len(rows):
        return array("q"), {}
    unit_ids, name_ranks = _unit_ranks(f, db)
    units, ids, task_at = f.unit_id[rows], f.id[rows], tasks.of_row[rows]
    # `rows` come in the order of the facts, by id: a stable sort leaves ids breaking ties.
    order = _stable_order((due, name_ranks[np.searchsorted(unit_ids, units)], tasks.positions[task_at],
                           tasks.key_ranks[task_at]))
    ids, units, urged = ids[order], units[order], ~waiting[order]
    firsts, at = np.unique(units[urged], return_index=True)
    return array("q", ids.astype(np.int64).tobytes()), dict(zip(firsts.tolist(), ids[urged][at].tolist()))


def _stable_order(keys):
    """The stable order of the rows by `keys` (arrays of integers, the first the most
    significant): one sort of the keys packed into one 64-bit number when they fit (a sort
    per key otherwise, as np.lexsort does)."""
    packed, bits = np.zeros(len(keys[0]), dtype=np.int64), 0
    for key in keys:
        low = int(key.min())
        width = (int(key.max()) - low).bit_length()
        bits += width
        if bits > 63:
            return np.lexsort(keys[::-1])
        packed = (packed << width) | (key.astype(np.int64) - low)
    return np.argsort(packed, kind="stable")
