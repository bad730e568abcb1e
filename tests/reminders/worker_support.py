"""Real Celery workers for the integration tests: started as separate processes that consume
from Redis and read the test database, stopped (or killed) and cleaned up by the fixture.

`services_or_fail()` is called from the test body, so that with REQUIRE_SERVICES=1 a missing
broker or database makes the test FAIL (not skip, nor error in a fixture).
"""

import email
import email.policy
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from kombu import pools as kombu_pools

from tests.conftest import require_service, uses_postgres
from tuson_qp.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_BROKER = "redis://127.0.0.1:6379/15"
MAIL_SEPARATOR = "\n" + "-" * 79 + "\n"
START_SECONDS = 40  # generous: the CI machine may be busy; a start takes 2–4 s when idle
STOP_SECONDS = 15


def broker_url():
    return os.environ.get("CELERY_BROKER_URL") or DEFAULT_BROKER


def redis_client(url, **kwargs):
    import redis

    return redis.Redis.from_url(url, **kwargs)


def redis_answers(url):
    try:
        return bool(redis_client(url, socket_timeout=2, socket_connect_timeout=2).ping())
    except Exception:
        return False


def services_or_fail():
    """The broker URL, once PostgreSQL and Redis are known to be there (skip or fail if not)."""
    url = broker_url()
    require_service("PostgreSQL", uses_postgres(), "the worker process reads the test database")
    require_service("Redis", redis_answers(url), url)
    return url


def database_url():
    """The test database (its name carries pytest-xdist's suffix, if any) as a URL."""
    db = django_settings.DATABASES["default"]
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def wait_for(condition, seconds, interval=0.1):
    deadline = time.monotonic() + seconds
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


class Worker:
    """One `celery worker` process (solo pool: the process is the worker; a kill is a kill)."""

    def __init__(self, name, queue, env):
        self.name, self.queue, self.env = name, queue, env
        self.lines = []
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tuson_qp", "worker", "--pool=solo",
             "--concurrency=1", "-Q", self.queue, "-n", f"{self.name}@%h", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-l", "INFO"],
            cwd=BASE_DIR, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
        )
        threading.Thread(target=self._read, daemon=True).start()
        ready = wait_for(lambda: self.proc.poll() is not None or any(" ready." in line for line in list(self.lines)),
                         START_SECONDS)
        if not ready or self.proc.poll() is not None:
            self.stop()
            pytest.fail(f"the Celery worker did not start within {START_SECONDS} s:\n{self.output()}")
        return self

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line)

    def output(self, last=80):
        return "".join(self.lines[-last:])

    def count(self, task_name, outcome="succeeded"):
        """How many runs of `task_name` the worker logged as `outcome` ("received", "succeeded")."""
        return sum(1 for line in list(self.lines) if f"Task {task_name}[" in line and f"] {outcome}" in line)

    @property
    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def kill(self):
        """SIGKILL: the worker dies mid-task, as in a power cut or the OOM killer."""
        if self.alive:
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait(timeout=STOP_SECONDS)

    def stop(self):
        """Warm shutdown (SIGTERM finishes the task in hand), then a kill if it hangs."""
        if not self.alive:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()


def point_celery_at(url, queue, tasks="reminders.*"):
    """Make this process publish to the broker (not eagerly), routing `tasks` (a task name or
    pattern; the reminders by default) to `queue`. Returns the function that puts the previous
    configuration back."""
    conf = celery_app.conf
    saved = {"task_always_eager": conf.task_always_eager, "broker_url": conf.broker_url,
             "task_routes": conf.task_routes}

    def apply(values):
        for key, value in values.items():
            conf[key] = value
        celery_app.amqp.flush_routes()
        celery_app.amqp.__dict__.pop("router", None)
        # Forget broker connections made with other settings (kombu keeps a global registry).
        kombu_pools.reset()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    apply({"task_always_eager": False, "broker_url": url,
           "task_routes": {**dict(saved["task_routes"] or {}), tasks: {"queue": queue}}})
    return lambda: apply(saved)


def forget_queue(url, queue):
    """Remove what the broker keeps for `queue`: its messages, its binding, and the messages a
    killed worker left unacknowledged (kombu's `unacked` hash), so nothing is redelivered later."""
    client = redis_client(url, socket_timeout=5)
    # A Celery queue is bound to the exchange of its own name: drop the queue (and its priority
    # lists, "<queue>\x06\x16<n>") and that exchange's binding tables.
    client.delete(queue, *client.scan_iter(match=f"{queue}\x06\x16*"),
                  f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
    for tag, raw in client.hscan_iter("unacked"):
        try:
            _message, _exchange, routing_key = json.loads(raw)
        except (ValueError, TypeError):
            continue
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


class Harness:
    """The workers of one test, their queue (unique: no other worker takes its messages) and
    the folder the file e-mail backend writes to."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.queue = f"reminders-test-{uuid.uuid4().hex[:10]}"
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        self.workers = []
        self.broker_url = None
        self._restore = None

    def start(self, broker, **extra_env):
        if self._restore is None:
            self.broker_url = broker
            self._restore = point_celery_at(broker, self.queue)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tuson_qp.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "REMINDER_QUEUE": self.queue,
            "SITE_URL": "https://cong.tuson.test",
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
        worker = Worker(f"{self.queue}-{len(self.workers) + 1}", self.queue, env)
        self.workers.append(worker)
        return worker.start()

    def mails(self):
        found = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for raw in path.read_text(encoding="utf-8").split(MAIL_SEPARATOR):
                if raw.strip():
                    found.append(email.message_from_bytes(raw.encode("utf-8"), policy=email.policy.default))
        return found

    def subjects_by_recipient(self):
        result = {}
        for m in self.mails():
            result.setdefault(str(m["To"]).strip(), []).append(str(m["Subject"]).strip())
        return result

    def close(self):
        for worker in self.workers:
            worker.stop()
        if self._restore is not None:
            self._restore()
            forget_queue(self.broker_url, self.queue)


@pytest.fixture
def workers(tmp_path):
    harness = Harness(tmp_path)
    try:
        yield harness
    finally:
        harness.close()
