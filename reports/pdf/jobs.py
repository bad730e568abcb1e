"""Report jobs that survive a worker's death.

A worker can die in the middle of a render (SIGKILL, the OOM killer, a container restart, the
hard time limit). Nothing it held is lost:

- the task is acknowledged late and rejected (requeued) when its worker process is lost
  (`acks_late`, `reject_on_worker_lost` on reports.tasks.generate_report);
- each run *claims* the report (`claim`): a queued report, or one left "running" by a worker
  that is gone — its heartbeat stale, or its process no longer alive on this host — is taken
  over, and every claim counts an attempt; a report another live worker is rendering is left
  alone (the task retries later, in case that worker dies too);
- while rendering, a thread touches `heartbeat_at` every REPORT_HEARTBEAT_SECONDS
  (`Heartbeat`); it dies with the process, so a silent report is a dead worker's;
- every minute the beat runs `reports_reap`: a "running" report whose heartbeat is older than
  REPORT_STALE_AFTER_SECONDS is queued again, or, after REPORT_MAX_ATTEMPTS attempts, failed
  with a reason that says what happened.

Only the attempt that holds the claim may finish or fail the report (`attempts` is part of
the final UPDATE's condition), so a worker thought dead that wakes up cannot overwrite it.
"""

import logging
import os
import socket
import threading
from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from reports.models import Report

logger = logging.getLogger(__name__)


class Claim(Enum):
    CLAIMED = "claimed"  # this run renders the report
    DONE = "done"  # gone, ready or failed: nothing to do
    BUSY = "busy"  # another live worker renders it
    EXHAUSTED = "exhausted"  # too many attempts: failed now, with the reason


def worker_identity():
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_gone(worker):
    """True when the worker named `worker` ran on this host and its process is gone (or is
    this very process, which is not rendering it: it is about to)."""
    host, _sep, pid = (worker or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def stale_before(now):
    return now - timedelta(seconds=settings.REPORT_STALE_AFTER_SECONDS)


def _is_stale(report, now):
    last = report.heartbeat_at or report.started_at
    return last is None or last < stale_before(now)


def interruption_reason(report):
    """The failure a report gets when its worker died too often, in plain words."""
    attempts = report.attempts
    times = f"{attempts} lần" if attempts > 1 else "một lần"
    return (f"Tiến trình tạo báo cáo bị dừng đột ngột {times} trước khi tạo xong (tiến trình "
            "xử lý bị tắt, khởi động lại hoặc hết bộ nhớ); đã thử tối đa "
            f"{settings.REPORT_MAX_ATTEMPTS} lần nên không tạo lại nữa. Hãy yêu cầu tạo lại; "
            "nếu vẫn lỗi, báo quản trị hệ thống hoặc chọn phạm vi nhỏ hơn.")


def time_limit_reason():
    return (f"Quá thời gian tối đa ({settings.REPORT_TIME_LIMIT} giây): tiến trình xử lý đã bị "
            "dừng khi đang tạo báo cáo. Hãy thử lại hoặc chọn phạm vi nhỏ hơn.")


def _note_interruption(report, now):
    """Record the death of the attempt in hand on the report (its detail page says so)."""
    if report.attempts:
        report.parameters = {**report.parameters, "interrupted": [
            *report.parameters.get("interrupted", []),
            {"attempt": report.attempts, "worker": report.worker,
             "last_heartbeat": (report.heartbeat_at or report.started_at or now).isoformat()},
        ]}


def _fail_now(report, message, now):
    report.status = Report.Status.FAILED
    report.error = message
    report.finished_at = now
    report.save(update_fields=["status", "error", "finished_at", "parameters"])


def _ran_past_time_limit(report):
    began = report.parameters.get("attempt_started_at")
    if not began or report.heartbeat_at is None:
        return False
    from datetime import datetime

    ran = report.heartbeat_at - datetime.fromisoformat(began)
    return ran.total_seconds() >= settings.REPORT_TIME_LIMIT - settings.REPORT_HEARTBEAT_SECONDS


def claim(report_id):
    """(report, Claim) for a delivery of the job of `report_id`."""
    now = timezone.now()
    with transaction.atomic():
        report = (Report.objects.select_for_update(of=("self",))
                  .select_related("directive__tracking_unit", "unit").filter(pk=report_id).first())
        if report is None or report.status in (Report.Status.READY, Report.Status.FAILED):
            return report, Claim.DONE
        if report.status == Report.Status.RUNNING:
            if not _is_stale(report, now) and not _owner_gone(report.worker):
                return report, Claim.BUSY
            _note_interruption(report, now)  # a redelivered message finds a dead worker's report
        if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
            _fail_now(report, interruption_reason(report), now)
            return report, Claim.EXHAUSTED
        report.status = Report.Status.RUNNING
        report.attempts += 1
        report.started_at = report.started_at or now
        report.heartbeat_at = now
        report.worker = worker_identity()[:200]
        report.parameters = {**report.parameters, "attempt_started_at": now.isoformat()}
        report.save(update_fields=["status", "attempts", "started_at", "heartbeat_at", "worker",
                                   "parameters"])
    return report, Claim.CLAIMED


def still_mine(report):
    """The filter of the final UPDATE: the report is still this attempt's."""
    return Q(pk=report.pk, status=Report.Status.RUNNING, attempts=report.attempts)


class Heartbeat:
    """Touch the report every REPORT_HEARTBEAT_SECONDS from a thread while the job runs."""

    def __init__(self, report):
        self.report = report
        self.interval = settings.REPORT_HEARTBEAT_SECONDS
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        if self.interval > 0 and connection.vendor != "sqlite":
            self._thread = threading.Thread(target=self._run, name=f"report-{self.report.pk}-heartbeat",
                                            daemon=True)
            self._thread.start()
        return self

    def _run(self):
        from django.db import connection as own  # this thread's own connection

        try:
            while not self._stop.wait(self.interval):
                try:
                    Report.objects.filter(still_mine(self.report)).update(heartbeat_at=timezone.now())
                except Exception:  # noqa: BLE001 — a missed beat must not break the render
                    logger.warning("report %s: heartbeat not written", self.report.pk, exc_info=True)
        finally:
            own.close()

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return False


def reports_reap(now=None):
    """The beat's reaper: (requeued ids, failed ids) among the reports left "running" by a
    dead worker. Queued again while attempts remain, failed with the reason after that."""
    from reports.tasks import generate_report

    now = now or timezone.now()
    limit = stale_before(now)
    candidates = Report.objects.filter(status=Report.Status.RUNNING).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, started_at__lt=limit)
    ).values_list("pk", flat=True)
    requeued, failed = [], []
    for pk in list(candidates):
        with transaction.atomic():
            report = (Report.objects.select_for_update(of=("self",), skip_locked=True)
                      .filter(pk=pk, status=Report.Status.RUNNING).first())
            if report is None or not _is_stale(report, now):
                continue
            past_limit = _ran_past_time_limit(report)
            _note_interruption(report, now)
            if past_limit:
                _fail_now(report, time_limit_reason(), now)
                failed.append(pk)
            elif report.attempts >= settings.REPORT_MAX_ATTEMPTS:
                _fail_now(report, interruption_reason(report), now)
                failed.append(pk)
            else:
                report.status = Report.Status.QUEUED
                report.heartbeat_at = None
                report.save(update_fields=["status", "heartbeat_at", "parameters"])
                transaction.on_commit(lambda pk=pk: generate_report.delay(pk))
                requeued.append(pk)
    if requeued or failed:
        logger.warning("reports reaped: requeued %s, failed %s", requeued, failed)
    return requeued, failed
