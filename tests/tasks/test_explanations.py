"""Requests for explanation: the tracking body asks, the unit answers, both stay in the history."""

import pytest
from django.urls import reverse

import audit
from audit.models import AuditEntry
from notifications.models import Notification
from tasks.models import ExplanationRequest
from tasks.services import AlreadyDecided, explanation_answer, explanation_request_create


def test_reviewer_asks_and_the_unit_answers(client, cast, resolution_assignment):
    client.force_login(cast.reviewer)
    response = client.post(reverse("tasks:explanation_request", args=[resolution_assignment.pk]),
                           {"question": "Đề nghị giải trình lý do chậm ban hành Nghị quyết."})
    explanation = ExplanationRequest.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#giai-trinh-{explanation.pk}")
    note = Notification.objects.get(recipient=cast.dinh_bang, kind="explanation_requested")
    assert note.url.endswith(f"#giai-trinh-{explanation.pk}")

    client.force_login(cast.dinh_bang)
    page = client.get(reverse("tasks:assignment_detail", args=[resolution_assignment.pk])).content.decode()
    assert f'id="explanation-answer-form-{explanation.pk}"' in page
    response = client.post(reverse("tasks:explanation_answer", args=[explanation.pk]),
                           {f"x{explanation.pk}-answer": "Đảng ủy phường chờ ý kiến của Thành ủy."})
    assert response.status_code == 302
    explanation.refresh_from_db()
    assert explanation.answered_by == cast.dinh_bang and explanation.is_answered
    assert Notification.objects.filter(recipient=cast.reviewer, kind="explanation_answered").count() == 1
    page = client.get(reverse("tasks:assignment_detail", args=[resolution_assignment.pk])).content.decode()
    assert "Đề nghị giải trình lý do chậm ban hành Nghị quyết." in page
    assert "Đảng ủy phường chờ ý kiến của Thành ủy." in page
    assert sorted(AuditEntry.objects.filter(action__startswith="explanation.").values_list("action", flat=True)) == [
        "explanation.answer", "explanation.request"]
    assert audit.actions.label("explanation.answer") != "explanation.answer"


def test_empty_answer_is_refused_and_kept_on_the_page(client, cast, resolution_assignment):
    explanation = explanation_request_create(user=cast.reviewer, assignment_id=resolution_assignment.pk,
                                             question="Vì sao chậm?")
    client.force_login(cast.dinh_bang)
    response = client.post(reverse("tasks:explanation_answer", args=[explanation.pk]), {f"x{explanation.pk}-answer": " "})
    assert response.status_code == 200
    assert "Hãy ghi nội dung giải trình." in response.content.decode()


def test_an_answer_is_given_once(cast, resolution_assignment):
    explanation = explanation_request_create(user=cast.reviewer, assignment_id=resolution_assignment.pk,
                                             question="Vì sao chậm?")
    explanation_answer(user=cast.dinh_bang, explanation_id=explanation.pk, answer="Lý do thứ nhất.")
    with pytest.raises(AlreadyDecided) as caught:
        explanation_answer(user=cast.dinh_bang_head, explanation_id=explanation.pk, answer="Lý do khác.")
    assert caught.value.message.startswith(
        f"Yêu cầu giải trình này đã được {cast.dinh_bang.get_full_name()} trả lời lúc ")
    assert caught.value.message.endswith("; nội dung bạn vừa gửi không được ghi nhận.")
    explanation.refresh_from_db()
    assert explanation.answer == "Lý do thứ nhất."


def test_a_second_answer_through_the_page_is_told_who_answered(client, cast, resolution_assignment):
    explanation = explanation_request_create(user=cast.reviewer, assignment_id=resolution_assignment.pk,
                                             question="Vì sao chậm?")
    explanation_answer(user=cast.dinh_bang, explanation_id=explanation.pk, answer="Lý do thứ nhất.")
    client.force_login(cast.dinh_bang_head)
    response = client.post(reverse("tasks:explanation_answer", args=[explanation.pk]),
                           {f"x{explanation.pk}-answer": "Lý do khác."}, follow=True)
    html = response.content.decode()
    assert f"đã được {cast.dinh_bang.get_full_name()} trả lời lúc" in html
    explanation.refresh_from_db()
    assert explanation.answer == "Lý do thứ nhất." and explanation.answered_by == cast.dinh_bang


def test_units_cannot_ask_and_reviewers_cannot_answer(client, cast, resolution_assignment):
    client.force_login(cast.dinh_bang)
    url = reverse("tasks:explanation_request", args=[resolution_assignment.pk])
    assert client.post(url, {"question": "?"}).status_code == 404
    explanation = explanation_request_create(user=cast.reviewer, assignment_id=resolution_assignment.pk,
                                             question="Vì sao chậm?")
    for person in (cast.reviewer, cast.tuong_giang, cast.office):
        client.force_login(person)
        response = client.post(reverse("tasks:explanation_answer", args=[explanation.pk]),
                               {f"x{explanation.pk}-answer": "x"})
        assert response.status_code == 404, person
