"""The sweep: every 15 minutes, write a log row for each reminder owed today and send at once
what must go at once. The daily digest builds on the same rows."""

import logging
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from reminders.channels import get_channels
from reminders.models import IMMEDIATE_RULES, Dispatch, ReminderLog
from reminders.recipients import RecipientDirectory
from reminders.rules import PolicyBook, iter_hits
from reminders.services.dispatching import dispatch_digests, enqueue_dispatches, stuck_dispatch_ids

log = logging.getLogger(__name__)


@dataclass
class SweepResult:
    as_of: object
    hits: int = 0
    rows_new: int = 0
    dispatches: int = 0
    requeued: int = 0
    seconds: float = 0.0


def write_logs(as_of, dispatch_key, result):
    """Insert a pending row per (hit, recipient, channel) not logged yet, a batch at a time.

    Rows that go out at once (escalations, and everything on a channel without a daily
    digest) are written already attached to this sweep's dispatch for their recipient.
    Per batch: one SELECT of the rows already there, one INSERT … ON CONFLICT DO NOTHING per
    1000 new rows (the unique constraint settles a race with a concurrent sweep), and one
    INSERT of the dispatches for recipients not seen earlier in the sweep.
    """
    book = PolicyBook.load()
    directory = RecipientDirectory.load()
    channels = get_channels()
    at_once = {c.name for c in channels if not c.daily_digest}
    dispatch_of = {}
    for hits in iter_hits(as_of, book):
        result.hits += len(hits)
        wanted = [
            (hit, user_id, channel.name)
            for hit in hits
            for user_id in directory.recipients(hit.audience, hit.unit_id, hit.directive_id)
            for channel in channels
        ]
        if not wanted:
            continue
        logged = set(
            ReminderLog.objects.filter(
                assignment_id__in={h.assignment_id for h in hits}, occurrence__in={h.occurrence for h in hits}
            ).values_list("assignment_id", "rule", "occurrence", "recipient_id", "channel")
        )
        new = [(hit, user_id, channel) for hit, user_id, channel in wanted
               if (hit.assignment_id, hit.rule, hit.occurrence, user_id, channel) not in logged]
        immediate = {(user_id, channel) for hit, user_id, channel in new
                     if channel in at_once or hit.rule in IMMEDIATE_RULES}
        missing = immediate - dispatch_of.keys()
        if missing:
            made = Dispatch.objects.bulk_create([
                Dispatch(recipient_id=user_id, channel=channel, key=dispatch_key, kind=Dispatch.Kind.IMMEDIATE)
                for user_id, channel in sorted(missing)
            ])
            dispatch_of.update({(d.recipient_id, d.channel): d.pk for d in made})
        rows = [
            ReminderLog(
                assignment_id=hit.assignment_id, rule=hit.rule, occurrence=hit.occurrence,
                occurrence_date=as_of, recipient_id=user_id, channel=channel,
                dispatch_id=dispatch_of.get((user_id, channel))
                if channel in at_once or hit.rule in IMMEDIATE_RULES else None,
            )
            for hit, user_id, channel in new
        ]
        result.rows_new += len(rows)
        if rows:
            ReminderLog.objects.bulk_create(rows, ignore_conflicts=True, batch_size=settings.REMINDER_BATCH_SIZE)


def sweep(as_of=None):
    """Idempotent: run it twice, or twice at once, and each reminder is logged and sent once."""
    started = time.monotonic()
    as_of = as_of or timezone.localdate()
    key = f"sweep:{uuid.uuid4()}"
    result = SweepResult(as_of=as_of)
    write_logs(as_of, key, result)
    # A concurrent sweep that inserted the same rows first carries them in its own dispatch.
    Dispatch.objects.filter(key=key, logs__isnull=True).delete()
    ids = list(Dispatch.objects.filter(key=key).values_list("pk", flat=True))
    stuck = [pk for pk in stuck_dispatch_ids() if pk not in set(ids)]
    result.dispatches, result.requeued = len(ids), len(stuck)
    enqueue_dispatches(ids + stuck)
    result.seconds = time.monotonic() - started
    log.info("reminder sweep %s: %s", as_of, result)
    return result


def send_daily_digests(as_of=None):
    """The daily digest. Sweeps first, so the digest is complete whatever hour the Office
    sets for it, then queues one message per person and digest channel."""
    as_of = as_of or timezone.localdate()
    result = sweep(as_of)
    ids = dispatch_digests(as_of)
    enqueue_dispatches(ids)
    log.info("reminder digests %s: %s queued", as_of, len(ids))
    return result, ids
