"""Submitting through the API: the form's checks, the service, the audit — and nobody else's work."""

import hashlib

from django.test import Client
from rest_framework.test import APIClient

from audit.models import AuditEntry
from tasks.models import Submission, SubmissionFile
from tests.tasks import files


def _payload(**overrides):
    data = {"kind": "resolution", "number_symbol": "05-NQ/ĐU", "issued_on": "15/01/2022",
            "signer": "Nguyễn Văn A", "summary": "Nghị quyết lãnh đạo công tác quân sự, quốc phòng năm 2022"}
    data.update(overrides)
    return data


def test_an_officer_submits_with_files_through_a_token(cast, resolution_assignment, token_client, media_root):
    pdf = files.pdf_bytes()
    response = token_client(cast.dinh_bang).post(
        f"/api/v1/assignments/{resolution_assignment.pk}/submissions/",
        {**_payload(), "files": [files.upload("Nghị quyết 05.pdf", pdf)]}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    submission = Submission.objects.get(pk=body["id"])
    assert (submission.version, submission.number_symbol, submission.status) == (1, "05-NQ/ĐU", "pending")
    assert body["files"][0]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert body["files"][0]["download_url"].endswith(f"/viec/tep/{submission.files.get().pk}/")
    assert body["files"][0]["signature"]["verdict"] == "unsigned"
    assert AuditEntry.objects.filter(action="submission.upload", actor=cast.dinh_bang,
                                     object_id=str(submission.pk)).exists()


def test_the_form_rules_refuse_with_vietnamese_messages_and_store_nothing(cast, resolution_assignment,
                                                                         token_client, media_root):
    client = token_client(cast.dinh_bang)
    url = f"/api/v1/assignments/{resolution_assignment.pk}/submissions/"
    response = client.post(url, {**_payload(number_symbol="abc"), "files": [files.upload("a.pdf", files.pdf_bytes())]},
                           format="multipart")
    assert response.status_code == 400
    assert "không đúng mẫu" in response.json()["errors"]["number_symbol"][0]
    fake = client.post(url, {**_payload(), "files": [files.upload("a.pdf", b"<html>not a pdf</html>")]},
                       format="multipart")
    assert fake.status_code == 400 and fake.json()["errors"]["files"]
    none = client.post(url, _payload(), format="multipart")
    assert none.status_code == 400 and "tệp" in none.json()["errors"]["files"][0]
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_a_second_version_waits_for_the_review(cast, resolution_assignment, token_client):
    client = token_client(cast.dinh_bang)
    url = f"/api/v1/assignments/{resolution_assignment.pk}/submissions/"
    assert client.post(url, {**_payload(), "files": [files.upload("a.pdf", files.pdf_bytes())]},
                       format="multipart").status_code == 201
    again = client.post(url, {**_payload(), "files": [files.upload("b.docx", files.docx_bytes())]},
                        format="multipart")
    assert again.status_code == 409
    assert "đang chờ thẩm định" in again.json()["errors"]["__all__"][0]


def test_nobody_submits_for_a_unit_not_their_own(cast, resolution_assignment, token_client):
    url = f"/api/v1/assignments/{resolution_assignment.pk}/submissions/"
    for person in (cast.tuong_giang, cast.reviewer, cast.office, cast.observer):
        response = token_client(person).post(
            url, {**_payload(), "files": [files.upload("a.pdf", files.pdf_bytes())]}, format="multipart")
        assert response.status_code == 404, person
    anonymous = APIClient().post(url, _payload(), format="multipart")
    assert anonymous.status_code == 401
    assert not Submission.objects.exists()


def test_a_session_post_needs_the_csrf_token(cast, resolution_assignment):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cast.dinh_bang)
    response = client.post(f"/api/v1/assignments/{resolution_assignment.pk}/submissions/",
                           {**_payload(), "files": [files.upload("a.pdf", files.pdf_bytes())]}, format="multipart")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert not Submission.objects.exists()


def test_reading_submissions_follows_the_pages_scope(cast, resolution_assignment, token_client):
    from tests.tasks.helpers import make_submission

    submission = make_submission(cast.dinh_bang, resolution_assignment)
    assert token_client(cast.reviewer).get(f"/api/v1/submissions/{submission.pk}/").status_code == 200
    assert token_client(cast.tuong_giang).get(f"/api/v1/submissions/{submission.pk}/").status_code == 404
    assert token_client(cast.tuong_giang).get("/api/v1/submissions/").json()["count"] == 0
    browser = Client()
    browser.force_login(cast.dinh_bang_head)
    assert browser.get(f"/api/v1/submissions/{submission.pk}/").json()["status"] == "pending"
