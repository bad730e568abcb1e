"""Reads of the audit trail. Only the Office and the tracking body read it (roles.can_view_audit)."""

import datetime

from django.apps import apps
from django.utils import timezone

from accounts import roles
from audit.models import AuditEntry


def entries_for(user):
    """The entries `user` may read: all of them for the Office and the tracking body, none otherwise."""
    if not roles.can_view_audit(user):
        return AuditEntry.objects.none()
    return AuditEntry.objects.select_related("actor", "unit")


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filter_entries(qs, *, person=None, username="", unit=None, object_type="", object_id="", action="",
                   date_from=None, date_to=None):
    """Apply the filters of the audit page; every argument is optional."""
    if person is not None:
        qs = qs.filter(actor=person)
    if username:
        qs = qs.filter(actor_name__iexact=username)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if action:
        qs = qs.filter(action__startswith=action) if action.endswith(".") else qs.filter(action=action)
    if date_from:
        qs = qs.filter(at__gte=_day_start(date_from))
    if date_to:
        qs = qs.filter(at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    return qs


def object_type_label(label_lower):
    if not label_lower:
        return ""
    try:
        return str(apps.get_model(label_lower)._meta.verbose_name)
    except (LookupError, ValueError):
        return label_lower


PORTAL_APPS = ("directives", "tasks", "accounts", "reports", "notifications", "reminders")


def object_type_choices():
    """Types of object that can appear in the trail: accounts and the portal's own models."""
    labels = ["auth.user"] + [
        model._meta.label_lower
        for app in PORTAL_APPS if apps.is_installed(app)
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.endswith("ObjectPermission")
    ]
    return sorted(((label, object_type_label(label)) for label in labels), key=lambda c: c[1])
