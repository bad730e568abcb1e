"""Real Celery workers for the report jobs (queue of their own, on Redis), built on the
reminders' harness (tests/reminders/worker_support.py): started as processes that read the
test database and write to the test media folder, killed with SIGKILL when the test says so."""

import os
import subprocess
import sys
import threading
import uuid

import pytest
from django.conf import settings as django_settings

from tests.reminders.worker_support import (
    BASE_DIR, START_SECONDS, Worker, database_url, forget_queue, point_celery_at, wait_for,
)


class ReportWorker(Worker):
    """A solo-pool worker on `queue`; with `stall`, the stalling renderer of
    tests/reports/stalling_worker.py."""

    def __init__(self, name, queue, env, stall=False):
        super().__init__(name, queue, env)
        self.stall = stall

    def start(self):
        entry = ["-m", "tests.reports.stalling_worker"] if self.stall else ["-m", "celery"]
        self.proc = subprocess.Popen(
            [sys.executable, *entry, "-A", "tuson_qp", "worker", "--pool=solo", "--concurrency=1",
             "-Q", self.queue, "-n", f"{self.name}@%h", "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-l", "INFO"],
            cwd=BASE_DIR, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
        )
        threading.Thread(target=self._read, daemon=True).start()
        ready = wait_for(lambda: self.proc.poll() is not None
                         or any(" ready." in line for line in list(self.lines)), START_SECONDS)
        if not ready or self.proc.poll() is not None:
            self.stop()
            pytest.fail(f"the Celery worker did not start within {START_SECONDS} s:\n{self.output()}")
        return self


def point_reports_at(url, queue):
    """Publish from this process to the broker, the report jobs to `queue`; returns the
    function that puts the previous configuration back."""
    return point_celery_at(url, queue, "reports.generate_report")


class ReportHarness:
    def __init__(self):
        self.queue = f"pdf-test-{uuid.uuid4().hex[:10]}"
        self.workers = []
        self.broker_url = None
        self._restore = None

    def start(self, broker, stall_marker=None, **extra_env):
        if self._restore is None:
            self.broker_url = broker
            self._restore = point_reports_at(broker, self.queue)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tuson_qp.settings",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
            "REPORT_QUEUE": self.queue,
            "REPORT_HEARTBEAT_SECONDS": str(django_settings.REPORT_HEARTBEAT_SECONDS),
            "REPORT_STALE_AFTER_SECONDS": str(django_settings.REPORT_STALE_AFTER_SECONDS),
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
        if stall_marker is not None:
            env["REPORT_TEST_STALL_MARKER"] = str(stall_marker)
        worker = ReportWorker(f"{self.queue}-{len(self.workers) + 1}", self.queue, env,
                              stall=stall_marker is not None)
        self.workers.append(worker)
        return worker.start()

    def close(self):
        for worker in self.workers:
            worker.stop()
        if self._restore is not None:
            self._restore()
            forget_queue(self.broker_url, self.queue)


@pytest.fixture
def report_workers():
    harness = ReportHarness()
    try:
        yield harness
    finally:
        harness.close()
