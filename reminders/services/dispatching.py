"""Grouping reminder log rows into dispatches (one message per person and channel) and
queueing them after the transaction commits."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from reminders.channels import get_channels
from reminders.models import IMMEDIATE_RULES, DeliveryStatus, Dispatch, ReminderLog

log = logging.getLogger(__name__)
OPEN = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


def enqueue_dispatches(dispatch_ids):
    """Send the dispatches from a worker once the current transaction has committed."""
    ids = list(dispatch_ids)
    if not ids:
        return

    def publish():
        from reminders.tasks import send_dispatch

        for pk in ids:
            try:
                send_dispatch.delay(pk)
            except OperationalError:
                # The broker is down: the sweep re-queues pending dispatches later.
                log.exception("could not queue reminder dispatch %s", pk)
                return

    transaction.on_commit(publish)


def attach_to_dispatches(rows, key, kind, channel):
    """Create one dispatch per recipient of `rows` (a queryset of one channel's undispatched
    log rows) and point the rows at it. Two statements plus one per 1000 recipients.

    Rows only ever move from no dispatch to one: the UPDATE re-checks `dispatch IS NULL`
    row by row, so two runs at once cannot both take a row.
    """
    recipients = list(rows.order_by().values_list("recipient_id", flat=True).distinct())
    if not recipients:
        return []
    Dispatch.objects.bulk_create(
        [Dispatch(recipient_id=r, channel=channel, key=key, kind=kind) for r in recipients],
        ignore_conflicts=True, batch_size=1000,
    )
    target = Dispatch.objects.filter(
        recipient_id=OuterRef("recipient_id"), channel=channel, key=key, status__in=OPEN
    ).values("pk")[:1]
    rows.filter(dispatch__isnull=True).update(dispatch_id=Subquery(target))
    return list(
        Dispatch.objects.filter(channel=channel, key=key, status__in=OPEN).values_list("pk", flat=True)
    )


def expire_stale(as_of):
    """Routine reminders that missed their digest for days are dropped, not sent late."""
    oldest = as_of - datetime.timedelta(days=settings.REMINDER_DIGEST_MAX_AGE_DAYS)
    return ReminderLog.objects.filter(
        status=DeliveryStatus.PENDING, dispatch__isnull=True, occurrence_date__lt=oldest
    ).update(status=DeliveryStatus.SKIPPED, error=_("Quá thời gian gửi trong thư tổng hợp"))


def dispatch_digests(as_of):
    """One digest per person and digest channel for `as_of`, carrying every routine reminder
    still waiting. A person whose digest for the day is already sent gets the rest tomorrow."""
    expire_stale(as_of)
    key = f"digest:{as_of:%Y-%m-%d}"
    ids = []
    for channel in get_channels():
        if not channel.daily_digest:
            continue
        rows = ReminderLog.objects.filter(
            channel=channel.name, status=DeliveryStatus.PENDING, dispatch__isnull=True,
            occurrence_date__lte=as_of,
        ).exclude(rule__in=IMMEDIATE_RULES)
        ids += attach_to_dispatches(rows, key, Dispatch.Kind.DIGEST, channel.name)
    return ids


def stuck_dispatch_ids(now=None, limit=500):
    """Dispatches whose send was lost (broker down, worker killed before redelivery) or that
    failed and may be tried again. Queuing one twice is harmless: sending is idempotent."""
    now = now or timezone.now()
    waited = now - datetime.timedelta(minutes=settings.REMINDER_REQUEUE_AFTER_MINUTES)
    return list(
        Dispatch.objects.filter(
            Q(status=DeliveryStatus.PENDING, created_at__lt=waited)
            | Q(status=DeliveryStatus.FAILED, attempted_at__lt=waited,
                attempts__lt=settings.REMINDER_MAX_ATTEMPTS)
        ).order_by("pk").values_list("pk", flat=True)[:limit]
    )
