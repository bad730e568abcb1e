"""A manual đôn đốc: the tracking body urges a unit about one assignment, sent at once."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from reminders.channels import get_channels
from reminders.models import DeliveryStatus, Dispatch, ReminderLog, Rule, Urge
from reminders.recipients import RecipientDirectory
from reminders.rules import OPEN_BUCKETS
from reminders.services.dispatching import enqueue_dispatches
from tasks.models import Assignment

URGE_ACTION = "reminder.urge"


class UrgeRefused(Exception):
    """The urge cannot be sent; the message says why, in Vietnamese."""


class AlreadyUrgedToday(UrgeRefused):
    """The unit was already urged about this assignment today."""


def already_urged_message(assignment):
    return _("%(unit)s đã được đôn đốc về nhiệm vụ %(task)s hôm nay; mỗi ngày chỉ đôn đốc một lần.") % {
        "unit": assignment.unit.name, "task": assignment.task.key}


def urge_recipients(assignment):
    ids = RecipientDirectory.load().unit_members(assignment.unit_id)
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


@transaction.atomic
def urge_assignment(assignment, author, message, *, client_token=None, request=None):
    """Record the urge, a log row per recipient and channel, and queue one dispatch each.

    Permission is checked here, inside the transaction: only the tracking body of the
    assignment's directive (`visible_to(author, "review")`) may urge.
    """
    if not Assignment.objects.visible_to(author, "review").filter(pk=assignment.pk).exists():
        raise PermissionDenied
    if client_token is not None:
        earlier = Urge.objects.filter(client_token=client_token).first()
        if earlier is not None:
            return earlier  # the same form posted twice
    is_open = (
        Assignment.objects.with_status().filter(pk=assignment.pk, is_cancelled=False, bucket__in=OPEN_BUCKETS)
        .exists()
    )
    if not is_open:
        raise UrgeRefused(_("Nhiệm vụ đã hoàn thành hoặc đã hủy, không cần đôn đốc."))
    people = urge_recipients(assignment)
    if not people:
        raise UrgeRefused(_("Đơn vị chưa có cán bộ nào đang hoạt động để nhận đôn đốc."))

    today = timezone.localdate()
    if Urge.objects.filter(assignment=assignment, urged_on=today).exists():
        raise AlreadyUrgedToday(already_urged_message(assignment))
    try:
        with transaction.atomic():
            urge = Urge.objects.create(assignment=assignment, author=author, urged_on=today,
                                       message=message.strip(), client_token=client_token)
    except IntegrityError:
        # The same form posted twice at once (the other post won), or another urge of the
        # same assignment today (urge_once_per_assignment_per_day): one urge stands.
        if client_token is not None:
            earlier = Urge.objects.filter(client_token=client_token).first()
            if earlier is not None:
                return earlier
        raise AlreadyUrgedToday(already_urged_message(assignment)) from None
    key = f"urge:{urge.pk}"
    dispatch_ids = []
    for channel in get_channels():
        for person in people:
            dispatch = Dispatch.objects.create(recipient=person, channel=channel.name, key=key,
                                               kind=Dispatch.Kind.URGE)
            dispatch_ids.append(dispatch.pk)
            ReminderLog.objects.create(
                assignment=assignment, rule=Rule.URGE, occurrence=f"urge-{urge.pk}",
                occurrence_date=today, recipient=person, channel=channel.name, urge=urge,
                dispatch=dispatch, status=DeliveryStatus.PENDING,
            )
    audit.record(URGE_ACTION, actor=author, obj=assignment, unit=assignment.unit, request=request,
                 changes={"message": urge.message,
                          "recipients": [p.get_username() for p in people],
                          "channels": [c.name for c in get_channels()]})
    enqueue_dispatches(dispatch_ids)
    return urge
