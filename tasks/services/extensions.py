"""Deadline extensions: the unit asks, the tracking body decides."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import audit
from tasks import actions, notifying
from tasks.models import Assignment, ExtensionRequest
from tasks.services.errors import AlreadyDecided, WorkflowError
from tasks.services.scope import load_for

Status = ExtensionRequest.Status


def check_can_request_extension(assignment):
    if assignment.is_cancelled:
        raise WorkflowError(_("Nhiệm vụ này đã được hủy giao."))
    if assignment.completed_on:
        raise WorkflowError(_("Nhiệm vụ đã hoàn thành; không cần gia hạn."))
    if assignment.extension_requests.filter(status=Status.PENDING).exists():
        raise WorkflowError(_("Đã có một đề nghị gia hạn đang chờ quyết định; hãy chờ kết quả trước khi đề nghị lần mới."))


def extension_request_create(*, user, assignment_id, requested_due_date, reason, request=None):
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Hãy nêu lý do đề nghị gia hạn."), field="reason")
    try:
        with transaction.atomic():
            assignment = load_for(
                Assignment.objects.select_related("task__directive", "unit"), user, assignment_id,
                "submit", lock=True,
            )
            check_can_request_extension(assignment)
            if requested_due_date <= assignment.due_date:
                raise WorkflowError(
                    _("Thời hạn đề nghị phải sau thời hạn hiện tại (%(date)s).")
                    % {"date": date_format(assignment.due_date, "SHORT_DATE_FORMAT")},
                    field="requested_due_date",
                )
            extension = ExtensionRequest.objects.create(
                assignment=assignment, previous_due_date=assignment.due_date,
                requested_due_date=requested_due_date, reason=reason, requested_by=user,
            )
            audit.record(
                actions.EXTENSION_REQUESTED, actor=user, obj=extension, unit=assignment.unit, request=request,
                changes={"due_date": [assignment.due_date, requested_due_date], "reason": reason},
            )
            notifying.extension_requested(extension)
    except IntegrityError:
        raise WorkflowError(_("Đã có một đề nghị gia hạn đang chờ quyết định.")) from None
    return extension


def extension_decide(*, user, extension_id, approve, comment="", request=None):
    """Approve (moving the deadline in force and counting the extension) or reject."""
    comment = (comment or "").strip()
    if not approve and not comment:
        raise WorkflowError(_("Khi không đồng ý gia hạn phải ghi rõ lý do."), field="comment")
    new_status = Status.APPROVED if approve else Status.REJECTED
    with transaction.atomic():
        extension = load_for(
            ExtensionRequest.objects.select_related("assignment__task__directive", "assignment__unit"),
            user, extension_id, "review",
        )
        assignment = Assignment.objects.select_for_update().get(pk=extension.assignment_id)
        if approve and assignment.completed_on:
            raise WorkflowError(_("Nhiệm vụ đã hoàn thành; không thể gia hạn nữa."))
        now = timezone.now()
        won = ExtensionRequest.objects.filter(pk=extension.pk, status=Status.PENDING).update(
            status=new_status, decided_by=user, decided_at=now, decision_comment=comment,
        )
        if not won:
            current = ExtensionRequest.objects.select_related("decided_by").get(pk=extension.pk)
            raise AlreadyDecided(current, current.decided_by, current.decided_at, current.get_status_display())
        extension.status, extension.decided_by, extension.decided_at = new_status, user, now
        extension.decision_comment = comment
        changes = {"status": [Status.PENDING, new_status], "comment": comment}
        if approve:
            old = assignment.due_date
            assignment.due_date = max(old, extension.requested_due_date)
            assignment.extension_count += 1
            assignment.save(update_fields=["due_date", "extension_count", "updated_at"])
            extension.assignment.due_date = assignment.due_date
            changes["due_date"] = [old, assignment.due_date]
            changes["extension_count"] = assignment.extension_count
        audit.record(actions.EXTENSION_DECIDED, actor=user, obj=extension, unit=assignment.unit,
                     request=request, changes=changes)
        notifying.extension_decided(extension)
    return extension
