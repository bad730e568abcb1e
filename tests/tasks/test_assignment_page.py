"""The assignment page: facts, what each side can do, and the full history."""

from django.urls import reverse

from tasks.services import explanation_request_create, extension_request_create
from tests.tasks.helpers import make_submission


def page(client, user, assignment):
    client.force_login(user)
    response = client.get(reverse("tasks:assignment_detail", args=[assignment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_reviewer_sees_what_waits_for_a_decision(client, cast, resolution_assignment):
    submission = make_submission(cast.dinh_bang, resolution_assignment)
    extension = extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                                         requested_due_date=resolution_assignment.due_date.replace(year=2030),
                                         reason="Chờ Đại hội")
    html = page(client, cast.reviewer, resolution_assignment)
    assert reverse("tasks:submission_review", args=[submission.pk]) in html
    assert 'id="extension-decision-form"' in html and 'id="explanation-request-form"' in html
    assert reverse("tasks:extension_decide", args=[extension.pk]) in html
    assert 'id="submission-form"' not in html and 'id="extension-request-form"' not in html
    assert reverse("tasks:file_download", args=[submission.files.get().pk]) in html


def test_ward_sees_its_actions_and_not_the_reviewer_s(client, cast, resolution_assignment):
    html = page(client, cast.dinh_bang, resolution_assignment)
    assert 'id="submit-link"' in html and 'id="acknowledge-form"' in html and 'id="extension-request-form"' in html
    assert 'id="explanation-request-form"' not in html and 'id="extension-decision-form"' not in html
    assert "Nghị quyết triển khai" in html  # what is expected


def test_pending_work_blocks_a_second_submission_and_a_second_extension(client, cast, resolution_assignment):
    make_submission(cast.dinh_bang, resolution_assignment)
    extension_request_create(user=cast.dinh_bang, assignment_id=resolution_assignment.pk,
                             requested_due_date=resolution_assignment.due_date.replace(year=2030), reason="x")
    html = page(client, cast.dinh_bang, resolution_assignment)
    assert 'id="submit-blocked"' in html and 'id="extension-blocked"' in html


def test_observer_reads_the_history_without_any_form(client, cast, resolution_assignment):
    make_submission(cast.dinh_bang, resolution_assignment)
    explanation_request_create(user=cast.reviewer, assignment_id=resolution_assignment.pk, question="Vì sao?")
    html = page(client, cast.observer, resolution_assignment)
    assert 'id="van-ban-' in html and 'id="giai-trinh-' in html
    assert "<form method=\"post\" action=\"/viec/" not in html


def test_another_ward_gets_404(client, cast, resolution_assignment):
    client.force_login(cast.tuong_giang)
    assert client.get(reverse("tasks:assignment_detail", args=[resolution_assignment.pk])).status_code == 404
