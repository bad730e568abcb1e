"""Reads of the reminder log: the Office's and the tracking body's log page, the dashboard's
"last reminder or urge" column."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery

from accounts import roles
from reminders.models import DeliveryStatus, ReminderLog, Rule
from tasks.models import Assignment


def can_view_log(user):
    """The Office and the tracking body (the City Military Party Committee) read the log."""
    return roles.is_office(user) or roles.is_reviewer(user)


def logs_for(user):
    """The log rows `user` may read: all for the Office, the tracked directives' for reviewers."""
    rows = ReminderLog.objects.select_related(
        "assignment__task__directive", "assignment__unit", "recipient", "urge__author", "dispatch"
    )
    if roles.is_office(user):
        return rows
    if roles.is_reviewer(user):
        return rows.filter(assignment_id__in=Assignment.objects.visible_to(user, "review").values("pk"))
    return rows.none()


def filter_logs(rows, *, rule=None, status=None, channel=None, unit=None, q="", date_from=None,
                date_to=None, assignment=None):
    if rule:
        rows = rows.filter(rule=rule)
    if status:
        rows = rows.filter(status=status)
    if channel:
        rows = rows.filter(channel=channel)
    if unit is not None:
        rows = rows.filter(assignment__unit=unit)
    if assignment is not None:
        rows = rows.filter(assignment=assignment)
    if date_from:
        rows = rows.filter(occurrence_date__gte=date_from)
    if date_to:
        rows = rows.filter(occurrence_date__lte=date_to)
    if q:
        rows = rows.filter(
            Q(recipient__username__icontains=q) | Q(recipient__last_name__icontains=q)
            | Q(recipient__first_name__icontains=q) | Q(assignment__task__title__icontains=q)
            | Q(assignment__task__key__iexact=q)
        )
    return rows


@dataclass(frozen=True)
class LastContact:
    """The last reminder or urge that reached a unit about an assignment."""

    assignment_id: int
    at: datetime.datetime
    rule: str
    rule_label: str
    channel: str
    is_urge: bool
    by: str          # the reviewer who urged; empty for automatic reminders
    message: str     # the urge's message; empty for automatic reminders


def last_contact_by_assignment(assignment_ids):
    """{assignment_id: LastContact} for the assignments that were ever reached; two queries
    whatever the number of ids (a list or a queryset of ids)."""
    latest = (
        ReminderLog.objects.filter(assignment_id=OuterRef("pk"), status=DeliveryStatus.SENT)
        .order_by("-sent_at", "-pk").values("pk")[:1]
    )
    log_ids = [
        pk for pk in Assignment.objects.filter(pk__in=assignment_ids)
        .annotate(last_log=Subquery(latest)).values_list("last_log", flat=True)
        if pk is not None
    ]
    found = {}
    for row in ReminderLog.objects.filter(pk__in=log_ids).select_related("urge__author"):
        urge = row.urge if row.rule == Rule.URGE else None
        found[row.assignment_id] = LastContact(
            assignment_id=row.assignment_id,
            at=row.sent_at,
            rule=row.rule,
            rule_label=str(row.get_rule_display()),
            channel=row.channel,
            is_urge=urge is not None,
            by=(urge.author.get_full_name() or urge.author.get_username()) if urge else "",
            message=urge.message if urge else "",
        )
    return found
