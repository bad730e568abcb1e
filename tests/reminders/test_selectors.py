"""last_contact_by_assignment: what the dashboard shows as "last reminder or urge"."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reminders import services
from reminders.models import DeliveryStatus, ReminderLog
from reminders.selectors import last_contact_by_assignment
from tests.reminders.conftest import TODAY

DAY = datetime.timedelta(days=1)


def test_last_contact_is_the_latest_sent_reminder_or_urge(world, travel, django_capture_on_commit_callbacks):
    reminded = world.task(TODAY + 3 * DAY)
    urged = world.task(TODAY - 4 * DAY)
    never = world.task(TODAY + 30 * DAY)
    travel(TODAY, 0, 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()  # the bell (portal) goes at once; the e-mail waits for the digest
    travel(TODAY, 10, 0)
    with django_capture_on_commit_callbacks(execute=True):
        services.urge_assignment(urged, world.rita, "Đề nghị hoàn thành ngay.")

    found = last_contact_by_assignment([reminded.pk, urged.pk, never.pk])

    assert set(found) == {reminded.pk, urged.pk}
    assert found[reminded.pk].rule == "before_due" and not found[reminded.pk].is_urge
    assert found[reminded.pk].at.astimezone(datetime.UTC) == datetime.datetime(2022, 5, 9, 17, 5, tzinfo=datetime.UTC)
    last = found[urged.pk]
    assert last.is_urge and last.by == "Đỗ Thị Rạng" and last.message == "Đề nghị hoàn thành ngay."
    assert last.rule_label == "Đôn đốc"


def test_last_contact_by_a_moment_is_the_latest_sent_before_it(world, travel, django_capture_on_commit_callbacks):
    """The dashboard as of a past day shows what had been sent by its end."""
    work = world.task(TODAY + 3 * DAY)
    travel(TODAY, 0, 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()  # the reminder before the deadline
    travel(TODAY, 10, 0)
    with django_capture_on_commit_callbacks(execute=True):
        services.urge_assignment(work, world.rita, "Đề nghị hoàn thành ngay.")
    reminder, urge = ReminderLog.objects.filter(assignment=work, status=DeliveryStatus.SENT).order_by("sent_at")[:2]
    assert last_contact_by_assignment([work.pk])[work.pk].is_urge
    earlier = last_contact_by_assignment([work.pk], before=urge.sent_at)[work.pk]
    assert not earlier.is_urge and earlier.at == reminder.sent_at and earlier.by == "" and earlier.rule == "before_due"
    assert last_contact_by_assignment([work.pk], before=reminder.sent_at) == {}


def test_pending_reminders_are_not_a_contact(world, travel):
    work = world.task(TODAY + 3 * DAY)
    travel(TODAY, 0, 5)
    services.sweep()  # queued, never delivered
    assert last_contact_by_assignment([work.pk]) == {}


def test_last_contact_takes_one_query_whatever_the_number_of_assignments(world, travel, django_capture_on_commit_callbacks):
    works = [world.task(TODAY + 3 * DAY) for _ in range(12)]
    travel(TODAY, 0, 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    with CaptureQueriesContext(connection) as few:
        last_contact_by_assignment([works[0].pk])
    with CaptureQueriesContext(connection) as many:
        result = last_contact_by_assignment([w.pk for w in works])
    assert len(result) == 12
    assert len(few) == len(many) == 1
