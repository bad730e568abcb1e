"""Reads of the reminder log: the Office's and the tracking body's log page, the dashboard's
"last reminder or urge" column."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts import roles
from reminders.models import DeliveryStatus, ReminderLog, Rule, Urge
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


def _last_sent_sql(ids, before):
    """(sql, params) of each assignment's latest sent log among `ids` (sent before `before`,
    when given), with its urge's message and author: a window over the logs, written out
    (the ORM's filter on a window built some 2 ms of SQL for one page of the dashboard)."""
    log, urge, user = ReminderLog._meta.db_table, Urge._meta.db_table, get_user_model()._meta.db_table
    authors = ", ".join(f"author.{name} AS author_{name}" for name in AUTHOR_FIELDS)
    params = [DeliveryStatus.SENT, *ids]
    moment = ""
    if before is not None:
        moment, params = " AND sent_at < %s", [*params, before]
    return (f"SELECT log.id, log.assignment_id, log.sent_at, log.rule, log.channel, urge.message AS urge_message, "
            f"{authors} FROM (SELECT id, assignment_id, sent_at, rule, channel, urge_id, ROW_NUMBER() OVER "
            f"(PARTITION BY assignment_id ORDER BY sent_at DESC, id DESC) AS newest FROM {log} "
            f"WHERE status = %s AND assignment_id IN ({', '.join(['%s'] * len(ids))}){moment}) log "
            f"LEFT JOIN {urge} urge ON urge.id = log.urge_id LEFT JOIN {user} author ON author.id = urge.author_id "
            f"WHERE log.newest = 1"), params


def last_contact_by_assignment(assignment_ids, before=None):
    """{assignment_id: LastContact} for the assignments `assignment_ids` (a list of ids) that
    were ever reached (by `before`, a moment, when given: the dashboard shows what had been
    sent by the end of its "as of" day); one query whatever the number of ids: each
    assignment's latest log sent, by a window over its logs."""
    ids = [int(pk) for pk in assignment_ids]
    if not ids:
        return {}
    labels = dict(Rule.choices)
    found = {}
    # A raw queryset of logs: sent_at comes back as the ORM gives it (aware, on every database).
    for log in ReminderLog.objects.raw(*_last_sent_sql(ids, before)):
        urged = log.rule == Rule.URGE and log.author_username is not None
        by = ""
        if urged:
            user = get_user_model()(**{name: getattr(log, f"author_{name}") for name in AUTHOR_FIELDS})
            by = user.get_full_name() or user.get_username()
        found[log.assignment_id] = LastContact(
            assignment_id=log.assignment_id, at=log.sent_at, rule=log.rule,
            rule_label=str(labels.get(log.rule, log.rule)), channel=log.channel, is_urge=urged, by=by,
            message=(log.urge_message or "") if urged else "",
        )
    return found
