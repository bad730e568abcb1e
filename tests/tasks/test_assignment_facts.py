"""The facts about an assignment's latest submission and extensions that database triggers
keep on the assignment (Assignment.LATEST_FACTS, migration tasks/0005), whatever writes the
rows: the services, QuerySet.update(), bulk_create(), deletes; and the status "as of" a day
before some of those facts, which must look the rows up instead of trusting them."""

import datetime
import importlib

import pytest
import time_machine
from django.db import connection

from tasks.models import Assignment, ExtensionRequest, Submission
from tasks.services import extension_decide, extension_request_create, submission_decide
from tasks.status import Status
from tests.conftest import require_service, uses_postgres
from tests.tasks.helpers import make_submission
from tests.tasks.test_review import at, set_due

D = datetime.date
DUE = D(2022, 2, 3)

facts_migration = importlib.import_module("tasks.migrations.0009_assignment_first_facts")


@pytest.fixture
def work(resolution_assignment):
    set_due(resolution_assignment, DUE)
    return resolution_assignment


def facts(assignment):
    return Assignment.objects.values(*Assignment.LATEST_FACTS).get(pk=assignment.pk)


def status_of(assignment, as_of):
    return Assignment.objects.with_status(as_of).get(pk=assignment.pk).status


def due_of(assignment, as_of):
    return Assignment.objects.with_status(as_of).get(pk=assignment.pk).due_as_of


def submit(cast, work, day, hour=9):
    with time_machine.travel(at(day, hour), tick=False):
        return make_submission(cast.dinh_bang, work)


def decide(cast, submission, day, accept):
    with time_machine.travel(at(day), tick=False):
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=accept,
                          comment="" if accept else "Bổ sung số liệu")


def extend(cast, work, asked, decided, to, approve=True, by=None):
    with time_machine.travel(at(asked), tick=False):
        extension = extension_request_create(user=by or cast.dinh_bang, assignment_id=work.pk,
                                             requested_due_date=to, reason="Chờ Đại hội")
    with time_machine.travel(at(decided), tick=False):
        extension_decide(user=cast.reviewer, extension_id=extension.pk, approve=approve,
                         comment="" if approve else "Không có căn cứ")
    return extension


def test_an_assignment_without_submissions_or_extensions_has_no_facts(work):
    assert Assignment.objects.values(*Assignment.MAINTAINED).get(pk=work.pk) == dict.fromkeys(Assignment.MAINTAINED)


def test_a_submission_and_its_decision_are_recorded(cast, work):
    submission = submit(cast, work, D(2022, 2, 1))
    assert facts(work) == {"last_submitted_at": at(D(2022, 2, 1)), "last_submission_status": "pending",
                           "last_decided_at": None, "last_extension_at": None}
    decide(cast, submission, D(2022, 2, 2), accept=False)
    assert facts(work)["last_submission_status"] == "returned"
    assert facts(work)["last_decided_at"] == at(D(2022, 2, 2))


def test_a_new_version_replaces_the_facts_of_the_returned_one(cast, work):
    decide(cast, submit(cast, work, D(2022, 2, 1)), D(2022, 2, 2), accept=False)
    submit(cast, work, D(2022, 2, 10))
    assert facts(work) == {"last_submitted_at": at(D(2022, 2, 10)), "last_submission_status": "pending",
                           "last_decided_at": None, "last_extension_at": None}


def test_queryset_update_and_delete_are_seen(cast, work):
    first = submit(cast, work, D(2022, 2, 1))
    decide(cast, first, D(2022, 2, 2), accept=False)
    second = submit(cast, work, D(2022, 2, 10))
    Submission.objects.filter(pk=second.pk).update(status="accepted", decided_at=at(D(2022, 2, 11)))
    assert facts(work)["last_submission_status"] == "accepted"
    assert facts(work)["last_decided_at"] == at(D(2022, 2, 11))
    Submission.objects.filter(pk=second.pk).delete()
    assert facts(work) == {"last_submitted_at": at(D(2022, 2, 1)), "last_submission_status": "returned",
                           "last_decided_at": at(D(2022, 2, 2)), "last_extension_at": None}
    Submission.objects.filter(pk=first.pk).delete()
    assert facts(work) == dict.fromkeys(Assignment.LATEST_FACTS)


def test_bulk_created_submissions_are_seen_per_assignment(cast, work, tuong_giang_assignment):
    first = submit(cast, work, D(2022, 2, 1))
    rows = [
        Submission(assignment=assignment, version=version, kind=first.kind, summary="Báo cáo",
                   submitted_by=first.submitted_by, submitted_at=at(day), status=status)
        for assignment, version, day, status in (
            (work, 2, D(2022, 2, 5), "returned"), (work, 3, D(2022, 2, 4), "pending"),
            (tuong_giang_assignment, 1, D(2022, 3, 1), "pending"),
        )
    ]
    Submission.objects.bulk_create(rows)
    # The highest version decides the status, the latest time the last submission.
    assert facts(work)["last_submission_status"] == "pending"
    assert facts(work)["last_submitted_at"] == at(D(2022, 2, 5))
    assert facts(tuong_giang_assignment)["last_submitted_at"] == at(D(2022, 3, 1))


def test_a_truncated_table_leaves_no_facts_behind(cast, work):
    require_service("PostgreSQL", uses_postgres(), "SQLite has no TRUNCATE")
    decide(cast, submit(cast, work, D(2022, 2, 1)), D(2022, 2, 2), accept=False)
    extend(cast, work, D(2022, 2, 3), D(2022, 2, 4), D(2022, 2, 20))
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's pending FK checks, done
        cursor.execute("TRUNCATE tasks_extensionrequest")
    assert facts(work)["last_extension_at"] is None
    assert facts(work)["last_submission_status"] == "returned"
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE tasks_submission CASCADE")
    assert facts(work) == dict.fromkeys(Assignment.LATEST_FACTS)


def test_only_approved_extensions_are_recorded(cast, work):
    extend(cast, work, D(2022, 2, 1), D(2022, 2, 2), D(2022, 2, 20), approve=False)
    assert facts(work)["last_extension_at"] is None
    extend(cast, work, D(2022, 2, 3), D(2022, 2, 4), D(2022, 2, 20))
    extend(cast, work, D(2022, 2, 10), D(2022, 2, 12), D(2022, 3, 10))
    assert facts(work)["last_extension_at"] == at(D(2022, 2, 12))
    ExtensionRequest.objects.filter(assignment=work, decided_at=at(D(2022, 2, 12))).delete()
    assert facts(work)["last_extension_at"] == at(D(2022, 2, 4))


def test_saving_a_stale_assignment_keeps_the_facts(cast, work):
    stale = Assignment.objects.get(pk=work.pk)
    submit(cast, work, D(2022, 2, 1))
    stale.received_on = D(2022, 1, 10)
    stale.save()
    assert facts(work)["last_submission_status"] == "pending"
    # A deferred field is left alone, as by Django's own save().
    partial = Assignment.objects.only("pk", "disseminated_on").get(pk=work.pk)
    partial.disseminated_on = D(2022, 1, 12)
    partial.save()
    work.refresh_from_db()
    assert (work.received_on, work.disseminated_on, work.due_date, work.last_submission_status) == (
        D(2022, 1, 10), D(2022, 1, 12), DUE, "pending")


def test_the_migration_backfills_the_facts_of_existing_rows(cast, work, tuong_giang_assignment):
    set_due(tuong_giang_assignment, DUE)
    decide(cast, submit(cast, work, D(2022, 2, 1)), D(2022, 2, 2), accept=True)
    extend(cast, tuong_giang_assignment, D(2022, 2, 1), D(2022, 2, 3), D(2022, 3, 1), by=cast.tuong_giang)
    every = Assignment.objects.values(*Assignment.MAINTAINED)
    expected = {a.pk: every.get(pk=a.pk) for a in (work, tuong_giang_assignment)}
    assert all(expected[work.pk][name] for name in ("last_submitted_at", "first_submitted_at"))
    assert all(expected[tuong_giang_assignment.pk][name] for name in Assignment.FIRST_FACTS[1:])
    Assignment.objects.update(**dict.fromkeys(Assignment.MAINTAINED))
    with connection.cursor() as cursor:
        cursor.execute(facts_migration.backfill_sql(connection.vendor))
    assert {pk: every.get(pk=pk) for pk in expected} == expected


# The status "as of" a day before the facts: the rows then, not the facts now.

def test_a_resubmission_after_as_of_leaves_the_returned_status_then(cast, work):
    decide(cast, submit(cast, work, D(2022, 2, 1)), D(2022, 2, 2), accept=False)
    second = submit(cast, work, D(2022, 2, 10))
    assert status_of(work, D(2022, 2, 1)) == Status.AWAITING_REVIEW
    assert status_of(work, D(2022, 2, 5)) == Status.RETURNED
    assert status_of(work, D(2022, 2, 10)) == Status.AWAITING_REVIEW
    # Acceptance completes the work on the day it was submitted.
    decide(cast, second, D(2022, 2, 12), accept=True)
    assert status_of(work, D(2022, 2, 9)) == Status.RETURNED
    assert status_of(work, D(2022, 2, 10)) == Status.DONE_LATE


def test_a_submission_on_the_last_minute_of_as_of_counts(cast, work):
    submit(cast, work, DUE, hour=23)
    assert status_of(work, DUE - datetime.timedelta(days=1)) == Status.NOT_YET_DUE
    assert status_of(work, DUE) == Status.AWAITING_REVIEW


def test_the_deadline_in_force_follows_each_approval(cast, work):
    extend(cast, work, D(2022, 2, 1), D(2022, 2, 8), D(2022, 2, 28))
    extend(cast, work, D(2022, 2, 15), D(2022, 2, 20), D(2022, 3, 15))
    assert [due_of(work, day) for day in (D(2022, 2, 7), D(2022, 2, 8), D(2022, 2, 19),
                                          D(2022, 2, 20), D(2022, 4, 1))] == [
        DUE, D(2022, 2, 28), D(2022, 2, 28), D(2022, 3, 15), D(2022, 3, 15)]
    assert status_of(work, D(2022, 2, 7)) == Status.OVERDUE
    assert status_of(work, D(2022, 2, 19)) == Status.NOT_YET_DUE
