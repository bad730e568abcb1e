"""Applying a previewed spreadsheet: every change or none, each one audited."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from audit import actions
from tasks.bulk.scope import editable_ids, reassignment_refusal
from tasks.bulk.sheet import current_progress
from tasks.models import Assignment, AssignmentProgress, BulkUpdate, ExtensionRequest, Unit
from tasks.notifying import notify_new_assignments
from tasks.services.errors import WorkflowError

REASON = "Cơ quan theo dõi điều chỉnh thời hạn bằng bảng tính"


def _current(assignment, field):
    if field == "unit":
        return assignment.unit.key
    percent, note = current_progress(assignment)
    if field == "progress_percent":
        return percent
    if field == "progress_note":
        return note
    return assignment.due_date.isoformat()


def bulk_update_apply(*, user, bulk_id, request=None):
    with transaction.atomic():
        bulk = BulkUpdate.objects.select_for_update().filter(pk=bulk_id, user=user).first()
        if bulk is None:
            raise WorkflowError(_("Không tìm thấy lần cập nhật này."))
        if bulk.status != BulkUpdate.Status.PREVIEW:
            raise WorkflowError(_("Bảng tính này đã được xử lý (%(status)s).") % {"status": bulk.get_status_display()})
        if bulk.errors:
            raise WorkflowError(_("Bảng tính còn lỗi; hãy sửa rồi gửi lại, không dòng nào được cập nhật."))
        ids = [item["assignment"] for item in bulk.changes]
        locked = {a.pk: a for a in Assignment.objects.select_for_update(of=("self",)).filter(pk__in=ids)
                  .select_related("unit", "progress").order_by("pk")}
        progress_ids, deadline_ids = editable_ids(user)
        for item in bulk.changes:
            a = locked.get(item["assignment"])
            if a is None or (item["changes"].keys() & {"progress_percent", "progress_note"} and a.pk not in progress_ids) \
                    or (item["changes"].keys() & {"due_date", "unit"} and a.pk not in deadline_ids):
                raise WorkflowError(_("Dòng %(row)s: nhiệm vụ không còn trong phạm vi của bạn; không dòng nào được cập nhật.")
                                    % {"row": item["row"]})
            for field, (before, _after) in item["changes"].items():
                if _current(a, field) != before:
                    raise WorkflowError(_("Dòng %(row)s đã được người khác thay đổi từ khi xem trước; hãy tải bảng tính "
                                          "mới, không dòng nào được cập nhật.") % {"row": item["row"]})
            if "unit" in item["changes"]:
                refusal = reassignment_refusal(a, item["changes"]["unit"][1])
                if refusal:
                    raise WorkflowError(_("Dòng %(row)s: %(reason)s Không dòng nào được cập nhật.")
                                        % {"row": item["row"], "reason": refusal})
            if "due_date" in item["changes"] and a.completed_on:
                raise WorkflowError(_("Dòng %(row)s: nhiệm vụ đã hoàn thành; không dòng nào được cập nhật.")
                                    % {"row": item["row"]})
        now = timezone.now()
        for item in bulk.changes:
            _apply_one(user, locked[item["assignment"]], item, bulk, now, request)
        bulk.status, bulk.applied_at = BulkUpdate.Status.APPLIED, now
        bulk.save(update_fields=["status", "applied_at"])
    return bulk


def _apply_one(user, a, item, bulk, now, request):
    changes = item["changes"]
    if changes.keys() & {"progress_percent", "progress_note"}:
        percent, note = current_progress(a)
        AssignmentProgress.objects.update_or_create(assignment=a, defaults={
            "percent": changes.get("progress_percent", [None, percent])[1],
            "note": changes.get("progress_note", [None, note])[1], "updated_by": user})
    if "due_date" in changes:
        new = datetime.date.fromisoformat(changes["due_date"][1])
        ExtensionRequest.objects.create(
            assignment=a, previous_due_date=a.due_date, requested_due_date=new, reason=REASON,
            status=ExtensionRequest.Status.APPROVED, requested_by=user, requested_at=now,
            decided_by=user, decided_at=now,
        )
        a.due_date = new
        a.extension_count += 1
        a.save(update_fields=["due_date", "extension_count", "updated_at"])
    if "unit" in changes:
        a.unit = Unit.objects.get(key=changes["unit"][1])
        a.save(update_fields=["unit", "updated_at"])
        transaction.on_commit(lambda pk=a.pk: notify_new_assignments([pk]))
    audit.record(actions.ASSIGNMENT_CHANGED, actor=user, obj=a, unit=a.unit, request=request,
                 changes={**changes, "source": "spreadsheet", "bulk_update": bulk.pk, "row": item["row"]})


def bulk_update_discard(*, user, bulk_id):
    return BulkUpdate.objects.filter(pk=bulk_id, user=user, status=BulkUpdate.Status.PREVIEW).update(
        status=BulkUpdate.Status.DISCARDED) == 1
