"""A unit withdraws a version still waiting for review: audited, only its own unit may, and
never once a reviewer has decided."""

import pytest
from django.urls import reverse

import audit
from audit.models import AuditEntry
from tasks.models import Assignment, Submission
from tasks.services import AlreadyDecided, submission_decide, submission_withdraw
from tasks.services.submissions import check_can_submit
from tasks.status import Status
from tests.tasks.helpers import make_submission


def withdraw(client, submission):
    return client.post(reverse("tasks:submission_withdraw", args=[submission.pk]))


def test_the_officer_withdraws_a_pending_version_and_may_submit_again(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    client.force_login(cast.dinh_bang)
    response = withdraw(client, submission)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#van-ban-{submission.pk}")
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == (Submission.Status.WITHDRAWN, cast.dinh_bang)
    entry = AuditEntry.objects.get(action="submission.withdraw")
    assert entry.actor == cast.dinh_bang
    assert entry.changes["status"] == ["pending", "withdrawn"]
    check_can_submit(resolution_assignment)  # no longer blocked by a pending version
    status = Assignment.objects.with_status().get(pk=resolution_assignment.pk).status
    assert status != Status.AWAITING_REVIEW
    again = make_submission(cast.dinh_bang, resolution_assignment)
    assert again.version == 2


def test_the_assignment_page_offers_the_withdraw_button_to_the_unit_only(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    url = reverse("tasks:assignment_detail", args=[resolution_assignment.pk])
    client.force_login(cast.dinh_bang)
    html = client.get(url).content.decode()
    assert f'id="withdraw-{submission.pk}"' in html
    assert f'<a href="#van-ban-{submission.pk}">Nộp nhầm?' in html  # from the blocked "submit" notice
    client.force_login(cast.reviewer)
    assert f'id="withdraw-{submission.pk}"' not in client.get(url).content.decode()


@pytest.mark.parametrize("who, allowed", [
    ("dinh_bang", True), ("dinh_bang_head", True), ("tuong_giang", False), ("reviewer", False),
    ("office", False), ("observer", False), ("admin", False),
])
def test_who_may_withdraw(client, cast, resolution_assignment, who, allowed):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    client.force_login(getattr(cast, who))
    response = withdraw(client, submission)
    submission.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert submission.status == Submission.Status.WITHDRAWN
    else:
        assert response.status_code == 404
        assert submission.status == Submission.Status.PENDING
        assert not AuditEntry.objects.filter(action="submission.withdraw").exists()


def test_anonymous_is_sent_to_sign_in(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    response = withdraw(client, submission)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PENDING


def test_a_decided_version_cannot_be_withdrawn(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=False, comment="Thiếu chữ ký")
    with pytest.raises(AlreadyDecided):
        submission_withdraw(user=cast.dinh_bang, submission_id=submission.pk)
    client.force_login(cast.dinh_bang)
    response = client.post(reverse("tasks:submission_withdraw", args=[submission.pk]), follow=True)
    assert "không rút được nữa" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED


def test_a_withdrawn_version_cannot_be_reviewed(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    submission_withdraw(user=cast.dinh_bang, submission_id=submission.pk)
    with pytest.raises(AlreadyDecided):
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=True)
    client.force_login(cast.reviewer)
    response = client.post(reverse("tasks:submission_review", args=[submission.pk]),
                           {"decision": "accept", "comment": ""})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.WITHDRAWN
    assert not AuditEntry.objects.filter(action=audit.actions.SUBMISSION_REVIEWED).exists()
    assert response.status_code in (200, 302)
    queue = client.get(reverse("tasks:review_queue")).content.decode()
    assert reverse("tasks:submission_review", args=[submission.pk]) not in queue
