"""Reminder settings as portal pages for the Office and the tracking body: the directive's
rules (with pause), the digest hour (the Office), and who would receive what tomorrow."""

import datetime

import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from audit.models import AuditEntry
from reminders.models import ReminderPolicy
from reminders.schedule import ensure_periodic_tasks
from tests.reminders.conftest import TODAY

DAY = datetime.timedelta(days=1)


def policy_url(world):
    return reverse("reminders:policy", args=[world.directive.pk])


def form_data(**overrides):
    data = {"days_before": "7, 3, 1", "on_due_day": "on", "overdue_every_days": "3", "escalate_after_days": "7",
            "returned_after_days": "5", "explanation_after_days": "3", "step": "save"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("who", ["rita", "office"])
def test_the_tracking_body_and_the_office_change_the_rules_audited(client, world, travel, who):
    travel(TODAY, 9, 0)
    client.force_login(getattr(world, who))
    assert client.get(policy_url(world)).status_code == 200
    response = client.post(policy_url(world), form_data(days_before="5, 2", overdue_every_days="2", paused="on"))
    assert response.status_code == 302
    policy = ReminderPolicy.objects.get(directive=world.directive)
    assert (policy.days_before_list, policy.overdue_every_days, policy.is_active) == ([5, 2], 2, False)
    entry = AuditEntry.objects.get(action="reminder.policy")
    assert entry.changes["is_active"] == [True, False] and entry.changes["overdue_every_days"] == [3, 2]


@pytest.mark.parametrize("who", ["alice", "hana", "bob"])
def test_units_cannot_see_or_change_the_rules(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(policy_url(world)).status_code == 404
    assert client.post(policy_url(world), form_data(paused="on")).status_code == 404
    assert client.get(reverse("reminders:settings")).status_code == 404
    assert ReminderPolicy.objects.get(directive=world.directive).is_active


def test_bad_values_are_refused_in_vietnamese_and_kept(client, world):
    client.force_login(world.rita)
    response = client.post(policy_url(world), form_data(days_before="7, ba", overdue_every_days="500"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập các số ngày từ 1 đến 90" in html and "Số ngày tối đa là 90" in html
    assert 'value="7, ba"' in html
    assert ReminderPolicy.objects.get(directive=world.directive).days_before == "7, 3, 1"


def test_the_preview_lists_who_receives_what_tomorrow(client, world, travel):
    travel(TODAY, 9, 0)
    world.task(TODAY + 4 * DAY, title="Kế hoạch huấn luyện")   # 3 days before tomorrow's deadline
    client.force_login(world.rita)
    html = client.get(policy_url(world)).content.decode()
    assert (TODAY + DAY).strftime("%d/%m/%Y") in html
    assert "Nguyễn Thị An" in html and "Nhắc trước hạn" in html  # alice, ward A's officer
    # The same day with "2 days before" only, previewed without saving: nobody.
    response = client.post(policy_url(world), form_data(days_before="2", step="preview"))
    assert 'id="preview-empty"' in response.content.decode()
    assert ReminderPolicy.objects.get(directive=world.directive).days_before == "7, 3, 1"
    paused = client.post(policy_url(world), form_data(paused="on", step="preview"))
    assert 'id="preview-paused"' in paused.content.decode()


def test_the_office_moves_the_digest_hour_and_the_tracking_body_reads_it(client, world):
    ensure_periodic_tasks()
    client.force_login(world.office)
    response = client.post(reverse("reminders:digest_time"), {"time": "06:45"})
    assert response.status_code == 302
    crontab = PeriodicTask.objects.get(task="reminders.send_daily_digests").crontab
    assert (crontab.hour, crontab.minute) == ("6", "45")
    assert AuditEntry.objects.filter(action="reminder.policy", changes__digest_time=["07:30", "06:45"]).exists()
    bad = client.post(reverse("reminders:digest_time"), {"time": "25:00"})
    assert "Hãy nhập giờ theo dạng giờ:phút" in bad.content.decode()
    client.force_login(world.rita)
    assert "Gửi lúc 06:45 hằng ngày" in client.get(reverse("reminders:settings")).content.decode()
    assert client.post(reverse("reminders:digest_time"), {"time": "05:00"}).status_code == 404
    assert PeriodicTask.objects.get(task="reminders.send_daily_digests").crontab.hour == "6"


@pytest.mark.parametrize("who", ["alice", "hana", "bob"])
def test_units_cannot_move_the_digest(client, world, who):
    ensure_periodic_tasks()
    client.force_login(getattr(world, who))
    assert client.post(reverse("reminders:digest_time"), {"time": "05:00"}).status_code == 404
