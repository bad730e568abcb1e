"""End to end on real infrastructure: a Celery worker process started by this test consumes
from Redis, reads the test database on PostgreSQL and sends the mails to files.

Locally it is skipped without PostgreSQL (DATABASE_URL) or Redis; in CI (REQUIRE_SERVICES=1)
it fails instead. The broker is CELERY_BROKER_URL, default redis://127.0.0.1:6379/15, on a
queue of its own so no other worker can take its messages.
"""

import datetime
import email
import email.policy
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from kombu import pools as kombu_pools
from django.conf import settings as django_settings
from django.utils import timezone

from reminders import services
from reminders.models import DeliveryStatus, ReminderLog
from tests.conftest import require_service, uses_postgres
from tuson_qp.celery import app as celery_app

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]
DAY = datetime.timedelta(days=1)
SEPARATOR = "\n" + "-" * 79 + "\n"


def redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=2).ping()
    except Exception:
        return False


def database_url():
    db = django_settings.DATABASES["default"]
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def point_celery_at(broker_url, queue):
    """Make this process publish to the broker (not eagerly), routing reminders to `queue`."""
    conf = celery_app.conf
    saved = {"task_always_eager": conf.task_always_eager, "broker_url": conf.broker_url,
             "task_routes": conf.task_routes}
    conf.task_always_eager = False
    conf.broker_url = broker_url
    conf.task_routes = {**dict(saved["task_routes"] or {}), "reminders.*": {"queue": queue}}

    def reset(values):
        for key, value in values.items():
            conf[key] = value
        celery_app.amqp.flush_routes()
        celery_app.amqp.__dict__.pop("router", None)
        # Forget broker connections made with the old settings (kombu keeps a global registry).
        kombu_pools.reset()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    reset({})
    return lambda: reset(saved)


@pytest.fixture
def worker(tmp_path):
    broker_url = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"
    require_service("PostgreSQL", uses_postgres(), "the worker process reads the test database")
    require_service("Redis", redis_answers(broker_url), broker_url)
    queue = f"reminders-test-{uuid.uuid4().hex[:10]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tuson_qp.settings",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "REMINDER_QUEUE": queue,
        "SITE_URL": "https://cong.tuson.test",
        "PYTHONUNBUFFERED": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tuson_qp", "worker", "--pool=solo", "--concurrency=1",
         "-Q", queue, "-n", f"{queue}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-l", "INFO"],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    output = []
    reader = threading.Thread(target=lambda: output.extend(iter(proc.stdout.readline, "")), daemon=True)
    reader.start()
    restore = point_celery_at(broker_url, queue)
    try:
        wait_for(lambda: any(" ready." in line for line in output) or proc.poll() is not None, 25)
        assert proc.poll() is None, "the worker did not start:\n" + "".join(output)
        yield SimpleNamespace(mail_dir=mail_dir, output=output, queue=queue)
    finally:
        restore()
        proc.send_signal(signal.SIGTERM)  # warm shutdown: finishes the task in hand
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        import redis

        redis.Redis.from_url(broker_url).delete(queue)


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def read_mails(mail_dir):
    found = []
    for path in sorted(mail_dir.glob("*.log")):
        for raw in path.read_text(encoding="utf-8").split(SEPARATOR):
            if raw.strip():
                found.append(email.message_from_bytes(raw.encode("utf-8"), policy=email.policy.default))
    return found


def by_recipient(mails):
    result = {}
    for m in mails:
        result.setdefault(str(m["To"]).strip(), []).append(str(m["Subject"]).strip())
    return result


def succeeded(output, task_name):
    return sum(1 for line in output if f"Task {task_name}[" in line and "succeeded" in line)


def test_a_real_worker_sends_the_digest_escalations_and_an_urge_once(world, worker):
    from reminders.tasks import send_daily_digests

    now = timezone.localtime()
    if now.hour == 23 and now.minute == 59:  # the worker must see the same "today" as this test
        time.sleep(61 - now.second)
    today = timezone.localdate()
    world.task(today + 3 * DAY, title="Diễn tập khu vực phòng thủ")
    world.task(today - 7 * DAY, title="Kế hoạch tuyển quân")
    urged = world.task(today - 3 * DAY, title="Huấn luyện dân quân tự vệ")

    send_daily_digests.delay()  # what the beat sends at 07:30
    services.urge_assignment(urged, world.rita, "Đề nghị phường báo cáo ngay.")  # queued on commit

    expected = {"alice@tuson.local": 2, "hana@tuson.local": 1, "rita@tuson.local": 1}
    done = wait_for(lambda: {k: len(v) for k, v in by_recipient(read_mails(worker.mail_dir)).items()} == expected, 25)
    mails = by_recipient(read_mails(worker.mail_dir))
    assert done, f"mails: {mails}\nworker:\n{''.join(worker.output[-60:])}"
    assert sorted(mails["alice@tuson.local"]) == [
        "[Nhắc việc] Ngày %s: 2 việc cần chú ý" % today.strftime("%d/%m/%Y"),
        "[Đôn đốc] %s. Huấn luyện dân quân tự vệ – Đảng ủy phường Đình Bảng" % urged.task.key,
    ]
    assert mails["rita@tuson.local"][0].startswith("[Cảnh báo] Quá hạn 7 ngày: ")
    digest = next(m for m in read_mails(worker.mail_dir) if "[Nhắc việc]" in str(m["Subject"]))
    text = digest.get_body(("plain",)).get_content()
    assert text.index("Huấn luyện dân quân tự vệ") < text.index("Diễn tập khu vực phòng thủ")
    assert "https://cong.tuson.test/" in digest.get_body(("html",)).get_content()
    email_rows = ReminderLog.objects.filter(channel="email")
    assert set(email_rows.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    # The beat firing again (or a redelivered message) sends nothing new.
    send_daily_digests.delay()
    assert wait_for(lambda: succeeded(worker.output, "reminders.send_daily_digests") == 2, 20), "".join(worker.output[-40:])
    time.sleep(1.0)
    assert {k: len(v) for k, v in by_recipient(read_mails(worker.mail_dir)).items()} == expected
