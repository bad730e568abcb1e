"""The daily digest, immediate escalations, the bell, and idempotent delivery."""

import datetime
import smtplib

import pytest
from django.core import mail

from notifications.models import Notification
from reminders import services
from reminders.models import DeliveryStatus, Dispatch, ReminderLog, Rule
from reminders.services.delivery import deliver_dispatch
from tasks.models import Submission
from tests.reminders.conftest import TODAY, at

DAY = datetime.timedelta(days=1)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run what it queued after commit (eager Celery), as production would."""
    def call(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)
    return call


def mails_to(username):
    return [m for m in mail.outbox if m.to == [f"{username}@tuson.local"]]


def digest_day(world, travel, run, day=TODAY):
    travel(day, 0, 5)
    run(services.sweep)
    travel(day, 7, 30)
    run(services.send_daily_digests)


def test_digest_lists_all_of_a_persons_items_most_urgent_first(world, travel, run, settings):
    settings.SITE_URL = "https://nhacviec.example"
    soon = world.task(TODAY + 3 * DAY, title="Diễn tập khu vực phòng thủ")
    today = world.task(TODAY, title="Báo cáo sơ kết quý")
    late_3 = world.task(TODAY - 3 * DAY, title="Kế hoạch tuyển quân")
    late_6 = world.task(TODAY - 6 * DAY, title="Nghị quyết lãnh đạo công tác quân sự")
    returned = world.task(TODAY + 20 * DAY, title="Huấn luyện dân quân")
    world.submit(returned, status=Submission.Status.RETURNED, at_=at(TODAY - 6 * DAY, 9),
                 decided_at=at(TODAY - 5 * DAY, 9))
    world.task(TODAY + 3 * DAY, world.ward_b, title="Việc của phường khác")

    digest_day(world, travel, run)

    [digest] = mails_to("alice")
    assert digest.subject == "[Nhắc việc] Ngày 10/05/2022: 5 việc cần chú ý"
    body = digest.body
    order = [late_6, late_3, today, soon, returned]
    positions = [body.index(a.task.title) for a in order]
    assert positions == sorted(positions), body
    assert "Quá hạn 6 ngày" in body and "Đến hạn hôm nay" in body and "Còn 3 ngày đến hạn" in body
    assert "Văn bản bị trả lại để hoàn thiện, đơn vị chưa nộp lại" in body
    assert "Việc của phường khác" not in body
    assert "https://nhacviec.example/" in body
    html, mimetype = digest.alternatives[0]
    assert mimetype == "text/html"
    assert html.index("Nghị quyết lãnh đạo công tác quân sự") < html.index("Huấn luyện dân quân")
    assert 'href="https://nhacviec.example/' in html
    assert ReminderLog.objects.filter(recipient=world.alice, channel="email", status=DeliveryStatus.SENT).count() == 5


def test_one_digest_per_person_per_day_however_often_it_runs(world, travel, run):
    world.task(TODAY + 3 * DAY)
    world.task(TODAY + DAY)
    digest_day(world, travel, run)
    travel(TODAY, 7, 45)
    run(services.sweep)
    run(services.send_daily_digests)
    assert len(mails_to("alice")) == 1
    assert Dispatch.objects.filter(recipient=world.alice, kind=Dispatch.Kind.DIGEST).count() == 1


def test_no_mail_for_someone_with_nothing_due(world, travel, run):
    world.task(TODAY + 5 * DAY)
    digest_day(world, travel, run)
    assert mail.outbox == []


def test_never_an_empty_mail_when_the_work_was_completed_before_the_digest(world, travel, run):
    work = world.task(TODAY + 3 * DAY)
    travel(TODAY, 0, 5)
    run(services.sweep)
    work.completed_on = TODAY
    work.save()
    travel(TODAY, 7, 30)
    run(services.send_daily_digests)
    assert mails_to("alice") == []
    row = ReminderLog.objects.get(assignment=work, channel="email")
    assert row.status == DeliveryStatus.SKIPPED and "hoàn thành" in row.error


def test_digest_leaves_out_only_the_items_no_longer_owed(world, travel, run):
    kept, done = world.task(TODAY + 3 * DAY, title="Việc còn phải làm"), world.task(TODAY + DAY, title="Việc đã xong")
    travel(TODAY, 0, 5)
    run(services.sweep)
    done.completed_on = TODAY
    done.save()
    travel(TODAY, 7, 30)
    run(services.send_daily_digests)
    [digest] = mails_to("alice")
    assert "Việc còn phải làm" in digest.body and "Việc đã xong" not in digest.body
    assert "1 việc cần chú ý" in digest.subject


def test_no_mail_to_an_account_deactivated_after_the_sweep(world, travel, run):
    from accounts import grants

    world.task(TODAY + 3 * DAY)
    travel(TODAY, 0, 5)
    run(services.sweep)
    grants.deactivate_user(world.alice)
    travel(TODAY, 7, 30)
    run(services.send_daily_digests)
    assert mails_to("alice") == []
    assert Dispatch.objects.get(recipient=world.alice, channel="email").status == DeliveryStatus.SKIPPED


def test_no_mail_to_someone_removed_from_the_unit_after_the_sweep(world, travel, run):
    from accounts import grants

    world.task(TODAY + 3 * DAY)
    travel(TODAY, 0, 5)
    run(services.sweep)
    grants.remove_member(world.ward_a, world.alice)
    travel(TODAY, 7, 30)
    run(services.send_daily_digests)
    assert mails_to("alice") == []


def test_a_person_without_an_email_address_is_skipped_with_the_reason(world, travel, run):
    type(world.alice).objects.filter(pk=world.alice.pk).update(email="")
    world.task(TODAY + 3 * DAY)
    digest_day(world, travel, run)
    assert mail.outbox == []
    assert "địa chỉ" in Dispatch.objects.get(recipient=world.alice, channel="email").error


def test_escalation_goes_out_at_once_without_waiting_for_the_digest(world, travel, run):
    world.task(TODAY - 7 * DAY, title="Kế hoạch phòng thủ dân sự")
    travel(TODAY, 0, 5)
    run(services.sweep)
    [to_head] = mails_to("hana")
    [to_tracking] = mails_to("rita")
    assert to_head.subject.startswith("[Cảnh báo] Quá hạn 7 ngày: ") and "Kế hoạch phòng thủ dân sự" in to_head.subject
    assert "quá hạn kéo dài" in to_tracking.body
    assert mails_to("alice") == []


def test_several_escalations_found_at_once_make_one_mail_per_person(world, travel, run):
    world.task(TODAY - 7 * DAY)
    world.task(TODAY - 8 * DAY)
    world.task(TODAY - 7 * DAY, world.ward_b)
    travel(TODAY, 0, 5)
    run(services.sweep)
    [to_tracking] = mails_to("rita")
    assert to_tracking.subject == "[Cảnh báo] 3 nhiệm vụ quá hạn kéo dài"
    assert len(mails_to("hana")) == 1


def test_the_bell_rings_at_once_one_item_per_assignment(world, travel, run):
    world.task(TODAY + 3 * DAY, title="Diễn tập")
    world.task(TODAY - 3 * DAY, title="Tuyển quân")
    travel(TODAY, 0, 5)
    run(services.sweep)
    titles = sorted(Notification.objects.filter(recipient=world.alice).values_list("title", flat=True))
    assert len(titles) == 2
    assert titles[0].startswith("Còn 3 ngày đến hạn: ") and titles[0].endswith("Diễn tập")
    assert titles[1].startswith("Quá hạn 3 ngày: ")
    assert Notification.objects.filter(recipient=world.alice, kind=Notification.Kind.REMINDER).count() == 2


def test_a_sent_dispatch_is_never_sent_again(world, travel, run):
    world.task(TODAY - 7 * DAY)
    travel(TODAY, 0, 5)
    run(services.sweep)
    dispatch = Dispatch.objects.get(recipient=world.rita, channel="email")
    assert deliver_dispatch(dispatch.pk) == DeliveryStatus.SENT
    assert deliver_dispatch(dispatch.pk) == DeliveryStatus.SENT
    assert len(mails_to("rita")) == 1


@pytest.fixture
def flaky_smtp(monkeypatch):
    """The mail server drops the connection on the first message, then recovers."""
    from django.core.mail.backends.locmem import EmailBackend

    real_send, calls = EmailBackend.send_messages, []

    def send_messages(self, messages):
        calls.append(1)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("Máy chủ thư ngắt kết nối")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return calls


def test_smtp_failure_is_recorded_on_the_log_then_retried_until_sent(world, travel, flaky_smtp):
    world.task(TODAY - 7 * DAY)
    travel(TODAY, 0, 5)
    services.sweep()  # queued work is not run here: delivered by hand below
    dispatch = Dispatch.objects.get(recipient=world.hana, channel="email")
    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver_dispatch(dispatch.pk)
    dispatch.refresh_from_db()
    assert dispatch.status == DeliveryStatus.FAILED and "ngắt kết nối" in dispatch.error
    assert dispatch.attempts == 1
    row = ReminderLog.objects.get(recipient=world.hana, channel="email")
    assert row.status == DeliveryStatus.FAILED and "SMTPServerDisconnected" in row.error

    assert deliver_dispatch(dispatch.pk) == DeliveryStatus.SENT
    dispatch.refresh_from_db()
    assert dispatch.attempts == 2 and dispatch.error == ""
    assert len(mails_to("hana")) == 1


def test_the_celery_task_retries_an_smtp_error_by_itself(world, travel, flaky_smtp):
    from reminders.tasks import send_dispatch

    world.task(TODAY - 7 * DAY)
    travel(TODAY, 0, 5)
    services.sweep()
    dispatch = Dispatch.objects.get(recipient=world.hana, channel="email")
    # Eager and not propagating, as a worker would: the retry runs inline, without its backoff.
    send_dispatch.apply(args=[dispatch.pk], throw=False)
    dispatch.refresh_from_db()
    assert (dispatch.status, dispatch.attempts, len(flaky_smtp)) == (DeliveryStatus.SENT, 2, 2)
    assert len(mails_to("hana")) == 1


def test_a_dispatch_whose_queue_message_was_lost_is_sent_by_a_later_sweep(world, travel, django_capture_on_commit_callbacks, run):
    world.task(TODAY - 7 * DAY)
    travel(TODAY, 0, 5)
    with django_capture_on_commit_callbacks(execute=False):  # the broker never got them
        services.sweep()
    assert mail.outbox == []
    travel(TODAY, 0, 20)
    run(services.sweep)
    assert mail.outbox == []  # too early to call it lost
    travel(TODAY, 0, 50)
    run(services.sweep)
    assert len(mails_to("hana")) == 1 and len(mails_to("rita")) == 1


def test_a_digest_missed_for_days_drops_stale_reminders(world, travel, run):
    world.task(TODAY + 7 * DAY, title="Việc nhắc cũ")
    travel(TODAY, 0, 5)
    run(services.sweep)
    later = TODAY + 3 * DAY
    travel(later, 7, 30)
    run(services.send_daily_digests)
    assert mails_to("alice") == []
    row = ReminderLog.objects.get(recipient=world.alice, channel="email", rule=Rule.BEFORE_DUE,
                                  occurrence_date=TODAY)
    assert row.status == DeliveryStatus.SKIPPED


def test_a_mail_server_that_never_answers_fails_the_send_in_time_to_retry(world, travel, settings, monkeypatch):
    """A hung SMTP server (accepts, never greets) must not hold the worker and the dispatch's
    row lock forever, even with EMAIL_TIMEOUT unset (Django's default: wait for ever): the
    send times out, the failure is recorded, and the error is one the task retries."""
    import time

    from reminders.channels import RETRYABLE_ERRORS
    from reminders.channels import email as email_channel
    from tests.reminders.smtp_support import silent_smtp_server, use_smtp_server

    world.task(TODAY - 7 * DAY)
    travel(TODAY, 0, 5)
    services.sweep()  # queued work is not run here: delivered by hand below
    dispatch = Dispatch.objects.get(recipient=world.hana, channel="email")
    settings.EMAIL_TIMEOUT = None
    monkeypatch.setattr(email_channel, "DEFAULT_TIMEOUT_SECONDS", 1)  # 30 s in production
    with silent_smtp_server(hold_seconds=8) as address:
        use_smtp_server(settings, address)
        started = time.monotonic()
        with pytest.raises(RETRYABLE_ERRORS):
            deliver_dispatch(dispatch.pk)
        waited = time.monotonic() - started
    assert waited < 5, f"the send waited {waited:.1f} s for a server that never answers"
    dispatch.refresh_from_db()
    assert dispatch.status == DeliveryStatus.FAILED and "timed out" in dispatch.error


def test_without_a_configured_timeout_the_mail_channel_still_sets_one(settings):
    from reminders.channels.email import DEFAULT_TIMEOUT_SECONDS, mail_timeout

    settings.EMAIL_TIMEOUT = None
    assert 0 < mail_timeout() == DEFAULT_TIMEOUT_SECONDS <= 60
    settings.EMAIL_TIMEOUT = 7
    assert mail_timeout() == 7
