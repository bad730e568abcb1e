"""A worker killed with SIGKILL in the middle of a render loses nothing: a real Celery worker
on Redis renders the report, is killed while WeasyPrint would be at work, the beat's reaper
finds the report's heartbeat stale and queues it again, another worker finishes it.

Needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL, default
redis://127.0.0.1:6379/15): skipped locally without them, FAILS in CI (REQUIRE_SERVICES=1).
"""

import pytest

from reports.models import Report
from reports.pdf import jobs
from reports.tasks import generate_report
from tests.reminders.worker_support import services_or_fail, wait_for
from tests.reports.pdf_support import request_report
from tests.reports.worker_support import report_workers  # noqa: F401

pytestmark = [pytest.mark.services, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def fresh(report):
    report.refresh_from_db()
    return report


def test_a_worker_killed_mid_render_is_replaced_and_the_report_finishes(cast, directive, report_workers, settings, tmp_path):  # noqa: F811
    broker = services_or_fail()
    settings.REPORT_HEARTBEAT_SECONDS = 0.5
    settings.REPORT_STALE_AFTER_SECONDS = 4
    marker = tmp_path / "rendering"
    stalling = report_workers.start(broker, stall_marker=marker)

    report = request_report(cast.reviewer, directive, final=True, signer_name="Nguyễn Văn Thành")
    assert wait_for(marker.exists, 60), stalling.output()
    assert (fresh(report).status, report.attempts) == (Report.Status.RUNNING, 1)
    first_beat = report.heartbeat_at
    assert wait_for(lambda: fresh(report).heartbeat_at > first_beat, 10), "no heartbeat while rendering"

    stalling.kill()  # SIGKILL, mid-render: no handler runs, the message stays unacknowledged
    assert fresh(report).status == Report.Status.RUNNING
    replacement = report_workers.start(broker)

    # The beat's reaper (every minute) finds the heartbeat stale and queues the report again.
    assert wait_for(lambda: jobs.reports_reap()[0] == [report.pk], 30, interval=0.5)
    assert wait_for(lambda: fresh(report).status == Report.Status.READY, 120), replacement.output()
    assert report.attempts == 2 and report.error == ""
    assert report.page_count >= 2 and report.file.read().startswith(b"%PDF-")
    assert report.docx_file.read().startswith(b"PK")
    [interruption] = report.parameters["interrupted"]
    assert interruption["attempt"] == 1

    # The killed worker's message delivered again (as Redis does after its visibility
    # timeout) finds the report ready and changes nothing.
    finished = report.finished_at
    generate_report.delay(report.pk)
    assert wait_for(lambda: replacement.count("reports.generate_report") == 2, 60), replacement.output()
    assert fresh(report).finished_at == finished and report.attempts == 2
