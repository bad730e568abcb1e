"""The facts about an assignment's first submission and first approved extension, kept by the
triggers of migration tasks/0009 (Assignment.FIRST_FACTS), and the status "as of" a day before
them, which they answer without looking the rows up.

The last test holds the status read through the facts equal, day by day, to the status looked
up from the rows alone (every fact pushed out of the way so that every row takes the lookup)."""

import datetime

import pytest
import time_machine

from tasks.models import Assignment, ExtensionRequest, Submission
from tasks.services import submission_withdraw
from tasks.status import Status
from tests.tasks.test_assignment_facts import DUE, D, decide, due_of, extend, status_of, submit
from tests.tasks.test_review import at, set_due


@pytest.fixture
def work(resolution_assignment):
    set_due(resolution_assignment, DUE)
    return resolution_assignment


def first_facts(assignment):
    return Assignment.objects.values(*Assignment.FIRST_FACTS).get(pk=assignment.pk)


def test_the_first_submission_is_recorded_and_stays_through_reviews_and_resubmissions(cast, work):
    assert first_facts(work) == dict.fromkeys(Assignment.FIRST_FACTS)
    first = submit(cast, work, D(2022, 2, 1))
    assert first_facts(work)["first_submitted_at"] == at(D(2022, 2, 1))
    decide(cast, first, D(2022, 2, 2), accept=False)
    submit(cast, work, D(2022, 2, 10))
    assert first_facts(work) == {"first_submitted_at": at(D(2022, 2, 1)), "first_extension_at": None,
                                 "first_extension_due": None}


def test_a_withdrawn_first_version_is_still_the_first_submission(cast, work):
    first = submit(cast, work, D(2022, 2, 1))
    with time_machine.travel(at(D(2022, 2, 1), 10), tick=False):
        submission_withdraw(user=cast.dinh_bang, submission_id=first.pk)
    submit(cast, work, D(2022, 2, 5))
    assert first_facts(work)["first_submitted_at"] == at(D(2022, 2, 1))
    # Withdrawn by the end of 01/02: the work had no submission in force then, nor before.
    assert status_of(work, D(2022, 1, 31)) == Status.NOT_YET_DUE
    assert status_of(work, D(2022, 2, 1)) == Status.NOT_YET_DUE
    assert status_of(work, D(2022, 2, 5)) == Status.AWAITING_REVIEW


def test_deleting_the_first_submission_moves_the_fact_to_the_next(cast, work):
    first = submit(cast, work, D(2022, 2, 1))
    decide(cast, first, D(2022, 2, 2), accept=False)
    submit(cast, work, D(2022, 2, 10))
    Submission.objects.filter(pk=first.pk).delete()
    assert first_facts(work)["first_submitted_at"] == at(D(2022, 2, 10))
    Submission.objects.filter(assignment=work).delete()
    assert first_facts(work)["first_submitted_at"] is None


def test_the_first_approved_extension_is_recorded_with_the_deadline_it_moved(cast, work):
    extend(cast, work, D(2022, 2, 1), D(2022, 2, 2), D(2022, 2, 20), approve=False)
    assert first_facts(work)["first_extension_at"] is None
    extend(cast, work, D(2022, 2, 3), D(2022, 2, 8), D(2022, 2, 28))
    extend(cast, work, D(2022, 2, 15), D(2022, 2, 20), D(2022, 3, 15))
    assert first_facts(work) == {"first_submitted_at": None, "first_extension_at": at(D(2022, 2, 8)),
                                 "first_extension_due": DUE}
    ExtensionRequest.objects.filter(assignment=work, decided_at=at(D(2022, 2, 8))).delete()
    assert first_facts(work)["first_extension_at"] == at(D(2022, 2, 20))
    assert first_facts(work)["first_extension_due"] == D(2022, 2, 28)


def test_days_before_the_first_facts_are_answered_from_them(cast, work):
    """Submitted and extended after 05/02: on 05/02 nothing had come and the deadline was the
    original one, whatever happened since."""
    extend(cast, work, D(2022, 2, 6), D(2022, 2, 7), D(2022, 2, 28))
    submission = submit(cast, work, D(2022, 2, 9))
    decide(cast, submission, D(2022, 2, 10), accept=True)
    day = D(2022, 2, 5)
    row = (Assignment.objects.with_status(day).with_extensions_granted(day).with_last_submitted(day)
           .values("status", "due_as_of", "extensions_granted", "last_submitted_as_of").get(pk=work.pk))
    assert row == {"status": Status.OVERDUE, "due_as_of": DUE, "extensions_granted": 0, "last_submitted_as_of": None}
    assert due_of(work, D(2022, 2, 7)) == D(2022, 2, 28)
    assert status_of(work, D(2022, 2, 9)) == Status.DONE_ON_TIME


FAR_PAST = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
FAR_FUTURE = datetime.datetime(2100, 1, 1, tzinfo=datetime.timezone.utc)


def every_figure(day):
    qs = Assignment.objects.with_status(day).with_extensions_granted(day).with_last_submitted(day)
    return {r["pk"]: r for r in qs.values("pk", "status", "bucket", "due_as_of", "extensions_granted",
                                           "last_submitted_as_of")}


def test_the_facts_answer_as_the_rows_do_on_every_day(cast, work, tuong_giang_assignment):
    other = tuong_giang_assignment
    set_due(other, D(2022, 2, 10))
    # work: returned, resubmitted, accepted; extended twice on the way.
    decide(cast, submit(cast, work, D(2022, 1, 25)), D(2022, 1, 27), accept=False)
    extend(cast, work, D(2022, 1, 28), D(2022, 1, 30), D(2022, 2, 15))
    extend(cast, work, D(2022, 2, 10), D(2022, 2, 12), D(2022, 2, 25))
    decide(cast, submit(cast, work, D(2022, 2, 14)), D(2022, 2, 20), accept=True)
    # other: extended after its deadline passed, submitted once, still waiting.
    extend(cast, other, D(2022, 2, 11), D(2022, 2, 13), D(2022, 2, 24), by=cast.tuong_giang)
    with time_machine.travel(at(D(2022, 2, 18)), tick=False):
        from tests.tasks.helpers import make_submission
        make_submission(cast.tuong_giang, other)
    days = [D(2022, 1, 20) + datetime.timedelta(days=n) for n in range(45)]
    through_facts = {day: every_figure(day) for day in days}
    # Push every fact out of the way: each row now takes the lookup of its submissions and
    # extensions (the triggers are on those tables, not on this one).
    Assignment.objects.filter(last_submitted_at__isnull=False).update(
        last_submitted_at=FAR_FUTURE, first_submitted_at=FAR_PAST)
    Assignment.objects.filter(last_extension_at__isnull=False).update(
        last_extension_at=FAR_FUTURE, first_extension_at=FAR_PAST)
    looked_up = {day: every_figure(day) for day in days}
    assert through_facts == looked_up
    statuses = {r["status"] for figures in looked_up.values() for r in figures.values()}
    assert {Status.NOT_YET_DUE, Status.AWAITING_REVIEW, Status.RETURNED, Status.OVERDUE,
            Status.DONE_ON_TIME} <= statuses
    dues = {figures[work.pk]["due_as_of"] for figures in looked_up.values()}
    assert dues == {DUE, D(2022, 2, 15), D(2022, 2, 25)}
