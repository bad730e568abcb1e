"""Urging several units at once: one text, one urge per assignment, each audited and
notified by urge_assignment; a unit already urged today about the same task is skipped."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from reminders.models import UrgeTemplate
from tasks.models import Assignment

from .urge_texts import check_text, fill
from .urging import UrgeRefused, urge_assignment

TEMPLATE_ACTION = "reminder.urge_template"
MAX_AT_ONCE = 200


@dataclass
class UrgeOutcome:
    assignment: object
    message: str
    urge: object = None
    refused: str = ""


def urgeable(user, assignment_ids):
    """The chosen assignments the user may urge (their tracking body), with their status;
    ids out of reach are dropped silently (as a 404 would)."""
    ids = [int(i) for i in assignment_ids if str(i).isdigit()][:MAX_AT_ONCE]
    return list(
        Assignment.objects.with_status().filter(pk__in=ids)
        .filter(pk__in=Assignment.objects.visible_to(user, "review").values("pk"))
        .select_related("task__directive", "unit")
        .order_by("unit__name", "task__key", "pk")
    )


def preview(assignments, text, today=None):
    today = today or timezone.localdate()
    return [UrgeOutcome(a, fill(text, a, today)) for a in assignments]


def urge_many(author, assignment_ids, text, *, request=None):
    """One urge per assignment, each in its own transaction (one refusal does not undo the
    others). Returns the UrgeOutcome list; `refused` says why an assignment was not urged."""
    problem = check_text(text)
    if problem:
        raise UrgeRefused(problem)
    outcomes = []
    today = timezone.localdate()
    for assignment in urgeable(author, assignment_ids):
        outcome = UrgeOutcome(assignment, fill(text, assignment, today))
        try:
            outcome.urge = urge_assignment(assignment, author, outcome.message, request=request)
        except UrgeRefused as refusal:
            outcome.refused = str(refusal)
        except PermissionDenied:
            outcome.refused = _("Không còn quyền đôn đốc nhiệm vụ này.")
        outcomes.append(outcome)
    return outcomes


@transaction.atomic
def urge_template_save(directive, author, text, *, request=None):
    """Save the directive's urge text (its tracking body only), audited."""
    from directives.models import Directive

    if not Directive.objects.visible_to(author, "track").filter(pk=directive.pk).exists():
        raise PermissionDenied
    problem = check_text(text)
    if problem:
        raise UrgeRefused(problem)
    row = UrgeTemplate.objects.select_for_update().filter(directive=directive).first()
    before = row.text if row else ""
    if row is None:
        row = UrgeTemplate(directive=directive)
    row.text, row.updated_by = text.strip(), author
    row.save()
    audit.record(TEMPLATE_ACTION, actor=author, obj=directive, request=request,
                 changes={"text": [before, row.text]})
    return row
