"""Reads of the reminder log: the Office's and the tracking body's log page, the dashboard's
"last reminder or urge" column."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

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


AUTHOR_FIELDS = ("username", "first_name", "last_name")  # an urging officer's name, as the User says it


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


def last_contact_by_assignment(assignment_ids, before=None):
    """{assignment_id: LastContact} for the assignments that were ever reached (by `before`,
    a moment, when given: the dashboard shows what had been sent by the end of its "as of"
    day); one query whatever the number of ids (a list or a queryset of ids): each
    assignment's latest log sent, by a window over its logs."""
    sent = ReminderLog.objects.filter(assignment_id__in=assignment_ids, status=DeliveryStatus.SENT)
    if before is not None:
        sent = sent.filter(sent_at__lt=before)
    newest = Window(RowNumber(), partition_by=F("assignment_id"), order_by=(F("sent_at").desc(), F("pk").desc()))
    rows = sent.order_by().annotate(newest=newest).filter(newest=1).values_list(
        "assignment_id", "sent_at", "rule", "channel", "urge__message",
        *(f"urge__author__{name}" for name in AUTHOR_FIELDS))
    labels = dict(Rule.choices)
    found = {}
    for assignment_id, at, rule, channel, message, *author in rows:
        urged = rule == Rule.URGE and author[0] is not None
        by = ""
        if urged:
            user = get_user_model()(**dict(zip(AUTHOR_FIELDS, author)))
            by = user.get_full_name() or user.get_username()
        found[assignment_id] = LastContact(
            assignment_id=assignment_id, at=at, rule=rule, rule_label=str(labels.get(rule, rule)),
            channel=channel, is_urge=urged, by=by, message=(message or "") if urged else "",
        )
    return found
