"""Celery tasks of the PDF reports: thin interfaces to reports.pdf.services.

`generate_report` runs on its own queue ("pdf", settings.CELERY_TASK_ROUTES) so a long render
never delays reminders; the worker's --max-memory-per-child recycles a child that grew.
"""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError


@shared_task(
    bind=True,
    name="reports.generate_report",
    # A worker that dies mid-render (SIGKILL, OOM, restart) leaves the message unacknowledged
    # and it is delivered again; the run that gets it resumes the report (reports.pdf.jobs).
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT,
    # Only the database going away is worth another try; a render that fails fails again.
    autoretry_for=(OperationalError,),
    max_retries=3,
    retry_backoff=10,
)
def generate_report(self, report_id):
    from reports.pdf.jobs import Claim
    from reports.pdf.services import report_generate

    if report_generate(report_id) == Claim.BUSY:
        # Another worker renders it: look again once its heartbeat could have gone stale.
        raise self.retry(countdown=settings.REPORT_STALE_AFTER_SECONDS,
                         max_retries=settings.REPORT_MAX_ATTEMPTS + 2)


@shared_task(name="reports.reap_stalled_reports", ignore_result=True)
def reap_stalled_reports():
    """Every minute (beat): requeue or fail the reports a dead worker left "running"."""
    from reports.pdf.jobs import reports_reap

    reports_reap()


@shared_task(name="reports.schedule_monthly_reports", acks_late=True, ignore_result=True)
def schedule_monthly_reports():
    from reports.pdf.services import reports_schedule_monthly

    reports_schedule_monthly()


@shared_task(
    name="reports.email_report_link", acks_late=True, ignore_result=True,
    autoretry_for=(OSError,), max_retries=5, retry_backoff=60,
)
def email_report_link(report_id):
    from reports.pdf.services import report_email_link

    report_email_link(report_id)


@shared_task(name="reports.warm_dashboards", ignore_result=True)
def warm_dashboards():
    """Every minute (beat): recompute the default dashboard views whose data changed."""
    from reports.dashboard.warming import warm_dashboards as warm

    warm()


@shared_task(
    name="reports.build_dashboard_export", acks_late=True, ignore_result=True,
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT, time_limit=settings.REPORT_TIME_LIMIT,
    autoretry_for=(OperationalError,), max_retries=3, retry_backoff=10,
)
def build_dashboard_export(user_id, directive_id, query, language):
    """The dashboard's XLSX export asked for by `user_id` (GET parameters `query`), built into
    the cache, where the waiting page finds it (reports.views.dashboard_export). Permission is
    checked again here; a user gone or no longer allowed gets nothing built."""
    from django.contrib.auth import get_user_model

    from reports.views import export_in_background

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        export_in_background(user, directive_id, query, language)
