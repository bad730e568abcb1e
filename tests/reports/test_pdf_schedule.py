"""The monthly report: a beat crontab from the reports app's data migration; each published
directive's report as of the end of last month, generated as the tracking body and e-mailed
to the Office and the tracking body as a link to the report page, never as an attachment."""

from datetime import date

import pytest

from django.conf import settings
from django.core import mail
from django_celery_beat.models import PeriodicTask

from directives.models import Directive
from reports.models import Report
from reports.pdf.services import reports_schedule_monthly
from reports.tasks import schedule_monthly_reports

# The beat's rows, written back if a transactional test flushed them (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("migrated_schedule")


def test_the_migration_schedules_the_monthly_task_on_the_first_of_each_month(db):
    task = PeriodicTask.objects.get(task=schedule_monthly_reports.name)
    assert task.enabled and task.interval is None
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year) == ("0", "6", "1", "*")
    assert str(crontab.timezone) == "Asia/Ho_Chi_Minh"


def run_month(today, capture):
    with capture(execute=True):
        return reports_schedule_monthly(today=today)


def test_each_published_directive_gets_its_report_as_of_the_end_of_last_month(cast, directive, django_capture_on_commit_callbacks):
    [report] = run_month(date(2022, 5, 1), django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    assert report.is_scheduled and report.requested_by is None
    assert report.kind == Report.Kind.DIRECTIVE_PROGRESS
    assert report.parameters["as_of"] == "2022-04-30"
    assert report.parameters["generated_as"] == cast.reviewer.username  # the tracking body
    assert report.header["issuing_organ"] == "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ"


def test_the_office_and_the_tracking_body_are_mailed_a_link_and_no_attachment(cast, directive, django_capture_on_commit_callbacks):
    [report] = run_month(date(2022, 5, 1), django_capture_on_commit_callbacks)
    link = f"{settings.SITE_URL}/theo-doi/bao-cao/{report.pk}/"
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([cast.office.email, cast.reviewer.email])
    for message in mail.outbox:
        assert link in message.body
        assert message.attachments == []
        assert "30/04/2022" in message.subject
    for outsider in (cast.dinh_bang, cast.observer, cast.department, cast.admin):
        assert outsider.email not in recipients


def test_every_recipient_of_the_link_may_open_the_report(cast, directive, django_capture_on_commit_callbacks):
    from django.test import Client
    from django.contrib.auth import get_user_model

    [report] = run_month(date(2022, 5, 1), django_capture_on_commit_callbacks)
    users = get_user_model().objects.filter(email__in=[a for m in mail.outbox for a in m.to])
    for user in users:
        client = Client()
        client.force_login(user)
        assert client.get(f"/theo-doi/bao-cao/{report.pk}/tai-xuong/").status_code == 200, user


def test_a_second_run_in_the_same_month_makes_no_second_report(cast, directive, django_capture_on_commit_callbacks):
    run_month(date(2022, 5, 1), django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    assert run_month(date(2022, 5, 1), django_capture_on_commit_callbacks) == []
    assert Report.objects.count() == 1 and len(mail.outbox) == sent


def test_draft_and_closed_directives_get_no_monthly_report(cast, directive, django_capture_on_commit_callbacks):
    Directive.objects.filter(pk=directive.pk).update(status=Directive.Status.CLOSED)
    assert run_month(date(2022, 5, 1), django_capture_on_commit_callbacks) == []
    assert not Report.objects.exists() and mail.outbox == []


def test_a_tracking_body_without_members_gets_a_failed_report_and_no_mail(cast, directive, django_capture_on_commit_callbacks):
    from accounts import grants
    from tasks.models import Unit

    grants.remove_member(Unit.objects.get(key="duqs"), cast.reviewer)
    [report] = run_month(date(2022, 5, 1), django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and "không còn cán bộ" in report.error
    assert mail.outbox == []


def test_a_mail_error_midway_is_retried_without_mailing_anyone_twice(cast, directive, monkeypatch, django_capture_on_commit_callbacks):
    """The link task retries mail errors (and a redelivered message runs it again): those
    already mailed are not mailed again, and the bell rings once."""
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    from notifications.models import Notification
    from reports.tasks import email_report_link

    real_send, calls = EmailBackend.send_messages, []

    def second_message_fails_once(self, messages):
        calls.append(messages[0].to)
        if len(calls) == 2:
            raise smtplib.SMTPServerDisconnected("Máy chủ thư ngắt kết nối")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", second_message_fails_once)
    monkeypatch.setattr(email_report_link, "delay", lambda pk: None)  # run by hand below
    [report] = run_month(date(2022, 5, 1), django_capture_on_commit_callbacks)
    # Eager and not propagating, as a worker would: the retry runs inline, without its backoff.
    email_report_link.apply(args=[report.pk], throw=False)
    email_report_link.apply(args=[report.pk], throw=False)  # the same message delivered again
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([cast.office.email, cast.reviewer.email])
    assert len(calls) == 3  # two messages, one of them tried twice
    assert Notification.objects.filter(kind=Notification.Kind.REPORT_READY).count() == 2  # one each


def test_the_link_mail_does_not_wait_for_ever_on_a_mail_server_that_never_answers(cast, directive, settings, monkeypatch, django_capture_on_commit_callbacks):
    import time

    from reminders.channels import email as email_channel
    from reports.pdf.services import report_email_link
    from tests.reminders.smtp_support import silent_smtp_server, use_smtp_server

    monkeypatch.setattr("reports.tasks.email_report_link.delay", lambda pk: None)
    [report] = run_month(date(2022, 5, 1), django_capture_on_commit_callbacks)
    settings.EMAIL_TIMEOUT = None
    monkeypatch.setattr(email_channel, "DEFAULT_TIMEOUT_SECONDS", 1)  # 30 s in production
    with silent_smtp_server(hold_seconds=8) as address:
        use_smtp_server(settings, address)
        started = time.monotonic()
        with pytest.raises(OSError):  # retried by the task (autoretry_for=OSError)
            report_email_link(report.pk)
        assert time.monotonic() - started < 5
