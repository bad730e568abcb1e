"""End to end on real infrastructure: Celery worker processes started by these tests consume
from Redis, read the test database on PostgreSQL and send mails to files.

Without PostgreSQL (DATABASE_URL) or Redis (CELERY_BROKER_URL, default
redis://127.0.0.1:6379/15) the tests skip locally and FAIL in CI (REQUIRE_SERVICES=1). Each test
has a queue of its own, so no other worker (another pytest-xdist process, a developer's worker)
can take its messages; the fixture stops its workers and clears the queue afterwards.
"""

import datetime
import time

import pytest
import time_machine
from django.db import DatabaseError, transaction
from django.utils import timezone

from notifications.models import Notification
from reminders import services
from reminders.models import DeliveryStatus, Dispatch, ReminderLog
from tests.reminders.worker_support import services_or_fail, wait_for, workers  # noqa: F401

pytestmark = [pytest.mark.services, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DAY = datetime.timedelta(days=1)
PORTAL = "reminders.channels.portal.PortalChannel"


def not_just_before_midnight():
    """The worker must see the same "today" as the test: never start in the last minute."""
    now = timezone.localtime()
    if now.hour == 23 and now.minute == 59:
        time.sleep(61 - now.second)


def test_a_real_worker_sends_the_digest_escalations_and_an_urge_once(world, workers):
    from reminders.tasks import send_daily_digests

    worker = workers.start(services_or_fail())
    not_just_before_midnight()
    today = timezone.localdate()
    world.task(today + 3 * DAY, title="Diễn tập khu vực phòng thủ")
    world.task(today - 7 * DAY, title="Kế hoạch tuyển quân")
    urged = world.task(today - 3 * DAY, title="Huấn luyện dân quân tự vệ")

    send_daily_digests.delay()  # what the beat sends at 07:30
    services.urge_assignment(urged, world.rita, "Đề nghị phường báo cáo ngay.")  # queued on commit

    expected = {"alice@tuson.local": 2, "hana@tuson.local": 1, "rita@tuson.local": 1}

    def counts():
        return {k: len(v) for k, v in workers.subjects_by_recipient().items()}

    done = wait_for(lambda: counts() == expected, 30)
    mails = workers.subjects_by_recipient()
    assert done, f"mails: {mails}\nworker:\n{worker.output()}"
    assert sorted(mails["alice@tuson.local"]) == [
        "[Nhắc việc] Ngày %s: 2 việc cần chú ý" % today.strftime("%d/%m/%Y"),
        "[Đôn đốc] %s. Huấn luyện dân quân tự vệ – Đảng ủy phường Đình Bảng" % urged.task.key,
    ]
    assert mails["rita@tuson.local"][0].startswith("[Cảnh báo] Quá hạn 7 ngày: ")
    digest = next(m for m in workers.mails() if "[Nhắc việc]" in str(m["Subject"]))
    text = digest.get_body(("plain",)).get_content()
    assert text.index("Huấn luyện dân quân tự vệ") < text.index("Diễn tập khu vực phòng thủ")
    assert "https://cong.tuson.test/" in digest.get_body(("html",)).get_content()
    assert wait_for(lambda: set(ReminderLog.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}, 10)

    # The beat firing again (or a redelivered message) sends nothing new.
    send_daily_digests.delay()
    assert wait_for(lambda: worker.count("reminders.send_daily_digests") == 2, 30), worker.output()
    assert wait_for(lambda: worker.count("reminders.send_dispatch", "received")
                    == worker.count("reminders.send_dispatch"), 10), worker.output()
    assert counts() == expected


def row_lock_is_free(pk):
    """True once nobody holds the dispatch's row lock (PostgreSQL has ended a killed session)."""
    try:
        with transaction.atomic():
            list(Dispatch.objects.select_for_update(nowait=True).filter(pk=pk))
        return True
    except DatabaseError:
        return False


def test_a_worker_killed_mid_send_leaves_no_trace_and_the_bell_rings_once(world, workers, settings, tmp_path):
    """SIGKILL while sending: the bell written in the send's transaction is rolled back with it,
    the dispatch is still pending; the sweep re-queues it, another worker sends it once, and the
    original message delivered again (Redis does so after its visibility timeout) adds nothing."""
    from reminders.tasks import send_dispatch

    broker = services_or_fail()
    settings.REMINDER_CHANNELS = [PORTAL]  # the bell: the channel the record covers without a window
    marker = tmp_path / "stalled"
    stalling = workers.start(broker, REMINDER_CHANNELS="tests.reminders.stalling_channel.StallingPortalChannel",
                             REMINDER_TEST_STALL_MARKER=str(marker))
    not_just_before_midnight()
    work = world.task(timezone.localdate() + 20 * DAY, title="Xây dựng lực lượng dự bị động viên")
    services.urge_assignment(work, world.rita, "Đề nghị phường báo cáo tiến độ.")
    dispatch = Dispatch.objects.get(recipient=world.alice, kind=Dispatch.Kind.URGE)

    assert wait_for(marker.exists, 30), stalling.output()
    assert marker.read_text() == str(dispatch.pk)
    stalling.kill()
    assert wait_for(lambda: row_lock_is_free(dispatch.pk), 30)
    dispatch.refresh_from_db()
    assert (dispatch.status, dispatch.attempts) == (DeliveryStatus.PENDING, 0)
    assert not Notification.objects.filter(recipient=world.alice).exists()

    fresh = workers.start(broker, REMINDER_CHANNELS=PORTAL)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31), tick=True):
        result = services.sweep()  # the beat's next sweeps find the dispatch stuck
    assert result.requeued == 1
    assert wait_for(lambda: fresh.count("reminders.send_dispatch") == 1, 30), fresh.output()
    dispatch.refresh_from_db()
    assert (dispatch.status, dispatch.attempts) == (DeliveryStatus.SENT, 1)
    [bell] = Notification.objects.filter(recipient=world.alice)
    assert "Đề nghị phường báo cáo tiến độ." in bell.body

    send_dispatch.delay(dispatch.pk)  # the killed worker's message, redelivered
    assert wait_for(lambda: fresh.count("reminders.send_dispatch") == 2, 30), fresh.output()
    assert Notification.objects.filter(recipient=world.alice).count() == 1
    assert ReminderLog.objects.get(recipient=world.alice).status == DeliveryStatus.SENT
