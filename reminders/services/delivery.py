"""Sending one dispatch, idempotently: a sent dispatch is never sent again, a pending or
failed one is (re)sent, and two workers given the same dispatch send it once."""

import logging
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reminders.bundle import Bundle, build_items
from reminders.channels import get_channel
from reminders.models import DeliveryStatus, Dispatch, ReminderLog, Rule
from reminders.rules import OPEN_BUCKETS, explanation_model
from tasks.models import Assignment
from tasks.status import Status

log = logging.getLogger(__name__)
OPEN = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)
DEADLINE_RULES = {Rule.BEFORE_DUE, Rule.DUE_TODAY, Rule.OVERDUE, Rule.ESCALATION}


def _mark(logs, status, error="", sent_at=None):
    if logs:
        ReminderLog.objects.filter(pk__in=[row.pk for row in logs]).update(
            status=status, error=error[:2000], sent_at=sent_at
        )


def _answered_explanations(logs):
    model = explanation_model()
    ids = [int(m.group(1)) for row in logs if row.rule == Rule.EXPLANATION
           for m in [re.fullmatch(r"explanation-(\d+)", row.occurrence)] if m]
    if model is None or not ids:
        return set()
    still_open = set(model._default_manager.filter(pk__in=ids, answered_at__isnull=True)
                     .values_list("pk", flat=True))
    return {f"explanation-{pk}" for pk in ids if pk not in still_open}


def still_owed(logs, recipient, as_of):
    """Split rows into those still worth sending and those not: the work was completed or
    cancelled since, was submitted for review, or is out of the recipient's reach now."""
    ids = {row.assignment_id for row in logs}
    status_of = dict(
        Assignment.objects.visible_to(recipient, "view")
        .with_status(as_of)
        .filter(pk__in=ids, is_cancelled=False, bucket__in=OPEN_BUCKETS)
        .values_list("pk", "status")
    )
    answered = _answered_explanations(logs)
    live, stale = [], []
    for row in logs:
        status = status_of.get(row.assignment_id)
        owed = status is not None and not (
            (row.rule in DEADLINE_RULES and status == Status.AWAITING_REVIEW)
            or (row.rule == Rule.RETURNED and status != Status.RETURNED)
            or (row.rule == Rule.EXPLANATION and row.occurrence in answered)
        )
        (live if owed else stale).append(row)
    return live, stale


def _latest_per_rule(logs):
    """A digest that missed a day says each thing once: the latest occurrence per rule."""
    keep, dropped = {}, []
    for row in sorted(logs, key=lambda r: (r.occurrence_date, r.pk)):
        previous = keep.get((row.assignment_id, row.rule))
        if previous is not None and row.rule != Rule.URGE:
            dropped.append(previous)
        keep[(row.assignment_id, row.rule)] = row
    return list(keep.values()), dropped


def deliver_dispatch(dispatch_id):
    """Send one dispatch. Returns its final status; re-raises a channel error after
    recording it, so the Celery task retries with backoff."""
    failure = None
    with transaction.atomic():
        dispatch = (
            Dispatch.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient").filter(pk=dispatch_id).first()
        )
        if dispatch is None:
            return None  # gone, or another worker is sending it right now
        if dispatch.status not in OPEN:
            return dispatch.status
        now, as_of = timezone.now(), timezone.localdate()
        recipient, channel = dispatch.recipient, get_channel(dispatch.channel)
        logs = list(
            dispatch.logs.filter(status__in=OPEN)
            .select_related("assignment__task__directive", "assignment__unit", "urge__author")
        )
        reason = None
        if channel is None:
            reason = _("Kênh gửi không còn được cấu hình")
        elif not recipient.is_active:
            reason = _("Tài khoản người nhận đã bị khóa")
        elif not channel.can_reach(recipient):
            reason = _("Người nhận chưa có địa chỉ trên kênh này")
        else:
            live, stale = still_owed(logs, recipient, as_of)
            _mark(stale, DeliveryStatus.SKIPPED, _(
                "Việc đã hoàn thành, bị hủy, đang chờ thẩm định hoặc không còn thuộc phạm vi người nhận"))
            live, superseded = _latest_per_rule(live)
            _mark(superseded, DeliveryStatus.SKIPPED, _("Đã có lần nhắc mới hơn cùng loại"))
            logs = []
            if not live:
                reason = _("Không còn việc cần nhắc")
        if reason is not None:
            # Never an empty message: with nothing left to say, nothing is sent.
            _mark(logs, DeliveryStatus.SKIPPED, reason)
            dispatch.status, dispatch.error = DeliveryStatus.SKIPPED, reason
            dispatch.save(update_fields=["status", "error"])
            return dispatch.status

        urge = next((row.urge for row in live if row.urge_id), None)
        bundle = Bundle(dispatch_id=dispatch.pk, kind=dispatch.kind, recipient=recipient,
                        as_of=as_of, items=build_items(live, as_of), urge=urge)
        dispatch.attempts += 1
        dispatch.attempted_at = now
        try:
            with transaction.atomic():  # a channel's failed writes roll back alone
                channel.send(bundle)
        except Exception as exc:  # recorded, then re-raised below for the retry
            failure = exc
            error = f"{type(exc).__name__}: {exc}"
            dispatch.status, dispatch.error = DeliveryStatus.FAILED, error
            _mark(live, DeliveryStatus.FAILED, error)
            log.warning("reminder dispatch %s failed: %s", dispatch.pk, error)
        else:
            dispatch.status, dispatch.error, dispatch.sent_at = DeliveryStatus.SENT, "", now
            _mark(live, DeliveryStatus.SENT, sent_at=now)
        dispatch.save(update_fields=["status", "error", "attempts", "attempted_at", "sent_at"])
    if failure is not None:
        raise failure
    return dispatch.status
