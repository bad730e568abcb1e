"""Report jobs survive a worker's death (reports.pdf.jobs), in process: a redelivered message
resumes a report a dead worker left "running", a report a live worker renders is left alone,
the beat's reaper requeues a report whose heartbeat is stale, at most REPORT_MAX_ATTEMPTS
times, and the failure says what happened. The same with a real worker killed by SIGKILL:
tests/reports/test_report_worker_death.py."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from reports.models import Report
from reports.pdf import jobs, services
from reports.tasks import generate_report, reap_stalled_reports
from tests.reports.pdf_support import request_report


@pytest.fixture
def queued(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return request_report(cast.reviewer, directive)


def left_running(report, *, attempts=1, silent_for=None, worker="another-host:4242", ran_for=None):
    """Make `report` look as a worker left it: running, `attempts` made, last heartbeat
    `silent_for` ago (default: just stale), its attempt begun `ran_for` before that."""
    silent_for = silent_for or timedelta(seconds=settings.REPORT_STALE_AFTER_SECONDS + 5)
    beat = timezone.now() - silent_for
    began = beat - (ran_for or timedelta(seconds=3))
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.RUNNING, attempts=attempts, heartbeat_at=beat, started_at=began,
        worker=worker, parameters={**report.parameters, "attempt_started_at": began.isoformat()},
    )


def test_the_task_is_acknowledged_late_and_rejected_when_its_worker_is_lost():
    assert generate_report.acks_late is True
    assert generate_report.reject_on_worker_lost is True


def test_a_redelivered_job_resumes_a_report_a_dead_worker_left_running(queued):
    left_running(queued)
    result = services.report_generate(queued.pk)
    queued.refresh_from_db()
    assert result == queued and queued.status == Report.Status.READY
    assert queued.attempts == 2 and queued.file and queued.docx_file
    [interruption] = queued.parameters["interrupted"]
    assert interruption["attempt"] == 1 and interruption["worker"] == "another-host:4242"


def test_a_report_of_a_dead_process_on_this_host_is_resumed_at_once(queued):
    """The heartbeat is fresh but the process that wrote it is gone (a prefork child killed,
    the message requeued at once by reject_on_worker_lost): no need to wait."""
    import socket
    import subprocess
    import sys

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left_running(queued, silent_for=timedelta(seconds=1), worker=f"{socket.gethostname()}:{dead.pid}")
    services.report_generate(queued.pk)
    queued.refresh_from_db()
    assert queued.status == Report.Status.READY and queued.attempts == 2


def test_a_report_a_live_worker_is_rendering_is_left_alone(queued):
    left_running(queued, silent_for=timedelta(seconds=1))
    assert services.report_generate(queued.pk) == jobs.Claim.BUSY
    queued.refresh_from_db()
    assert queued.status == Report.Status.RUNNING and queued.attempts == 1


def test_the_reaper_requeues_a_report_whose_heartbeat_is_stale(queued, django_capture_on_commit_callbacks):
    left_running(queued)
    with django_capture_on_commit_callbacks(execute=True):
        requeued, failed = jobs.reports_reap()
    assert (requeued, failed) == ([queued.pk], [])
    queued.refresh_from_db()
    assert queued.status == Report.Status.READY and queued.attempts == 2 and queued.error == ""


def test_the_reaper_leaves_a_report_with_a_fresh_heartbeat(queued):
    left_running(queued, silent_for=timedelta(seconds=2))
    assert jobs.reports_reap() == ([], [])
    queued.refresh_from_db()
    assert queued.status == Report.Status.RUNNING


def test_after_the_last_attempt_the_report_fails_and_says_its_worker_died(queued):
    left_running(queued, attempts=settings.REPORT_MAX_ATTEMPTS)
    assert jobs.reports_reap() == ([], [queued.pk])
    queued.refresh_from_db()
    assert queued.status == Report.Status.FAILED
    assert f"bị dừng đột ngột {settings.REPORT_MAX_ATTEMPTS} lần" in queued.error
    assert "thời gian" not in queued.error  # not the old, wrong "time limit" reason
    assert len(queued.parameters["interrupted"]) == 1


def test_a_redelivered_message_after_the_last_attempt_fails_the_report_with_the_reason(queued):
    left_running(queued, attempts=settings.REPORT_MAX_ATTEMPTS)
    assert services.report_generate(queued.pk) == jobs.Claim.EXHAUSTED
    queued.refresh_from_db()
    assert queued.status == Report.Status.FAILED and "bị dừng đột ngột" in queued.error


def test_a_render_killed_by_the_hard_time_limit_fails_with_that_reason_and_is_not_retried(queued):
    left_running(queued, ran_for=timedelta(seconds=settings.REPORT_TIME_LIMIT))
    assert jobs.reports_reap() == ([], [queued.pk])
    queued.refresh_from_db()
    assert queued.status == Report.Status.FAILED
    assert f"Quá thời gian tối đa ({settings.REPORT_TIME_LIMIT} giây)" in queued.error


def test_an_attempt_taken_over_cannot_finish_the_report(queued, monkeypatch):
    """A worker thought dead that wakes up after the report was taken over writes nothing."""
    real_render = services.render_report

    def render_then_lose_the_claim(report, user):
        rendered = real_render(report, user)
        Report.objects.filter(pk=report.pk).update(attempts=report.attempts + 1)  # taken over
        return rendered

    monkeypatch.setattr(services, "render_report", render_then_lose_the_claim)
    assert services.report_generate(queued.pk) is None
    queued.refresh_from_db()
    assert queued.status == Report.Status.RUNNING and not queued.file and not queued.docx_file


def test_the_beat_runs_the_reaper_every_minute(queued):
    import_module("reports.migrations.0006_report_reaper_schedule").forwards(apps, None)
    task = PeriodicTask.objects.get(task=reap_stalled_reports.name)
    assert task.enabled and task.crontab.minute == "*" and task.crontab.hour == "*"
    left_running(queued, attempts=settings.REPORT_MAX_ATTEMPTS)
    reap_stalled_reports.apply()
    queued.refresh_from_db()
    assert queued.status == Report.Status.FAILED
