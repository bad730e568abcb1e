"""Signatures in the portal: verdicts stored at upload and shown, a task's rule refusing
unsigned documents, trusted certificates managed by the Office, rules per directive, and
signed reports."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from signatures.models import FileSignature, SignatureRequirement, TrustedCertificate, Verdict
from tasks.models import Submission
from tests.signatures import certs
from tests.tasks.conftest import media_root  # noqa: F401 (autouse: each test its own media folder)
from tests.tasks import files
from tests.tasks.helpers import first_assignment, post_submission


@pytest.fixture
def ca():
    return certs.Authority()


@pytest.fixture
def signed_pdf(ca):
    key, cert = ca.issue()
    return certs.sign(certs.blank_pdf(), key, cert, chain=[ca.cert])


@pytest.fixture
def resolution(cast, directive):
    return first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)


def test_a_signed_upload_is_verified_and_shown_to_the_reviewer(client, cast, resolution, signed_pdf):
    client.force_login(cast.dinh_bang)
    post_submission(client, resolution, [files.upload("Nghị quyết 05.pdf", signed_pdf)])
    submission = Submission.objects.get(assignment=resolution)
    verdict = FileSignature.objects.get(file__submission=submission)
    assert verdict.verdict == Verdict.UNTRUSTED and verdict.signer_name == "Nguyễn Văn Bình"
    client.force_login(cast.reviewer)
    page = client.get(reverse("tasks:submission_review", args=[submission.pk])).content.decode()
    assert "chưa xác minh được nguồn cấp chứng thư" in page and "ký bởi Nguyễn Văn Bình" in page
    history = client.get(reverse("tasks:assignment_detail", args=[resolution.pk])).content.decode()
    assert "ký bởi Nguyễn Văn Bình" in history


def test_a_task_requiring_signatures_refuses_an_unsigned_resolution(client, cast, resolution, signed_pdf):
    SignatureRequirement.objects.create(task=resolution.task, kinds=["resolution"])
    client.force_login(cast.dinh_bang)
    response = post_submission(client, resolution, [files.upload("Nghị quyết 05.pdf", files.pdf_bytes())])
    assert response.status_code == 200
    page = response.content.decode()
    assert "yêu cầu văn bản có chữ ký số" in page and "Không có chữ ký số" in page
    assert not Submission.objects.exists()
    response = post_submission(client, resolution, [files.upload("Nghị quyết 05.pdf", signed_pdf)])
    assert response.status_code == 302 and Submission.objects.count() == 1


def test_trusting_the_root_turns_stored_verdicts_valid(client, cast, resolution, signed_pdf, ca,
                                                       django_capture_on_commit_callbacks):
    client.force_login(cast.dinh_bang)
    post_submission(client, resolution, [files.upload("Nghị quyết 05.pdf", signed_pdf)])
    client.force_login(cast.office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/chu-ky-so/", {"chung_thu": files.upload("ca.pem", ca.pem)})
    assert response.status_code == 302
    assert FileSignature.objects.get().verdict == Verdict.VALID
    assert AuditEntry.objects.filter(action="signature.root_add", actor=cast.office).exists()
    trusted = TrustedCertificate.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/chu-ky-so/", {"action": "remove", "pk": str(trusted.pk)})
    assert FileSignature.objects.get().verdict == Verdict.UNTRUSTED
    assert AuditEntry.objects.filter(action="signature.root_remove").exists()


def test_only_ca_certificates_are_trusted(client, cast, ca):
    client.force_login(cast.office)
    _key, leaf = ca.issue()
    from cryptography.hazmat.primitives import serialization

    refused = client.post("/chu-ky-so/", {"chung_thu": files.upload(
        "leaf.pem", leaf.public_bytes(serialization.Encoding.PEM))})
    assert refused.status_code == 400 and "không phải của tổ chức cấp chứng thư" in refused.content.decode()
    garbage = client.post("/chu-ky-so/", {"chung_thu": files.upload("x.pem", b"not a certificate")})
    assert garbage.status_code == 400 and "không phải chứng thư số" in garbage.content.decode()
    assert client.post("/chu-ky-so/", {}).status_code == 400
    assert not TrustedCertificate.objects.exists()


def test_nobody_but_the_office_and_administrators_manages_trust(client, cast, ca):
    for person in (cast.reviewer, cast.observer, cast.dinh_bang, cast.dinh_bang_head):
        client.force_login(person)
        assert client.get("/chu-ky-so/").status_code == 404
        assert client.post("/chu-ky-so/", {"chung_thu": files.upload("ca.pem", ca.pem)}).status_code == 404
    assert not TrustedCertificate.objects.exists()
    client.force_login(cast.admin)
    assert client.get("/chu-ky-so/").status_code == 200


def test_the_office_sets_a_directive_signature_rules(client, cast, directive, resolution):
    url = reverse("signatures:requirements", args=[directive.pk])
    for person in (cast.reviewer, cast.dinh_bang, cast.observer):
        client.force_login(person)
        assert client.post(url, {f"t{resolution.task_id}-resolution": "1"}).status_code == 404
    assert not SignatureRequirement.objects.exists()
    client.force_login(cast.office)
    client.post(url, {f"t{resolution.task_id}-resolution": "1"})
    assert SignatureRequirement.objects.get(task=resolution.task).kinds == ["resolution"]
    assert AuditEntry.objects.filter(action="signature.requirement_change").exists()
    client.post(url, {})
    assert not SignatureRequirement.objects.exists()


def test_reports_are_signed_when_a_certificate_is_configured(settings, tmp_path, ca):
    from signatures.reports import sign_report
    from signatures.verifying import verify_pdf

    pdf = certs.blank_pdf("Báo cáo")
    settings.REPORT_SIGNING_PKCS12 = ""
    assert sign_report(pdf, "x") == pdf
    key, cert = ca.issue("Lê Văn Dũng", "Đảng ủy Quân sự thành phố")
    p12 = tmp_path / "ky.p12"
    p12.write_bytes(certs.pkcs12(key, cert))
    secret = tmp_path / "pass"
    secret.write_text("mat-khau-thu\n")
    settings.REPORT_SIGNING_PKCS12, settings.REPORT_SIGNING_PASSPHRASE_FILE = str(p12), str(secret)
    signed = sign_report(pdf, "Người ký: Lê Văn Dũng")
    from cryptography.hazmat.primitives import serialization

    result = verify_pdf(signed, roots=[ca.cert.public_bytes(serialization.Encoding.DER)])
    assert result.verdict == Verdict.VALID and result.first["signer"] == "Lê Văn Dũng"
    assert b"/SubFilter /ETSI.CAdES.detached" in signed


def test_the_review_queue_filters_unsigned_documents(client, cast, directive, resolution, signed_pdf):
    client.force_login(cast.dinh_bang)
    post_submission(client, resolution, [files.upload("Nghị quyết 05.pdf", signed_pdf)])
    other = first_assignment("p-tuong-giang", directive, Submission.Kind.RESOLUTION)
    client.force_login(cast.tuong_giang)
    post_submission(client, other, [files.upload("Nghị quyết.pdf", files.pdf_bytes())])
    signed = Submission.objects.get(assignment=resolution)
    client.force_login(cast.reviewer)
    unsigned_page = client.get("/viec/tham-dinh/", {"signature": "unsigned"}).content.decode()
    signed_page = client.get("/viec/tham-dinh/", {"signature": "signed"}).content.decode()
    review_url = reverse("tasks:submission_review", args=[signed.pk])
    assert review_url in signed_page and review_url not in unsigned_page
    assert Submission.objects.count() == 2
    unsigned = Submission.objects.exclude(pk=signed.pk).get()
    assert reverse("tasks:submission_review", args=[unsigned.pk]) in unsigned_page


def test_a_generated_report_is_signed_and_verifies(settings, tmp_path, ca, cast, directive,
                                                   django_capture_on_commit_callbacks):
    from cryptography.hazmat.primitives import serialization

    from signatures.verifying import verify_pdf
    from tests.reports.pdf_support import render_ready

    key, cert = ca.issue("Nguyễn Văn Thành", "Đảng ủy Quân sự thành phố")
    p12 = tmp_path / "ky.p12"
    p12.write_bytes(certs.pkcs12(key, cert))
    settings.REPORT_SIGNING_PKCS12, settings.REPORT_SIGNING_PASSPHRASE = str(p12), "mat-khau-thu"
    report, content = render_ready(cast.reviewer, directive, django_capture_on_commit_callbacks,
                                   number="15-BC/ĐUQS", signer_name="Nguyễn Văn Thành", final=True)
    result = verify_pdf(content, roots=[ca.cert.public_bytes(serialization.Encoding.DER)])
    assert result.verdict == Verdict.VALID and result.first["signer"] == "Nguyễn Văn Thành"
    report.refresh_from_db()
    import hashlib

    assert report.sha256 == hashlib.sha256(content).hexdigest()  # the stored file is the signed one
