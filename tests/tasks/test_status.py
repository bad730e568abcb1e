"""The one status annotation (Assignment.objects.with_status) at the boundary dates, and its
mapping to the four reporting buckets."""

import datetime

import pytest
import time_machine

from tasks.models import Assignment, Submission
from tasks.services import extension_decide, extension_request_create, submission_decide
from tasks.status import Bucket, Status
from tests.tasks.helpers import make_submission
from tests.tasks.test_review import at, set_due

D = datetime.date
DUE = D(2022, 2, 3)


@pytest.fixture
def work(resolution_assignment):
    set_due(resolution_assignment, DUE)
    return resolution_assignment


def annotated(assignment, as_of=None):
    row = Assignment.objects.with_status(as_of).get(pk=assignment.pk)
    return row.status, row.bucket


def test_nothing_done_before_the_deadline_is_not_yet_due(work):
    assert annotated(work, D(2022, 1, 20)) == (Status.NOT_YET_DUE, Bucket.OPEN_WITHIN)


def test_received_work_within_the_deadline_is_in_progress(work):
    Assignment.objects.filter(pk=work.pk).update(received_on=D(2022, 1, 10))
    assert annotated(work, D(2022, 1, 9)) == (Status.NOT_YET_DUE, Bucket.OPEN_WITHIN)
    assert annotated(work, D(2022, 1, 10)) == (Status.IN_PROGRESS, Bucket.OPEN_WITHIN)


def test_due_today_is_still_within_the_deadline(work):
    assert annotated(work, DUE) == (Status.NOT_YET_DUE, Bucket.OPEN_WITHIN)


def test_due_yesterday_is_overdue(work):
    assert annotated(work, DUE + datetime.timedelta(days=1)) == (Status.OVERDUE, Bucket.OPEN_OVERDUE)


def test_default_as_of_is_today_in_the_portal_time_zone(work):
    # 00:30 on 04/02 in Hà Nội is still 03/02 in UTC: the portal's day decides.
    with time_machine.travel(at(D(2022, 2, 4), hour=0).replace(minute=30), tick=False):
        assert annotated(work) == (Status.OVERDUE, Bucket.OPEN_OVERDUE)
    with time_machine.travel(at(D(2022, 2, 3), hour=23), tick=False):
        assert annotated(work) == (Status.NOT_YET_DUE, Bucket.OPEN_WITHIN)


def test_awaiting_review_counts_by_its_deadline(cast, work):
    with time_machine.travel(at(D(2022, 2, 1)), tick=False):
        make_submission(cast.dinh_bang, work)
    assert annotated(work, D(2022, 1, 31)) == (Status.NOT_YET_DUE, Bucket.OPEN_WITHIN)
    assert annotated(work, D(2022, 2, 1)) == (Status.AWAITING_REVIEW, Bucket.OPEN_WITHIN)
    assert annotated(work, D(2022, 2, 10)) == (Status.AWAITING_REVIEW, Bucket.OPEN_OVERDUE)


def test_returned_work_is_not_completed(cast, work):
    with time_machine.travel(at(D(2022, 2, 1)), tick=False):
        submission = make_submission(cast.dinh_bang, work)
    with time_machine.travel(at(D(2022, 2, 5)), tick=False):
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=False, comment="Bổ sung")
    assert annotated(work, D(2022, 2, 5)) == (Status.RETURNED, Bucket.OPEN_OVERDUE)
    # Before the decision was taken the submission was still waiting.
    assert annotated(work, D(2022, 2, 4)) == (Status.AWAITING_REVIEW, Bucket.OPEN_OVERDUE)


def test_accepted_on_time_even_when_reviewed_after_the_deadline(cast, work):
    with time_machine.travel(at(DUE, hour=22), tick=False):
        submission = make_submission(cast.dinh_bang, work)
    with time_machine.travel(at(D(2022, 2, 15)), tick=False):
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    assert annotated(work, D(2022, 2, 15)) == (Status.DONE_ON_TIME, Bucket.DONE_ON_TIME)
    assert annotated(work, DUE) == (Status.DONE_ON_TIME, Bucket.DONE_ON_TIME)
    assert annotated(work, DUE - datetime.timedelta(days=1)) == (Status.NOT_YET_DUE, Bucket.OPEN_WITHIN)


def test_accepted_late(cast, work):
    with time_machine.travel(at(DUE + datetime.timedelta(days=1)), tick=False):
        submission = make_submission(cast.dinh_bang, work)
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    assert annotated(work, D(2022, 3, 1)) == (Status.DONE_LATE, Bucket.DONE_LATE)


def test_accepted_progress_report_leaves_the_work_open(cast, work):
    with time_machine.travel(at(D(2022, 2, 1)), tick=False):
        submission = make_submission(cast.dinh_bang, work, kind=Submission.Kind.PROGRESS)
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    assert annotated(work, D(2022, 2, 2)) == (Status.IN_PROGRESS, Bucket.OPEN_WITHIN)
    assert annotated(work, D(2022, 2, 4)) == (Status.OVERDUE, Bucket.OPEN_OVERDUE)


def test_an_extension_moves_the_deadline_from_its_decision_on(cast, work):
    with time_machine.travel(at(D(2022, 2, 2)), tick=False):
        extension = extension_request_create(user=cast.dinh_bang, assignment_id=work.pk,
                                             requested_due_date=D(2022, 2, 28), reason="Chờ Đại hội")
    with time_machine.travel(at(D(2022, 2, 8)), tick=False):
        extension_decide(user=cast.reviewer, extension_id=extension.pk, approve=True)
    assert annotated(work, D(2022, 2, 7)) == (Status.OVERDUE, Bucket.OPEN_OVERDUE)
    row = Assignment.objects.with_status(D(2022, 2, 7)).get(pk=work.pk)
    assert row.due_as_of == DUE
    assert annotated(work, D(2022, 2, 8)) == (Status.NOT_YET_DUE, Bucket.OPEN_WITHIN)
    assert annotated(work, D(2022, 2, 28)) == (Status.NOT_YET_DUE, Bucket.OPEN_WITHIN)
    assert annotated(work, D(2022, 3, 1)) == (Status.OVERDUE, Bucket.OPEN_OVERDUE)
    # Completed after the old deadline but within the extended one: on time.
    with time_machine.travel(at(D(2022, 2, 20)), tick=False):
        submission = make_submission(cast.dinh_bang, work)
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    assert annotated(work, D(2022, 3, 1)) == (Status.DONE_ON_TIME, Bucket.DONE_ON_TIME)


def test_every_status_falls_in_one_of_the_four_buckets(cast, directive):
    rows = Assignment.objects.with_status(D(2022, 6, 30)).values_list("status", "bucket")
    for status, bucket in rows:
        assert status in Status.values and bucket in Bucket.values
        if status == Status.DONE_ON_TIME:
            assert bucket == Bucket.DONE_ON_TIME
        elif status == Status.DONE_LATE:
            assert bucket == Bucket.DONE_LATE
        elif status == Status.OVERDUE:
            assert bucket == Bucket.OPEN_OVERDUE
        elif status in (Status.NOT_YET_DUE, Status.IN_PROGRESS):
            assert bucket == Bucket.OPEN_WITHIN


def test_an_extension_approved_after_a_late_submission_does_not_make_it_on_time(cast, work):
    with time_machine.travel(at(D(2022, 2, 5)), tick=False):
        submission = make_submission(cast.dinh_bang, work)  # two days after the deadline
        extension = extension_request_create(user=cast.dinh_bang, assignment_id=work.pk,
                                             requested_due_date=D(2022, 2, 28), reason="Chờ Đại hội")
    with time_machine.travel(at(D(2022, 2, 6)), tick=False):
        extension_decide(user=cast.reviewer, extension_id=extension.pk, approve=True)
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    # Accepted work counts from the day it was submitted, against the deadline then in force.
    assert annotated(work, D(2022, 2, 5)) == (Status.DONE_LATE, Bucket.DONE_LATE)
    assert annotated(work, D(2022, 3, 10)) == (Status.DONE_LATE, Bucket.DONE_LATE)


def test_work_done_on_the_day_its_extension_was_approved_is_on_time(cast, work):
    with time_machine.travel(at(D(2022, 2, 4)), tick=False):
        extension = extension_request_create(user=cast.dinh_bang, assignment_id=work.pk,
                                             requested_due_date=D(2022, 2, 28), reason="Chờ Đại hội")
    with time_machine.travel(at(D(2022, 2, 5)), tick=False):
        extension_decide(user=cast.reviewer, extension_id=extension.pk, approve=True)
        submission = make_submission(cast.dinh_bang, work)
    with time_machine.travel(at(D(2022, 2, 7)), tick=False):
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    # The approval of 05/02 was in force at the end of the day the work was submitted.
    assert annotated(work, D(2022, 2, 5)) == (Status.DONE_ON_TIME, Bucket.DONE_ON_TIME)
    assert annotated(work, D(2022, 3, 10)) == (Status.DONE_ON_TIME, Bucket.DONE_ON_TIME)
