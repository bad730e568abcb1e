"""Reminder settings as portal pages: who may change them, saving them (audited), the digest
hour, and a preview of who would receive what on a given day."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

import audit
from accounts import roles
from directives.models import Directive
from reminders.models import ReminderPolicy, Rule
from reminders.recipients import RecipientDirectory
from reminders.rules import PolicyBook, iter_hits
from reminders.schedule import TIME_ZONE, _tell_beat
from tasks.models import Assignment

POLICY_ACTION = "reminder.policy"
DIGEST_TASK = "reminders.send_daily_digests"
POLICY_FIELDS = ("is_active", "days_before", "on_due_day", "overdue_every_days", "escalate_after_days",
                 "returned_after_days", "explanation_after_days")
PREVIEW_LIMIT = 300


def configurable_directives(user):
    """The Office configures every directive, a tracking body the ones it tracks."""
    change = Directive.objects.visible_to(user, "change").values("pk")
    track = Directive.objects.visible_to(user, "track").values("pk")
    return Directive.objects.filter(Q(pk__in=change) | Q(pk__in=track))


def policy_of(directive):
    policy, _ = ReminderPolicy.objects.get_or_create(directive=directive)
    return policy


@transaction.atomic
def policy_save(directive, user, values, *, request=None):
    """Write the directive's reminder settings (`values`: POLICY_FIELDS), audited."""
    if not configurable_directives(user).filter(pk=directive.pk).exists():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    policy = ReminderPolicy.objects.select_for_update().filter(directive=directive).first() \
        or ReminderPolicy(directive=directive)
    changes = {}
    for name in POLICY_FIELDS:
        before, after = getattr(policy, name), values[name]
        if before != after:
            changes[name] = [before, after]
            setattr(policy, name, after)
    policy.save()
    if changes:
        audit.record(POLICY_ACTION, actor=user, obj=directive, request=request, changes=changes)
    return policy


def digest_time():
    """(hour, minute) of the daily digest, or None when its periodic task is missing."""
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.filter(task=DIGEST_TASK).select_related("crontab").first()
    if task is None or task.crontab is None:
        return None
    try:
        return int(task.crontab.hour), int(task.crontab.minute)
    except ValueError:
        return None


@transaction.atomic
def digest_time_save(user, hour, minute, *, request=None):
    """The Office moves the daily digest (every directive's); the beat picks it up."""
    from django.apps import apps
    from django.core.exceptions import PermissionDenied
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    if not roles.is_office(user):
        raise PermissionDenied
    task = PeriodicTask.objects.select_for_update().filter(task=DIGEST_TASK).first()
    if task is None:
        from reminders.schedule import ensure_periodic_tasks

        ensure_periodic_tasks()
        task = PeriodicTask.objects.select_for_update().get(task=DIGEST_TASK)
    before = digest_time()
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute=str(minute), hour=str(hour), day_of_week="*", day_of_month="*", month_of_year="*",
        timezone=TIME_ZONE,
    )
    task.crontab = crontab
    task.save()
    _tell_beat(apps)
    audit.record(POLICY_ACTION, actor=user, request=request,
                 changes={"digest_time": [f"{before[0]:02d}:{before[1]:02d}" if before else None,
                                          f"{hour:02d}:{minute:02d}"]})


@dataclass
class PreviewRow:
    person: object
    items: list = field(default_factory=list)  # (rule label, assignment)


def preview(directive, policy, day=None):
    """Who would receive which reminders of `directive` on `day` (tomorrow by default) under
    `policy` (saved or not). Urges are manual and never predicted. Returns (day, rows, total)."""
    day = day or timezone.localdate() + datetime.timedelta(days=1)
    others = ReminderPolicy.objects.exclude(directive=directive)
    book = PolicyBook([*others, policy])
    directory = RecipientDirectory.load()
    wanted = defaultdict(list)
    assignment_ids = set()
    for hits in iter_hits(day, book):
        for hit in hits:
            if hit.directive_id != directive.pk:
                continue
            assignment_ids.add(hit.assignment_id)
            for user_id in directory.recipients(hit.audience, hit.unit_id, hit.directive_id):
                wanted[user_id].append((hit.rule, hit.assignment_id))
    assignments = {a.pk: a for a in Assignment.objects.filter(pk__in=assignment_ids).select_related("task", "unit")}
    people = get_user_model().objects.in_bulk(list(wanted))
    rows, total = [], 0
    for user_id in sorted(wanted, key=lambda pk: people[pk].get_full_name() or people[pk].get_username()):
        items = [(Rule(rule).label, assignments[pk]) for rule, pk in wanted[user_id]]
        total += len(items)
        if len(rows) < PREVIEW_LIMIT:
            rows.append(PreviewRow(people[user_id], items))
    return day, rows, total
