"""Celery tasks: thin interfaces to reminders.services. They take ids, are idempotent and
are queued after commit (reminders.services.dispatching.enqueue_dispatches)."""

from celery import shared_task

from reminders import services
from reminders.channels import RETRYABLE_ERRORS


@shared_task(name="reminders.sweep", acks_late=True, ignore_result=True)
def sweep():
    services.sweep()


@shared_task(name="reminders.send_daily_digests", acks_late=True, ignore_result=True)
def send_daily_digests():
    services.send_daily_digests()


@shared_task(
    name="reminders.send_dispatch",
    acks_late=True,
    # Idempotent, so a message whose worker died is given to another worker.
    reject_on_worker_lost=True,
    ignore_result=True,
    autoretry_for=RETRYABLE_ERRORS,
    max_retries=5,
    retry_backoff=30,
    retry_backoff_max=900,
    retry_jitter=True,
    # A backstop behind the mail channel's socket timeout: no send holds a worker and the
    # dispatch's row lock for long. Stopped, it rolls back or is recorded failed, and the
    # sweep queues it again (REMINDER_REQUEUE_AFTER_MINUTES).
    soft_time_limit=120,
    time_limit=180,
)
def send_dispatch(dispatch_id):
    services.deliver_dispatch(dispatch_id)
