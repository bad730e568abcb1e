"""A unit confirms it has received the directive and disseminated it (đã tiếp nhận, đã phổ biến)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from tasks import actions
from tasks.models import Assignment
from tasks.services.errors import OutOfScope, WorkflowError


def assignments_acknowledge(*, user, assignment_ids, received_on=None, disseminated_on=None, request=None):
    """Record the receipt and/or dissemination dates on the given assignments of the user's
    units (one assignment, or all of a unit's assignments under a directive). Returns the
    number of assignments changed."""
    today = timezone.localdate()
    if received_on is None and disseminated_on is None:
        raise WorkflowError(_("Hãy nhập ngày tiếp nhận hoặc ngày phổ biến."))
    for day in (received_on, disseminated_on):
        if day and day > today:
            raise WorkflowError(_("Ngày xác nhận không thể sau hôm nay."))
    ids = list(assignment_ids)
    changed = 0
    with transaction.atomic():
        rows = list(
            Assignment.objects.visible_to(user, "submit").filter(pk__in=ids)
            .select_related("unit").select_for_update(of=("self",)).order_by("pk")
        )
        if len(rows) != len(set(ids)):
            raise OutOfScope("some assignments are out of reach for 'submit'")
        for assignment in rows:
            new_received = received_on or assignment.received_on
            new_disseminated = disseminated_on or assignment.disseminated_on
            if new_disseminated and not new_received:
                raise WorkflowError(_("Phải xác nhận đã tiếp nhận trước khi xác nhận đã phổ biến."),
                                    field="received_on")
            if new_disseminated and new_received and new_disseminated < new_received:
                raise WorkflowError(_("Ngày phổ biến không thể trước ngày tiếp nhận."), field="disseminated_on")
            before = {"received_on": assignment.received_on, "disseminated_on": assignment.disseminated_on}
            after = {"received_on": new_received, "disseminated_on": new_disseminated}
            if before == after:
                continue
            assignment.received_on, assignment.disseminated_on = new_received, new_disseminated
            assignment.save(update_fields=["received_on", "disseminated_on", "updated_at"])
            audit.record(
                actions.ASSIGNMENT_ACKNOWLEDGED, actor=user, obj=assignment, unit=assignment.unit,
                request=request,
                changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
            )
            changed += 1
    return changed
