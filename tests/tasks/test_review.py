"""The tracking body reviews: accept (completing the work as of the submission's day) or
return with a comment; two reviewers deciding at once produce exactly one decision."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

import audit
from audit.models import AuditEntry
from notifications.models import Notification
from tasks.models import Assignment, Submission
from tasks.services import AlreadyDecided, WorkflowError, submission_decide
from tasks.status import Status
from tests.conftest import require_service, uses_postgres
from tests.tasks.helpers import make_submission

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


def set_due(assignment, day):
    Assignment.objects.filter(pk=assignment.pk).update(original_due_date=day, due_date=day)
    assignment.refresh_from_db()


def status_of(assignment, as_of=None):
    return Assignment.objects.with_status(as_of).get(pk=assignment.pk).status


def review(client, submission, decision, comment="", complete=None):
    data = {"decision": decision, "comment": comment}
    if complete:
        data["complete"] = "on"
    return client.post(reverse("tasks:submission_review", args=[submission.pk]), data)


def test_accepting_completes_the_assignment_as_of_the_submission_day(client, cast, resolution_assignment):
    set_due(resolution_assignment, datetime.date(2022, 2, 3))
    with time_machine.travel(at(datetime.date(2022, 2, 3), hour=23), tick=False):
        submission = make_submission(cast.dinh_bang, resolution_assignment)
    with time_machine.travel(at(datetime.date(2022, 2, 10)), tick=False):
        client.force_login(cast.reviewer)
        response = review(client, submission, "accept", complete=True)
        assert response.status_code == 302
        resolution_assignment.refresh_from_db()
        assert resolution_assignment.completed_on == datetime.date(2022, 2, 3)
        assert status_of(resolution_assignment) == Status.DONE_ON_TIME
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == ("accepted", cast.reviewer)
    entry = AuditEntry.objects.get(action=audit.actions.SUBMISSION_REVIEWED)
    assert entry.changes["status"] == ["pending", "accepted"]
    assert Notification.objects.filter(recipient=cast.dinh_bang, kind="accepted").count() == 1
    assert Notification.objects.filter(recipient=cast.dinh_bang_head, kind="accepted").count() == 1


def test_accepting_a_late_submission_completes_it_late(cast, resolution_assignment):
    set_due(resolution_assignment, datetime.date(2022, 2, 3))
    with time_machine.travel(at(datetime.date(2022, 2, 4), hour=0), tick=False):
        submission = make_submission(cast.dinh_bang, resolution_assignment)
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
        assert status_of(resolution_assignment) == Status.DONE_LATE


def test_accepted_progress_report_records_progress_without_completing(cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment, kind=Submission.Kind.PROGRESS)
    _submission, completed = submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    resolution_assignment.refresh_from_db()
    assert not completed and resolution_assignment.completed_on is None


def test_reviewer_may_complete_the_task_on_a_progress_report(cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment, kind=Submission.Kind.PROGRESS)
    submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True, complete=True)
    resolution_assignment.refresh_from_db()
    assert resolution_assignment.completed_on == submission.submitted_at.astimezone(TZ).date()


def test_returning_needs_a_comment_and_keeps_the_form(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    client.force_login(cast.reviewer)
    response = review(client, submission, "return", comment="   ")
    assert response.status_code == 200
    assert "phải ghi rõ ý kiến" in response.context["form"].errors["comment"][0]
    submission.refresh_from_db()
    assert submission.status == "pending"
    with pytest.raises(WorkflowError):
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=False, comment="")


def test_returned_submission_tells_the_unit_why(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    client.force_login(cast.reviewer)
    review(client, submission, "return", comment="Bổ sung chữ ký và con dấu.")
    assert status_of(resolution_assignment) == Status.RETURNED
    note = Notification.objects.get(recipient=cast.dinh_bang, kind="returned")
    assert note.body == "Bổ sung chữ ký và con dấu."
    assert note.url.endswith(f"#van-ban-{submission.pk}")


def test_second_reviewer_is_told_it_was_already_decided(client, cast, resolution_assignment):
    from accounts import grants
    from django.contrib.auth import get_user_model
    from tasks.models import Unit

    other = get_user_model().objects.create_user("duqs2", last_name="Lê Văn Tâm")
    grants.add_member(Unit.objects.get(key="duqs"), other)
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    submission_decide(user=other, submission_id=submission.pk, accept=False, comment="Thiếu phụ lục.")
    with pytest.raises(AlreadyDecided) as caught:
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    assert "Lê Văn Tâm" in caught.value.message
    client.force_login(cast.reviewer)
    response = review(client, submission, "accept")
    follow = client.get(response.url)
    assert "Lê Văn Tâm" in follow.content.decode()
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == ("returned", other)
    assert AuditEntry.objects.filter(action=audit.actions.SUBMISSION_REVIEWED).count() == 1


def test_outsiders_cannot_open_the_review_page(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    url = reverse("tasks:submission_review", args=[submission.pk])
    for person in (cast.dinh_bang, cast.tuong_giang, cast.office, cast.observer):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
        assert client.post(url, {"decision": "accept"}).status_code == 404, person
    submission.refresh_from_db()
    assert submission.status == "pending"


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_at_once_make_exactly_one_decision(cast, resolution_assignment, monkeypatch):
    require_service("PostgreSQL", uses_postgres(), "row locks are what this test is about")
    from accounts import grants
    from django.contrib.auth import get_user_model
    from tasks.models import Unit
    from tasks.services import reviews

    other = get_user_model().objects.create_user("duqs2", last_name="Lê Văn Tâm")
    grants.add_member(Unit.objects.get(key="duqs"), other)
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    real_record = reviews.audit.record
    winner_writing = threading.Event()

    def slow_record(*args, **kwargs):
        # The winner holds the row lock a while, so the other decision truly overlaps.
        winner_writing.set()
        threading.Event().wait(0.5)
        return real_record(*args, **kwargs)

    monkeypatch.setattr(reviews.audit, "record", slow_record)
    results = {}
    start = threading.Barrier(2)

    def decide(user, accept):
        try:
            start.wait()
            if not accept:
                winner_writing.wait(5)
            submission_decide(user=user, submission_id=submission.pk, accept=accept, comment="Thiếu phụ lục.")
            results[user.username] = "won"
        except AlreadyDecided as error:
            results[user.username] = error.message
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(cast.reviewer, True)),
               threading.Thread(target=decide, args=(other, False))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results[cast.reviewer.username] == "won"
    assert "đã được" in results["duqs2"] and "Trần Văn Hùng" in results["duqs2"]
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by_id) == ("accepted", cast.reviewer.pk)
    assert AuditEntry.objects.filter(action=audit.actions.SUBMISSION_REVIEWED).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_racing_reviewers_without_help_still_make_one_decision(cast, resolution_assignment, round_):
    require_service("PostgreSQL", uses_postgres(), "row locks are what this test is about")
    from accounts import grants
    from django.contrib.auth import get_user_model
    from tasks.models import Unit

    others = [get_user_model().objects.create_user(f"duqs-{i}") for i in range(4)]
    for user in others:
        grants.add_member(Unit.objects.get(key="duqs"), user)
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    outcomes = []
    start = threading.Barrier(len(others))

    def decide(user, accept):
        try:
            start.wait()
            submission_decide(user=user, submission_id=submission.pk, accept=accept, comment="Ý kiến")
            outcomes.append("won")
        except AlreadyDecided:
            outcomes.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(u, i % 2 == 0)) for i, u in enumerate(others)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["lost", "lost", "lost", "won"]
    assert AuditEntry.objects.filter(action=audit.actions.SUBMISSION_REVIEWED).count() == 1
