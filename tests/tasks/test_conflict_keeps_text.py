"""When a colleague decided first, the page says so and shows back what this user typed
(409, not a redirect that would lose it); the first decision stands."""

import datetime

import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts import grants
from tasks.models import ExtensionRequest, Submission, Unit
from tasks.services import (
    explanation_answer, explanation_request_create, extension_decide, extension_request_create,
    submission_decide,
)
from tests.tasks.helpers import make_submission
from tests.tasks.test_review import at, set_due

TYPED = "Đề nghị bổ sung biên bản họp Đảng ủy phường, có chữ ký và đóng dấu."


def shown_back(response):
    html = response.content.decode()
    return response.status_code == 409 and 'id="unsaved-text-value"' in html and TYPED in html


def second_reviewer():
    other = get_user_model().objects.create_user("duqs2", last_name="Lê Văn Tâm")
    grants.add_member(Unit.objects.get(key="duqs"), other)
    return other


def test_a_review_comment_typed_after_a_colleague_decided_is_shown_back(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    submission_decide(user=second_reviewer(), submission_id=submission.pk, accept=True)
    client.force_login(cast.reviewer)
    response = client.post(reverse("tasks:submission_review", args=[submission.pk]),
                           {"decision": "return", "comment": TYPED})
    assert shown_back(response)
    assert "Lê Văn Tâm" in response.content.decode()
    submission.refresh_from_db()
    assert (submission.status, submission.review_comment) == (Submission.Status.ACCEPTED, "")


def test_a_review_lost_in_the_service_race_keeps_its_comment(client, cast, resolution_assignment, monkeypatch):
    """The page was loaded while pending; the colleague's decision lands between the load and
    the service's locked update."""
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    other = second_reviewer()
    from tasks import services

    real = services.submission_decide

    def colleague_first(**kwargs):
        real(user=other, submission_id=kwargs["submission_id"], accept=True)
        return real(**kwargs)

    monkeypatch.setattr(services, "submission_decide", colleague_first)
    client.force_login(cast.reviewer)
    response = client.post(reverse("tasks:submission_review", args=[submission.pk]),
                           {"decision": "return", "comment": TYPED})
    assert shown_back(response)
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == (Submission.Status.ACCEPTED, other)


def test_an_empty_comment_after_a_colleague_decided_still_redirects(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    submission_decide(user=second_reviewer(), submission_id=submission.pk, accept=True)
    client.force_login(cast.reviewer)
    response = client.post(reverse("tasks:submission_review", args=[submission.pk]), {"decision": "accept"})
    assert response.status_code == 302


def test_an_explanation_typed_after_a_colleague_answered_is_shown_back(client, cast, resolution_assignment):
    explanation = explanation_request_create(user=cast.reviewer, assignment_id=resolution_assignment.pk,
                                             question="Vì sao chậm?")
    explanation_answer(user=cast.dinh_bang, explanation_id=explanation.pk, answer="Lý do thứ nhất.")
    client.force_login(cast.dinh_bang_head)
    response = client.post(reverse("tasks:explanation_answer", args=[explanation.pk]),
                           {f"x{explanation.pk}-answer": TYPED})
    assert shown_back(response)
    assert f"đã được {cast.dinh_bang.get_full_name()} trả lời lúc" in response.content.decode()
    explanation.refresh_from_db()
    assert explanation.answer == "Lý do thứ nhất."


def test_an_extension_comment_typed_after_a_colleague_decided_is_shown_back(client, cast, resolution_assignment):
    set_due(resolution_assignment, datetime.date(2022, 2, 3))
    with time_machine.travel(at(datetime.date(2022, 2, 1)), tick=False):
        extension = extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                                             requested_due_date=datetime.date(2022, 2, 28), reason="Chờ Đại hội.")
        extension_decide(user=second_reviewer(), extension_id=extension.pk, approve=True, comment="")
        client.force_login(cast.reviewer)
        response = client.post(reverse("tasks:extension_decide", args=[extension.pk]),
                               {"decision": "reject", "comment": TYPED})
    assert shown_back(response)
    assert ExtensionRequest.objects.get(pk=extension.pk).status == "approved"
