"""reports.dashboard.counting applies with_status's bucket and status rules over arrays of
the assignments' facts (to spare evaluating them row by row in SQL): here both are held
equal, day by day, over the hand-computed
world and more histories (resubmissions, decisions taken later, two extensions, work
submitted on the last minute of its deadline)."""

import datetime
from collections import defaultdict

import pytest
from django.db.models import Q
from django.utils import timezone

from reports.dashboard.data import Figures, add_counts, as_figures
from reports.dashboard.filters import DashboardFilters, part_key
from reports.dashboard.overdue import overdue_rows
from reports.dashboard.selectors import count_as_of, scoped_base
from tasks.models import Assignment, ExtensionRequest, Submission
from tasks.status import Bucket, Status
from tasks.unit_history import cancelled_after
from tests.reports.conftest import at, d

DONE = (Bucket.DONE_ON_TIME, Bucket.DONE_LATE)
DAYS = [d(15, 4) + datetime.timedelta(days=n) for n in range(70)]  # 15/04 to 23/06


def scoped_assignments(directive, user, day, filters):
    """What the dashboard counts on `day`, as with_status sees it: the reference the counts
    are held to. Cancelled work counts where a merge or split after the day cancelled it."""
    revived = cancelled_after(day)
    qs = scoped_base(directive, user, DashboardFilters(), whole=True)
    qs = qs.filter(Q(is_cancelled=False) | Q(pk__in=revived)).with_status(day)
    return filters.apply(qs)


def scoped(histories, day, filters):
    """scoped_assignments for the reviewer, knowing what it was made of (for counted)."""
    qs = scoped_assignments(histories.directive, histories.reviewer, day, filters)
    qs.made_of = (histories.directive, histories.reviewer, filters)
    return qs


def counted(qs, day):
    """The dashboard's counts (selectors.count_as_of) of the assignments `qs` holds."""
    directive, user, filters = qs.made_of
    return count_as_of(directive, user, day, filters, whole=True)


def expected_totals(qs, as_of):
    """totals() computed in Python from with_status's own annotations."""
    rows = qs.with_extensions_granted(as_of).with_last_submitted(as_of).values(
        "unit_id", "task__section__number", "status", "bucket", "due_as_of", "completed_on",
        "received_on", "extensions_granted", "last_submitted_as_of")
    by_unit, by_part = defaultdict(list), defaultdict(list)
    for r in rows:
        bucket, status, due = r["bucket"], r["status"], r["due_as_of"]
        if bucket == Bucket.DONE_LATE:
            late_days = (r["completed_on"] - due).days
        elif bucket == Bucket.OPEN_OVERDUE:
            late_days = (as_of - due).days
        else:
            late_days = 0
        received = r["received_on"] if r["received_on"] and r["received_on"] <= as_of else None
        submitted = r["last_submitted_as_of"] and timezone.localdate(r["last_submitted_as_of"])
        completed = r["completed_on"] if bucket in DONE else None
        fallen_due = int(due <= as_of)
        row = [received, submitted, completed, 1, fallen_due, int(bucket == Bucket.DONE_ON_TIME),
               int(bucket == Bucket.DONE_LATE), int(bucket == Bucket.OPEN_WITHIN),
               int(bucket == Bucket.OPEN_OVERDUE), int(status == Status.AWAITING_REVIEW),
               int(status == Status.RETURNED), late_days, r["extensions_granted"],
               int(bucket in DONE and fallen_due)]
        by_unit[r["unit_id"]].append(row)
        by_part[r["task__section__number"]].append(row)

    def summed(groups):
        total = {}
        for key, group in groups.items():
            total[key] = group[0]
            for row in group[1:]:
                total[key] = add_counts(total[key], row)
        return total

    return summed(by_unit), summed(by_part)


def submit(world, assignment, when, status=Submission.Status.PENDING, decided=None):
    version = assignment.submissions.count() + 1
    return Submission.objects.create(
        assignment=assignment, version=version, kind=Submission.Kind.PROGRESS, summary="Báo cáo",
        status=status, submitted_by=world.dinh_bang, submitted_at=when, decided_at=decided,
        decided_by=world.reviewer if decided else None,
    )


def extend(world, assignment, previous, new, decided):
    ExtensionRequest.objects.create(
        assignment=assignment, previous_due_date=previous, requested_due_date=new,
        reason="Chờ kinh phí", status=ExtensionRequest.Status.APPROVED, requested_by=world.dinh_bang,
        requested_at=at(decided - datetime.timedelta(days=1)), decided_by=world.reviewer,
        decided_at=at(decided),
    )


@pytest.fixture
def histories(world):
    """Tam Sơn's work, with histories the world lacks."""
    t, unit = world.tasks, world.other

    def assign(key, due, original=None, extensions=0, **fields):
        return Assignment.objects.create(task=t[key], unit=unit, original_due_date=original or due,
                                         due_date=due, extension_count=extensions, **fields)

    # Returned, submitted again, accepted later: completed on the day of the second version.
    a = assign("1.1", d(10, 5), received_on=d(20, 4))
    submit(world, a, at(d(3, 5)), Submission.Status.RETURNED, decided=at(d(5, 5)))
    submit(world, a, at(d(12, 5)), Submission.Status.ACCEPTED, decided=at(d(14, 5)))
    Assignment.objects.filter(pk=a.pk).update(completed_on=d(12, 5))
    # An accepted progress report, then a report still waiting.
    a = assign("1.2", d(9, 5))
    submit(world, a, at(d(1, 5)), Submission.Status.ACCEPTED, decided=at(d(2, 5)))
    submit(world, a, at(d(15, 5)))
    # Two extensions: 01/05 → 31/05 (approved 28/04) → 15/06 (approved 25/05).
    a = assign("2.1", d(15, 6), original=d(1, 5), extensions=2)
    extend(world, a, d(1, 5), d(31, 5), decided=d(28, 4))
    extend(world, a, d(31, 5), d(15, 6), decided=d(25, 5))
    # Submitted at 23:30 on its deadline, accepted two days later: on time.
    a = assign("2.2", d(20, 4))
    submit(world, a, datetime.datetime.combine(d(20, 4), datetime.time(23, 30), tzinfo=at(d(1, 1)).tzinfo),
           Submission.Status.ACCEPTED, decided=at(d(22, 4)))
    Assignment.objects.filter(pk=a.pk).update(completed_on=d(20, 4))
    # Extended after the deadline passed (approved 10/05), completed within the new one.
    a = assign("3.1", d(30, 5), original=d(5, 5), extensions=1)
    extend(world, a, d(5, 5), d(30, 5), decided=d(10, 5))
    submit(world, a, at(d(25, 5)), Submission.Status.ACCEPTED, decided=at(d(26, 5)))
    Assignment.objects.filter(pk=a.pk).update(completed_on=d(25, 5))
    # Returned, never submitted again.
    a = assign("C.1", d(5, 5))
    submit(world, a, at(d(4, 5)), Submission.Status.RETURNED, decided=at(d(8, 5)))
    return world


def test_totals_count_as_with_status_does_on_every_day(histories):
    for day in DAYS:
        qs = scoped(histories, day, DashboardFilters())
        assert counted(qs, day)[:2] == expected_totals(qs, day), day


def test_the_histories_reach_every_count(histories):
    """The comparison above would prove little over zeros: every count is non-zero on some day."""
    reached = set()
    for day in DAYS[::5]:
        qs = scoped(histories, day, DashboardFilters())
        by_unit, _by_part, *_overdue = counted(qs, day)
        for row in by_unit.values():
            reached |= {i for i, n in enumerate(row[3:]) if n}
    assert reached == set(range(11))


def test_the_four_groups_add_up_to_the_assigned_work_per_unit_part_and_in_total(histories):
    """Every assignment is in exactly one of the four groups, on every day (Báo cáo
    1270/BC-TCTTTg's base): the old base left out open work not yet due."""
    for day in DAYS[::3]:
        qs = scoped(histories, day, DashboardFilters())
        by_unit, by_part, *_overdue = counted(qs, day)
        for rows in (by_unit, by_part):
            for row in rows.values():
                f = Figures(**as_figures(row))
                assert f.done_on_time + f.done_late + f.open_within + f.open_overdue == f.assignments, day
                assert sum(b.count for b in f.buckets) == f.assignments
        assert sum(Figures(**as_figures(r)).assignments for r in by_unit.values()) == qs.count()


def test_a_task_due_next_month_is_within_the_deadline(histories):
    """Tam Sơn's 2.1 (on 15/04 due 01/05: its extensions came later) and 2.2 (due 20/04),
    both open: on 15/04 they are not completed and still within the deadline, and have not
    fallen due."""
    day = d(15, 4)
    qs = scoped(histories, day, DashboardFilters(unit_id=histories.other.pk, part="2"))
    by_unit, _by_part, *_overdue = counted(qs, day)
    f = Figures(**as_figures(by_unit[histories.other.pk]))
    assert (f.assignments, f.open_within, f.open_overdue, f.fallen_due) == (2, 2, 0, 0)
    assert [b.percent for b in f.buckets][2] == 100


def test_the_overdue_list_holds_what_with_status_calls_overdue_with_its_status(histories):
    for day in DAYS:
        qs = scoped(histories, day, DashboardFilters())
        expected = {(pk, status, due) for pk, status, due in
                    qs.filter(bucket=Bucket.OPEN_OVERDUE).values_list("pk", "status", "due_as_of")}
        order = counted(qs, day).overdue.tolist()
        base = scoped_base(histories.directive, histories.reviewer, whole=True)
        rows = overdue_rows(base, day, order)
        found = {(r["id"], r["status"], r["due_as_of"]) for r in rows}
        assert found == expected and len(order) == len(expected), day
        # What the row shows besides, read from the facts and the tasks: as the database has it.
        stored = {pk: rest for pk, *rest in qs.filter(pk__in=order).values_list(
            "pk", "unit_id", "role", "extension_count", "task__key", "task__title", "task__section__number")}
        assert [[r["unit_id"], r["role"], r["extension_count"], r["task"].key, r["task"].title, r["task"].part]
                for r in rows] == [[*stored[pk][:5], part_key(stored[pk][5])] for pk in order], day


def test_the_overdue_list_runs_from_the_most_days_overdue_then_by_unit_name_and_task(histories):
    for day in [*DAYS[::5], DAYS[-1]]:
        qs = scoped(histories, day, DashboardFilters())
        rows = {r["pk"]: r for r in qs.values("pk", "due_as_of", "unit__name", "task__position", "task__key", "bucket")}
        order = counted(qs, day).overdue.tolist()
        assert order == sorted((pk for pk, r in rows.items() if r["bucket"] == Bucket.OPEN_OVERDUE), key=lambda pk: (
            rows[pk]["due_as_of"], rows[pk]["unit__name"], rows[pk]["task__position"], rows[pk]["task__key"], pk)), day
    assert len({rows[pk]["unit__name"] for pk in order}) > 1 and len({rows[pk]["due_as_of"] for pk in order}) > 1


def test_each_unit_s_oldest_overdue_work_is_its_first_in_the_list_that_is_not_waiting(histories):
    """What the home page urges: overdue, not awaiting review nor returned for revision."""
    differs = False
    for day in DAYS[::3]:
        qs = scoped(histories, day, DashboardFilters())
        totals = counted(qs, day)
        rows = {pk: (unit, status) for pk, unit, status in qs.values_list("pk", "unit_id", "status")}
        expected, first = {}, {}
        for pk in totals.overdue:
            unit, status = rows[pk]
            first.setdefault(unit, pk)
            if status == Status.OVERDUE:
                expected.setdefault(unit, pk)
        assert totals.oldest_overdue == expected, day
        differs |= expected != first
    assert differs  # some unit's first overdue work was waiting on a review


def test_the_rules_in_python_give_with_status_s_status_and_bucket_on_every_day(histories):
    """reports.dashboard.rules (the matrix's cells, the overdue rows) against with_status."""
    from reports.dashboard import rules

    seen = set()
    for day in DAYS:
        qs = scoped(histories, day, DashboardFilters())
        for row in qs.values("pk", "status", "bucket", *rules.INPUTS):
            expected = (row["status"], row["bucket"])
            assert rules.status_and_bucket(day, *(row[name] for name in rules.INPUTS)) == expected, (day, row)
            seen.add(expected)
    assert {status for status, _bucket in seen} == set(Status.values)
    assert {bucket for _status, bucket in seen} == set(Bucket.values)
