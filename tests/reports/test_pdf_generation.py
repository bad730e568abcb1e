"""Generating a report: only in Celery (queue "pdf", time limits), queued → running → ready or
failed with the error, and the requester's permission checked again when the job runs."""

import hashlib
import re

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from accounts import grants
from accounts.permissions import OutOfReach
from reports.models import Report
from reports.pdf import services
from reports.tasks import generate_report
from tasks.models import Unit
from tests.reports.pdf_support import request_report


def test_the_render_task_is_routed_to_the_pdf_queue_with_soft_and_hard_time_limits():
    from tuson_qp.celery import app

    route = app.amqp.router.route({}, generate_report.name)
    assert route["queue"].name == "pdf"
    assert generate_report.soft_time_limit == settings.REPORT_SOFT_TIME_LIMIT
    assert generate_report.time_limit == settings.REPORT_TIME_LIMIT > generate_report.soft_time_limit


def test_a_report_is_queued_until_the_transaction_commits(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_report(cast.reviewer, directive)
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED and not report.file


def test_a_requested_report_is_generated_after_commit_and_ends_ready(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(cast.reviewer, directive)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    assert report.requested_by == cast.reviewer
    assert report.parameters["as_of"] == "2022-05-15"
    assert report.parameters["header"]["issuing_organ"] == "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ"
    assert report.queued_at <= report.started_at <= report.finished_at
    content = report.file.read()
    assert content.startswith(b"%PDF-")
    assert report.size == len(content)
    assert report.sha256 == hashlib.sha256(content).hexdigest()
    assert report.page_count >= 2
    assert re.fullmatch(r"reports/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", report.file.name), report.file.name


def test_the_requester_is_told_under_the_bell_when_the_report_is_ready(cast, directive, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(cast.reviewer, directive)
    note = Notification.objects.get(recipient=cast.reviewer, kind=Notification.Kind.REPORT_READY)
    assert note.url == f"/theo-doi/bao-cao/{report.pk}/"


def test_a_failing_render_ends_failed_with_the_error(cast, directive, monkeypatch, django_capture_on_commit_callbacks):
    def broken(html):
        raise RuntimeError("Pango could not lay out the page")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(cast.reviewer, directive)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "RuntimeError: Pango could not lay out the page" in report.error
    assert report.finished_at is not None and not report.file and report.page_count is None


def test_a_render_stopped_by_the_soft_time_limit_ends_failed_and_says_so(cast, directive, monkeypatch, django_capture_on_commit_callbacks):
    def slow(html):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(services, "html_to_pdf", slow)
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(cast.reviewer, directive)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "Quá thời gian cho phép" in report.error


def test_a_reviewer_removed_from_the_tracking_body_before_the_job_runs_gets_a_failed_report(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_report(cast.reviewer, directive)
    grants.remove_member(Unit.objects.get(key="duqs"), cast.reviewer)
    for callback in callbacks:
        callback()
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "không còn quyền xem số liệu" in report.error
    assert not report.file


def test_a_ward_officer_removed_from_the_ward_before_the_job_runs_gets_a_failed_unit_report(cast, directive, django_capture_on_commit_callbacks):
    ward = Unit.objects.get(key="p-dinh-bang")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_report(cast.dinh_bang, directive, kind="unit", unit=ward)
    grants.remove_member(ward, cast.dinh_bang)
    for callback in callbacks:
        callback()
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and "không còn quyền" in report.error


def test_a_deactivated_requester_gets_a_failed_report(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = request_report(cast.office, directive)
    grants.deactivate_user(cast.office)
    for callback in callbacks:
        callback()
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED


def test_a_ward_officer_cannot_ask_for_the_whole_directive_report(cast, directive):
    with pytest.raises(OutOfReach):
        request_report(cast.dinh_bang, directive)
    assert not Report.objects.exists()


def test_a_ward_officer_cannot_ask_for_another_wards_report(cast, directive):
    with pytest.raises(OutOfReach):
        request_report(cast.dinh_bang, directive, kind="unit", unit=Unit.objects.get(key="p-tam-son"))


def test_a_report_already_generated_is_not_generated_again(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(cast.reviewer, directive)
    report.refresh_from_db()
    finished = report.finished_at
    assert services.report_generate(report.pk) is None  # a second delivery of the message
    report.refresh_from_db()
    assert report.finished_at == finished


def test_a_missing_report_is_skipped_quietly(db):
    assert services.report_generate(123456) is None
