"""The tracking body's decision on a submission: accept or return for revision."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from tasks import actions, notifying
from tasks.expectations import COMPLETING_KINDS
from tasks.models import Assignment, ExtensionRequest, Submission
from tasks.services.errors import AlreadyDecided, WorkflowError
from tasks.services.scope import load_for

Status = Submission.Status


def completes_by_default(submission):
    return submission.kind in COMPLETING_KINDS


def submission_decide(*, user, submission_id, accept, comment="", complete=None, request=None):
    """Accept or return a pending submission; return (submission, completed).

    Exactly one decision wins when two reviewers decide at once: the status moves from
    pending by a conditional UPDATE, and the loser gets AlreadyDecided naming the winner.
    Accepting completes the assignment as of the day the submission was made (its local
    date), when `complete` is true or, if None, when the kind completes by default.
    """
    comment = (comment or "").strip()
    if not accept and not comment:
        raise WorkflowError(_("Khi trả lại văn bản phải ghi rõ ý kiến để đơn vị hoàn thiện."), field="comment")
    new_status = Status.ACCEPTED if accept else Status.RETURNED
    with transaction.atomic():
        submission = load_for(
            Submission.objects.select_related("assignment__task__directive", "assignment__unit"),
            user, submission_id, "review",
        )
        # The assignment first, as every writer of its work locks it (submitting, extensions):
        # the decision's UPDATE then takes the data version and the assignment's trigger-kept
        # facts (tasks/0005) after it, in the same order, and cannot deadlock with them.
        assignment = Assignment.objects.select_for_update().get(pk=submission.assignment_id)
        now = timezone.now()
        won = Submission.objects.filter(pk=submission.pk, status=Status.PENDING).update(
            status=new_status, decided_by=user, decided_at=now, review_comment=comment,
        )
        if not won:
            current = Submission.objects.select_related("decided_by").get(pk=submission.pk)
            raise AlreadyDecided(current, current.decided_by, current.decided_at, current.get_status_display())
        submission.status, submission.decided_by, submission.decided_at = new_status, user, now
        submission.review_comment = comment
        completed_on = None
        if accept and (complete if complete is not None else completes_by_default(submission)):
            if assignment.completed_on is None:
                completed_on = timezone.localdate(submission.submitted_at)
                Assignment.objects.filter(pk=assignment.pk).update(completed_on=completed_on, updated_at=now)
                submission.assignment.completed_on = completed_on
                _close_pending_extensions(submission.assignment, user, now, request)
        audit.record(
            actions.SUBMISSION_REVIEWED, actor=user, obj=submission, unit=submission.assignment.unit,
            request=request,
            changes={"status": [Status.PENDING, new_status], "comment": comment,
                     "completed_on": completed_on},
        )
        notifying.submission_decided(submission, completed=completed_on is not None)
    return submission, completed_on is not None


def _close_pending_extensions(assignment, user, now, request):
    """A request for more time still waiting when the work is accepted as complete is closed
    by the same decision (completed work cannot be extended), so that it neither waits in
    the reviewers' queue nor blocks anything."""
    for extension in ExtensionRequest.objects.select_for_update().filter(
        assignment=assignment, status=ExtensionRequest.Status.PENDING,
    ):
        comment = _("Nhiệm vụ đã được ghi nhận hoàn thành; đề nghị gia hạn không còn cần thiết.")
        ExtensionRequest.objects.filter(pk=extension.pk).update(
            status=ExtensionRequest.Status.CLOSED, decided_by=user, decided_at=now, decision_comment=comment,
        )
        audit.record(actions.EXTENSION_DECIDED, actor=user, obj=extension, unit=assignment.unit,
                     request=request, changes={"status": [ExtensionRequest.Status.PENDING,
                                                          ExtensionRequest.Status.CLOSED],
                                               "comment": comment})
