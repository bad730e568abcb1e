"""Requests for explanation (yêu cầu giải trình) and the unit's answer."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from tasks import actions, notifying
from tasks.models import Assignment, ExplanationRequest
from tasks.services.errors import AlreadyDecided, WorkflowError
from tasks.services.scope import load_for


def explanation_request_create(*, user, assignment_id, question, request=None):
    question = (question or "").strip()
    if not question:
        raise WorkflowError(_("Hãy ghi nội dung cần đơn vị giải trình."), field="question")
    with transaction.atomic():
        assignment = load_for(
            Assignment.objects.select_related("task__directive", "unit"), user, assignment_id, "review",
        )
        if assignment.is_cancelled:
            raise WorkflowError(_("Nhiệm vụ này đã được hủy giao."))
        explanation = ExplanationRequest.objects.create(
            assignment=assignment, question=question, requested_by=user,
        )
        audit.record(actions.EXPLANATION_REQUESTED, actor=user, obj=explanation, unit=assignment.unit,
                     request=request, changes={"question": question})
        notifying.explanation_requested(explanation)
    return explanation


def explanation_answer(*, user, explanation_id, answer, request=None):
    answer = (answer or "").strip()
    if not answer:
        raise WorkflowError(_("Hãy ghi nội dung giải trình."), field="answer")
    with transaction.atomic():
        explanation = load_for(
            ExplanationRequest.objects.select_related("assignment__task__directive", "assignment__unit",
                                                      "requested_by"),
            user, explanation_id, "submit",
        )
        now = timezone.now()
        won = ExplanationRequest.objects.filter(pk=explanation.pk, answered_at__isnull=True).update(
            answer=answer, answered_by=user, answered_at=now,
        )
        if not won:
            current = ExplanationRequest.objects.select_related("answered_by").get(pk=explanation.pk)
            raise AlreadyDecided(
                current, current.answered_by, current.answered_at, "",
                message=_("Yêu cầu giải trình này đã được %(who)s trả lời lúc %(when)s; nội dung bạn vừa "
                          "gửi không được ghi nhận."),
            )
        explanation.answer, explanation.answered_by, explanation.answered_at = answer, user, now
        audit.record(actions.EXPLANATION_ANSWERED, actor=user, obj=explanation,
                     unit=explanation.assignment.unit, request=request, changes={"answer": answer})
        notifying.explanation_answered(explanation)
    return explanation
