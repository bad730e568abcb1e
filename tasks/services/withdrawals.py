"""A unit takes back a submission that is still waiting for review (a mistaken upload)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from tasks import actions
from tasks.models import Assignment, Submission
from tasks.services.errors import AlreadyDecided
from tasks.services.scope import load_for

Status = Submission.Status


def submission_withdraw(*, user, submission_id, request=None):
    """Mark a pending submission withdrawn; return it.

    The row and its files stay (nothing is deleted); the unit may then submit a new version.
    A reviewer's decision and the withdrawal race on one conditional UPDATE from pending:
    whichever comes second gets AlreadyDecided naming the first.
    """
    with transaction.atomic():
        submission = load_for(
            Submission.objects.select_related("assignment__task__directive", "assignment__unit"),
            user, submission_id, "submit",
        )
        # Same lock order as submitting and reviewing: the assignment first.
        Assignment.objects.select_for_update().get(pk=submission.assignment_id)
        now = timezone.now()
        won = Submission.objects.filter(pk=submission.pk, status=Status.PENDING).update(
            status=Status.WITHDRAWN, decided_by=user, decided_at=now, review_comment="",
        )
        if not won:
            current = Submission.objects.select_related("decided_by").get(pk=submission.pk)
            raise AlreadyDecided(
                current, current.decided_by, current.decided_at, current.get_status_display(),
                message=_("Văn bản này đã được %(who)s xử lý lúc %(when)s (%(outcome)s); không rút được nữa."),
            )
        submission.status, submission.decided_by, submission.decided_at = Status.WITHDRAWN, user, now
        audit.record(
            actions.SUBMISSION_WITHDRAWN, actor=user, obj=submission, unit=submission.assignment.unit,
            request=request, changes={"status": [Status.PENDING, Status.WITHDRAWN], "version": submission.version},
        )
    return submission
