"""Deadline extensions: asked by the unit with a reason, decided by the tracking body, kept
as history and counted."""

import datetime

import pytest
import time_machine
from django.urls import reverse

import audit
from audit.models import AuditEntry
from notifications.models import Notification
from tasks.models import Assignment, ExtensionRequest
from tasks.services import AlreadyDecided, WorkflowError, extension_decide, extension_request_create
from tasks.status import Status
from tests.tasks.test_review import at, set_due, status_of

D = datetime.date


def ask(client, assignment, day, reason="Chờ Đại hội Đảng bộ phường thông qua."):
    return client.post(reverse("tasks:extension_request", args=[assignment.pk]),
                       {"requested_due_date": day, "reason": reason})


def test_unit_asks_for_an_extension_and_the_reviewer_approves(client, cast, resolution_assignment):
    set_due(resolution_assignment, D(2022, 2, 3))
    with time_machine.travel(at(D(2022, 2, 1)), tick=False):
        client.force_login(cast.dinh_bang)
        response = ask(client, resolution_assignment, "28/02/2022")
        assert response.status_code == 302
        extension = ExtensionRequest.objects.get()
        assert (extension.previous_due_date, extension.requested_due_date, extension.status) == (
            D(2022, 2, 3), D(2022, 2, 28), "pending")
        assert Notification.objects.filter(recipient=cast.reviewer, kind="extension_requested").exists()
    with time_machine.travel(at(D(2022, 2, 10)), tick=False):
        assert status_of(resolution_assignment) == Status.OVERDUE
        client.force_login(cast.reviewer)
        response = client.post(reverse("tasks:extension_decide", args=[extension.pk]),
                               {"decision": "approve", "comment": "Đồng ý."})
        assert response.status_code == 302
        resolution_assignment.refresh_from_db()
        assert (resolution_assignment.due_date, resolution_assignment.original_due_date,
                resolution_assignment.extension_count) == (D(2022, 2, 28), D(2022, 2, 3), 1)
        # The deadline in force moved: the same day is now within it; as of the day before
        # the decision it was still overdue.
        assert status_of(resolution_assignment) != Status.OVERDUE
        assert status_of(resolution_assignment, D(2022, 2, 9)) == Status.OVERDUE
    note = Notification.objects.get(recipient=cast.dinh_bang, kind="extension_decided")
    assert "28/02/2022" in note.title
    actions = list(AuditEntry.objects.filter(action__startswith="extension.").values_list("action", flat=True))
    assert sorted(actions) == sorted([audit.actions.EXTENSION_REQUESTED, audit.actions.EXTENSION_DECIDED])
    client.force_login(cast.dinh_bang)  # the sessions above were opened in 2022
    page = client.get(reverse("tasks:assignment_detail", args=[resolution_assignment.pk])).content.decode()
    assert f'id="gia-han-{extension.pk}"' in page and "Đã đồng ý" in page


def test_new_date_must_be_after_the_current_deadline(client, cast, resolution_assignment):
    set_due(resolution_assignment, D(2022, 2, 3))
    client.force_login(cast.dinh_bang)
    response = ask(client, resolution_assignment, "03/02/2022", reason="Lý do")
    form = response.context["extension_form"]
    assert "phải sau thời hạn hiện tại (03/02/2022)" in form.errors["requested_due_date"][0]
    assert 'value="Lý do"' in response.content.decode() or "Lý do</textarea>" in response.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_reason_is_required(client, cast, resolution_assignment):
    client.force_login(cast.dinh_bang)
    response = ask(client, resolution_assignment, "31/12/2030", reason="")
    assert response.context["extension_form"].errors["reason"] == ["Hãy nêu lý do đề nghị gia hạn."]


def test_only_one_request_waits_at_a_time(cast, resolution_assignment):
    set_due(resolution_assignment, D(2022, 2, 3))
    extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                             requested_due_date=D(2022, 3, 1), reason="a")
    with pytest.raises(WorkflowError, match="đang chờ quyết định"):
        extension_request_create(user=cast.dinh_bang_head, assignment_id=resolution_assignment.pk,
                                 requested_due_date=D(2022, 3, 15), reason="b")


def test_rejection_needs_a_reason_and_leaves_the_deadline(cast, resolution_assignment):
    set_due(resolution_assignment, D(2022, 2, 3))
    extension = extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                                         requested_due_date=D(2022, 3, 1), reason="a")
    with pytest.raises(WorkflowError):
        extension_decide(user=cast.reviewer, extension_id=extension.pk, approve=False, comment="")
    extension_decide(user=cast.reviewer, extension_id=extension.pk, approve=False, comment="Không có căn cứ.")
    resolution_assignment.refresh_from_db()
    assert (resolution_assignment.due_date, resolution_assignment.extension_count) == (D(2022, 2, 3), 0)
    with pytest.raises(AlreadyDecided):
        extension_decide(user=cast.reviewer, extension_id=extension.pk, approve=True)
    # After a decision the unit may ask again; the history keeps both.
    extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                             requested_due_date=D(2022, 2, 20), reason="c")
    assert ExtensionRequest.objects.filter(assignment=resolution_assignment).count() == 2


def test_two_approvals_count_two_extensions(cast, resolution_assignment):
    set_due(resolution_assignment, D(2022, 2, 3))
    for day in (D(2022, 3, 1), D(2022, 4, 1)):
        e = extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                                     requested_due_date=day, reason="x")
        extension_decide(user=cast.reviewer, extension_id=e.pk, approve=True)
    resolution_assignment.refresh_from_db()
    assert (resolution_assignment.due_date, resolution_assignment.extension_count) == (D(2022, 4, 1), 2)


def test_extensions_granted_as_of_a_day_counts_the_approvals_decided_by_then(cast, resolution_assignment):
    set_due(resolution_assignment, D(2022, 2, 3))
    for decided, day in ((D(2022, 2, 1), D(2022, 3, 1)), (D(2022, 3, 1), D(2022, 4, 1))):
        with time_machine.travel(at(decided), tick=False):
            e = extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                                         requested_due_date=day, reason="x")
            extension_decide(user=cast.reviewer, extension_id=e.pk, approve=True)

    def granted(as_of):
        return Assignment.objects.with_extensions_granted(as_of).get(pk=resolution_assignment.pk).extensions_granted

    # Before, between and after the two approvals, and on the day of the last one.
    assert [granted(day) for day in (D(2022, 1, 31), D(2022, 2, 15), D(2022, 3, 1), D(2022, 3, 2))] == [0, 1, 2, 2]


def test_only_the_unit_asks_and_only_the_tracking_body_decides(client, cast, resolution_assignment):
    client.force_login(cast.tuong_giang)
    assert ask(client, resolution_assignment, "31/12/2030").status_code == 404
    client.force_login(cast.reviewer)
    assert ask(client, resolution_assignment, "31/12/2030").status_code == 404
    extension = extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                                         requested_due_date=resolution_assignment.due_date + datetime.timedelta(days=9),
                                         reason="x")
    for person in (cast.dinh_bang, cast.dinh_bang_head, cast.office, cast.observer):
        client.force_login(person)
        response = client.post(reverse("tasks:extension_decide", args=[extension.pk]), {"decision": "approve"})
        assert response.status_code == 404, person
    assert Assignment.objects.get(pk=resolution_assignment.pk).extension_count == 0


def test_a_request_still_waiting_is_closed_when_the_work_is_accepted_as_complete(client, cast, resolution_assignment):
    from tasks.selectors import pending_extensions
    from tasks.services import submission_decide
    from tests.tasks.helpers import make_submission

    set_due(resolution_assignment, D(2022, 2, 3))
    extension = extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                                         requested_due_date=D(2022, 3, 1), reason="Chờ Đại hội.")
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    _, completed = submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True, complete=True)
    assert completed
    extension.refresh_from_db()
    assert (extension.status, extension.decided_by) == ("closed", cast.reviewer)
    assert "hoàn thành" in extension.decision_comment
    resolution_assignment.refresh_from_db()
    # Closing is not granting: the deadline and the count of extensions stay as they were.
    assert (resolution_assignment.due_date, resolution_assignment.extension_count) == (D(2022, 2, 3), 0)
    assert not pending_extensions(cast.reviewer)
    assert AuditEntry.objects.filter(action=audit.actions.EXTENSION_DECIDED, object_id=str(extension.pk)).exists()
    client.force_login(cast.dinh_bang)
    page = client.get(reverse("tasks:assignment_detail", args=[resolution_assignment.pk])).content.decode()
    assert "Đã đóng (nhiệm vụ đã hoàn thành)" in page


def test_a_progress_report_accepted_without_completing_leaves_the_request_waiting(cast, resolution_assignment):
    from tasks.services import submission_decide
    from tests.tasks.helpers import make_submission

    set_due(resolution_assignment, D(2022, 2, 3))
    extension = extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                                         requested_due_date=D(2022, 3, 1), reason="Chờ Đại hội.")
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True, complete=False)
    extension.refresh_from_db()
    assert extension.status == "pending"
