"""The dashboard of Chỉ thị 03-CT/TU itself (its YAML, the demo cast): the SQL aggregate agrees
with a row-by-row count over the status annotation, for the whole and for one ward."""

import datetime
from collections import Counter

import pytest
from django.urls import reverse

from reports.dashboard.selectors import dashboard_data
from tasks.models import Assignment, Submission
from tasks.status import Bucket, Status

AS_OF = datetime.date(2022, 6, 30)


def counted_by_hand(directive, user, as_of):
    """The figures computed one assignment at a time, in Python, from with_status."""
    counts = Counter()
    rows = Assignment.objects.visible_to(user, "view").active().filter(task__directive=directive)
    for a in rows.with_status(as_of):
        counts["assignments"] += 1
        counts["bucket", a.bucket] += 1  # every assignment is in one of the four groups
        if a.due_as_of <= as_of:
            counts["fallen_due"] += 1
        counts["status", a.status] += 1
    return counts


def as_counter(summary):
    return Counter({
        "assignments": summary.assignments, "fallen_due": summary.fallen_due,
        ("bucket", Bucket.DONE_ON_TIME): summary.done_on_time,
        ("bucket", Bucket.DONE_LATE): summary.done_late,
        ("bucket", Bucket.OPEN_WITHIN): summary.open_within,
        ("bucket", Bucket.OPEN_OVERDUE): summary.open_overdue,
        ("status", Status.AWAITING_REVIEW): summary.awaiting_review,
        ("status", Status.RETURNED): summary.returned,
    })


@pytest.fixture
def some_work(cast, directive):
    """A few submissions in Đình Bảng: one accepted (completing the work), one pending."""
    from django.utils import timezone

    mine = list(Assignment.objects.filter(task__directive=directive, unit__key="p-dinh-bang").order_by("pk")[:2])
    for a, status in zip(mine, (Submission.Status.ACCEPTED, Submission.Status.PENDING)):
        Submission.objects.create(
            assignment=a, version=1, kind=Submission.Kind.FINAL, summary="Kết quả",
            status=status, submitted_by=cast.dinh_bang,
            submitted_at=timezone.make_aware(datetime.datetime(2022, 2, 1, 9)),
            decided_at=timezone.make_aware(datetime.datetime(2022, 2, 2, 9)) if status == "accepted" else None,
        )
        if status == Submission.Status.ACCEPTED:
            Assignment.objects.filter(pk=a.pk).update(completed_on=datetime.date(2022, 2, 1))
    return mine


def test_the_aggregate_agrees_with_a_count_assignment_by_assignment(cast, directive, some_work):
    data = dashboard_data(directive, cast.reviewer, AS_OF)
    hand = counted_by_hand(directive, cast.reviewer, AS_OF)
    summary = as_counter(data.summary)
    for key in summary:
        assert summary[key] == hand[key], key
    assert data.summary.assignments > 100
    assert sum(p.assignments for p in data.parts) == sum(u.assignments for u in data.units) == hand["assignments"]
    assert summary[("bucket", Bucket.DONE_ON_TIME)] >= 1 and summary[("status", Status.AWAITING_REVIEW)] >= 1
    # The four groups partition the assigned work: the work due in the second half of 2022
    # is "not completed, still within the deadline", not left out.
    assert sum(b.count for b in data.summary.buckets) == data.summary.assignments
    assert data.summary.open_within > 0 and data.summary.fallen_due < data.summary.assignments


def test_a_ward_officer_sees_the_same_figures_for_their_ward_only(client, cast, directive, some_work):
    data = dashboard_data(directive, cast.dinh_bang, AS_OF)
    hand = counted_by_hand(directive, cast.dinh_bang, AS_OF)
    summary = as_counter(data.summary)
    assert all(summary[key] == hand[key] for key in summary)
    assert data.summary.assignments < dashboard_data(directive, cast.reviewer, AS_OF).summary.assignments
    assert {u.name for u in data.units} == {"Đảng ủy phường Đình Bảng"}
    client.force_login(cast.dinh_bang)
    response = client.get(reverse("reports:dashboard", args=[directive.pk]), {"ngay": "30/06/2022"})
    assert response.status_code == 200
    assert "Tương Giang" not in response.content.decode().split('id="units-table"', 1)[1]
