"""The sweep is idempotent: run twice, or twice at once (PostgreSQL, two threads), each
reminder is logged once and sent once."""

import datetime
import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection

from notifications.models import Notification
from reminders import services
from reminders.models import DeliveryStatus, Dispatch, ReminderLog
from tests.conftest import require_service, uses_postgres
from tests.reminders.conftest import TODAY

DAY = datetime.timedelta(days=1)


def plenty_of_work(world, n=40):
    """Work due on every reminder day, for two wards: routine items and escalations."""
    offsets = [7, 3, 1, 0, -3, -6, -7, -8]
    for i in range(n):
        world.task(TODAY + offsets[i % len(offsets)] * DAY, world.ward_a if i % 2 else world.ward_b)


def mail_count():
    return Counter(tuple(m.to) for m in mail.outbox)


def test_running_the_sweep_twice_logs_and_sends_each_reminder_once(world, travel, django_capture_on_commit_callbacks):
    plenty_of_work(world)
    travel(TODAY, 0, 5)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sweep()
    logs, mails, bells = ReminderLog.objects.count(), mail_count(), Notification.objects.count()
    travel(TODAY, 0, 20)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.sweep()
    assert first.rows_new == logs > 0 and second.rows_new == 0
    assert ReminderLog.objects.count() == logs
    assert mail_count() == mails and Notification.objects.count() == bells
    assert mails[("hana@tuson.local",)] == 1 and mails[("rita@tuson.local",)] == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_log_and_send_each_reminder_once(world, travel):
    require_service("PostgreSQL", uses_postgres(), "the concurrent sweep needs real row locking")
    plenty_of_work(world, n=120)
    travel(TODAY, 0, 5)
    start, errors = threading.Barrier(3), []

    def sweep():
        try:
            start.wait(timeout=10)
            services.sweep()  # autocommit: queued sends run at once (eager Celery)
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors

    keys = list(ReminderLog.objects.values_list("assignment_id", "rule", "occurrence", "recipient_id", "channel"))
    assert keys and len(keys) == len(set(keys))
    # Every row that goes out at once went out once, in exactly one dispatch.
    immediate = ReminderLog.objects.exclude(channel="email", rule__in=["before_due", "due_today", "overdue"])
    assert immediate.filter(dispatch__isnull=True).count() == 0
    assert set(immediate.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    bells = Counter(Notification.objects.values_list("recipient_id", "title"))
    assert max(bells.values()) == 1, "a bell item was written twice"
    assert Notification.objects.count() == ReminderLog.objects.filter(channel="portal").values(
        "assignment_id", "recipient_id").distinct().count()
    mails = mail_count()
    assert mails == {("hana@tuson.local",): 1, ("rita@tuson.local",): 1}
    # Empty dispatches left by the losing sweeps sent nothing.
    assert not Dispatch.objects.filter(status=DeliveryStatus.SENT, logs__isnull=True).exists()


def test_the_sweep_takes_as_many_queries_for_many_assignments_as_for_few(world, travel, django_capture_on_commit_callbacks):
    from django.test.utils import CaptureQueriesContext

    from reminders.models import Dispatch

    def queries_for_sweep():
        ReminderLog.objects.all().delete()
        Dispatch.objects.all().delete()
        with django_capture_on_commit_callbacks(), CaptureQueriesContext(connection) as captured:
            result = services.sweep()
        sql = [q["sql"] for q in captured.captured_queries]
        inserts = [q for q in sql if q.startswith("INSERT") and '"reminders_reminderlog"' in q]
        return len(sql) - len(inserts), len(inserts), result.rows_new

    travel(TODAY, 0, 5)
    plenty_of_work(world, n=8)
    few, _inserts, few_rows = queries_for_sweep()
    plenty_of_work(world, n=120)
    many, inserts, many_rows = queries_for_sweep()
    assert many_rows > 10 * few_rows
    assert many == few, "the sweep's reads grow with the number of assignments"
    # Rows are written many per statement (as many as the database takes in one INSERT).
    assert inserts * 50 < many_rows


def test_the_sweep_reads_in_batches(world, travel, settings, django_capture_on_commit_callbacks):
    from django.test.utils import CaptureQueriesContext

    travel(TODAY, 0, 5)
    plenty_of_work(world, n=48)
    settings.REMINDER_BATCH_SIZE = 10
    with django_capture_on_commit_callbacks(), CaptureQueriesContext(connection) as captured:
        services.sweep()
    status_reads = [q for q in captured.captured_queries if "tasks_submission" in q["sql"] and "CASE" in q["sql"]]
    assert len(status_reads) == 5  # 48 candidates, 10 at a time
