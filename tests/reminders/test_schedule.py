"""The beat's schedule: created by a migration, editable by the Office, never overwritten."""

import pytest
from django_celery_beat.models import PeriodicTask
from django.urls import reverse

from reminders.schedule import ensure_periodic_tasks


# The beat's rows, written back if a transactional test flushed them (see tests/conftest.py).
pytestmark = pytest.mark.usefixtures("migrated_schedule")


def test_the_migration_schedules_the_sweep_every_15_minutes_and_the_digest_at_0730(db):
    sweep = PeriodicTask.objects.get(task="reminders.sweep")
    digest = PeriodicTask.objects.get(task="reminders.send_daily_digests")
    assert (sweep.crontab.minute, sweep.crontab.hour) == ("*/15", "*")
    assert (digest.crontab.minute, digest.crontab.hour) == ("30", "7")
    assert str(digest.crontab.timezone) == "Asia/Ho_Chi_Minh"
    assert sweep.enabled and digest.enabled
    assert sweep.interval is None and sweep.clocked is None


def test_setting_the_schedule_up_again_keeps_the_offices_changes(db):
    from django_celery_beat.models import CrontabSchedule

    digest = PeriodicTask.objects.get(task="reminders.send_daily_digests")
    digest.crontab = CrontabSchedule.objects.create(minute="0", hour="6", timezone="Asia/Ho_Chi_Minh")
    digest.save()
    assert ensure_periodic_tasks() == []
    assert PeriodicTask.objects.get(task="reminders.send_daily_digests").crontab.hour == "6"
    assert PeriodicTask.objects.filter(task__startswith="reminders.").count() == 2
    ensure_periodic_tasks(reset=True)
    assert PeriodicTask.objects.get(task="reminders.send_daily_digests").crontab.hour == "7"


def test_the_scheduled_task_names_are_registered_celery_tasks(db):
    from tuson_qp.celery import app

    app.loader.import_default_modules()
    for task in PeriodicTask.objects.filter(task__startswith="reminders.").values_list("task", flat=True):
        assert task in app.tasks


def test_the_office_edits_the_schedule_and_the_rules_in_the_admin(client, world):
    from reminders.models import ReminderPolicy

    client.force_login(world.office)
    digest = PeriodicTask.objects.get(task="reminders.send_daily_digests")
    assert client.get(reverse("admin:django_celery_beat_periodictask_change", args=[digest.pk])).status_code == 200
    assert client.get(reverse("admin:django_celery_beat_crontabschedule_change", args=[digest.crontab_id])).status_code == 200
    policy = ReminderPolicy.objects.get(directive=world.directive)
    response = client.post(reverse("admin:reminders_reminderpolicy_change", args=[policy.pk]), {
        "directive": world.directive.pk, "is_active": "on", "days_before": "10, 5, 1", "on_due_day": "on",
        "overdue_every_days": 2, "escalate_after_days": 5, "returned_after_days": 4,
        "explanation_after_days": 2,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    policy.refresh_from_db()
    assert policy.days_before_list == [10, 5, 1] and policy.escalate_after_days == 5


def test_a_bad_day_list_is_refused_with_a_vietnamese_message(client, world):
    from reminders.models import ReminderPolicy

    client.force_login(world.office)
    policy = ReminderPolicy.objects.get(directive=world.directive)
    response = client.post(reverse("admin:reminders_reminderpolicy_change", args=[policy.pk]), {
        "directive": world.directive.pk, "days_before": "7, ba", "overdue_every_days": 3,
        "escalate_after_days": 7, "returned_after_days": 5, "explanation_after_days": 3,
    })
    assert response.status_code == 200
    assert "Nhập các số ngày từ 1 đến 90" in response.content.decode()


def test_a_ward_officer_cannot_reach_the_reminder_admin(client, world):
    client.force_login(world.alice)
    response = client.get(reverse("admin:reminders_reminderpolicy_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_tasks_ack_late_one_at_a_time_and_no_wait_outlives_the_brokers_visibility_timeout(db, settings):
    """A message is acknowledged after its task ran (a killed worker's message is given again),
    a worker reserves one at a time, and no retry countdown or queued sweep waits so long that
    Redis would hand the same message to a second worker meanwhile."""
    import smtplib

    from reminders.tasks import send_daily_digests, send_dispatch, sweep
    from tuson_qp.celery import app

    assert app.conf.worker_prefetch_multiplier == 1
    assert all(task.acks_late for task in (sweep, send_daily_digests, send_dispatch))
    assert send_dispatch.reject_on_worker_lost
    assert issubclass(smtplib.SMTPServerDisconnected, send_dispatch.autoretry_for)
    assert send_dispatch.retry_backoff and send_dispatch.max_retries >= 3
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert send_dispatch.retry_backoff_max < visibility
    # A hung mail server cannot hold a worker for ever: the socket gives up first, the task's
    # time limits behind it, both long before the broker would redeliver the message.
    from reminders.channels.email import mail_timeout

    assert mail_timeout() < send_dispatch.soft_time_limit < send_dispatch.time_limit < visibility
    sweep_task = PeriodicTask.objects.get(task="reminders.sweep")
    assert sweep_task.expire_seconds <= 15 * 60 < visibility
