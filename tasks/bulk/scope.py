"""Which assignments a person's spreadsheet holds, and what they may change in each."""

from django.db.models import Q

from django.utils.translation import gettext as _

from directives.models import Directive
from tasks.models import Assignment, Unit


def sheet_assignments(user):
    """Open work of published directives the person submits for or reviews."""
    submit = Assignment.objects.visible_to(user, "submit").values("pk")
    review = Assignment.objects.visible_to(user, "review").values("pk")
    return Assignment.objects.filter(Q(pk__in=submit) | Q(pk__in=review)).active().filter(
        task__directive__status=Directive.Status.PUBLISHED)


def editable_ids(user):
    """(ids whose progress and note the person updates, ids whose deadline they set)."""
    submit = set(Assignment.objects.visible_to(user, "submit").values_list("pk", flat=True))
    review = set(Assignment.objects.visible_to(user, "review").values_list("pk", flat=True))
    return submit, review


def reassignment_refusal(assignment, unit_key):
    """Why `assignment` cannot move to the unit `unit_key` (a message), or "" when it can."""
    unit = Unit.objects.filter(key=unit_key, is_active=True).first()
    if unit is None:
        return _("Không có đơn vị mã “%(key)s” đang hoạt động.") % {"key": unit_key[:60]}
    if assignment.submissions.exists() or assignment.extension_requests.exists() or assignment.received_on:
        return _("Đơn vị đã tiếp nhận hoặc báo cáo nhiệm vụ này; không giao lại cho đơn vị khác được.")
    if Assignment.objects.filter(task_id=assignment.task_id, unit=unit).exclude(pk=assignment.pk).exists():
        return _("%(unit)s đã được giao nhiệm vụ này.") % {"unit": unit.name}
    return ""
