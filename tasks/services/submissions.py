"""Creating a submission: one version with its files, all or nothing."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

import audit
from signatures.services import record_verdict
from tasks import actions, notifying
from tasks.models import Assignment, Submission, SubmissionFile
from tasks.services.errors import FormTokenUsed, WorkflowError
from tasks.services.scope import load_for
from tasks.uploads import StoredFiles

FIELDS = ("kind", "number_symbol", "issued_on", "signer", "summary", "reported_value")


def check_can_submit(assignment):
    """Refuse a submission the workflow does not expect (WorkflowError with the reason)."""
    if assignment.is_cancelled:
        raise WorkflowError(_("Nhiệm vụ này đã được hủy giao; không nộp văn bản được nữa."))
    if assignment.completed_on:
        raise WorkflowError(
            _("Nhiệm vụ đã hoàn thành ngày %(date)s; không cần nộp thêm văn bản.")
            % {"date": date_format(assignment.completed_on, "SHORT_DATE_FORMAT")}
        )
    pending = assignment.submissions.filter(status=Submission.Status.PENDING).values_list("version", flat=True).first()
    if pending:
        raise WorkflowError(
            _("Văn bản lần %(version)s đang chờ thẩm định; chỉ nộp lần mới sau khi có kết quả thẩm định.")
            % {"version": pending}
        )


def existing_for_token(user, client_token):
    if not client_token:
        return None
    return Submission.objects.visible_to(user, "view").filter(client_token=client_token).first()


def submission_create(*, user, assignment_id, data, files, client_token=None, request=None):
    """Create the next version of a submission with its files; return (submission, created).

    `data` holds the FIELDS (already validated), `files` the InspectedFile list. The same form
    token posted twice gives back the first submission (created=False). Any failure leaves
    no row and no stored file behind.
    """
    existing = existing_for_token(user, client_token)
    if existing is not None:
        return existing, False
    if not files:
        raise WorkflowError(_("Hãy chọn ít nhất một tệp đính kèm."), field="files")
    try:
        with StoredFiles() as stored, transaction.atomic():
            assignment = load_for(
                Assignment.objects.select_related("task__directive", "unit"), user, assignment_id,
                "submit", lock=True,
            )
            # The assignment row is locked: a twin post waiting here finds the first one done.
            existing = existing_for_token(user, client_token)
            if existing is not None:
                return existing, False
            check_can_submit(assignment)
            last = assignment.submissions.aggregate(last=Max("version"))["last"] or 0
            submission = Submission.objects.create(
                assignment=assignment, version=last + 1, submitted_by=user,
                submitted_at=timezone.now(), client_token=client_token,
                **{name: data.get(name) if data.get(name) is not None else _default(name) for name in FIELDS},
            )
            for inspected in files:
                stored_file = SubmissionFile.objects.create(
                    submission=submission, file=stored.save(inspected),
                    original_name=inspected.original_name, content_type=inspected.kind.mime,
                    size=inspected.size, sha256=inspected.sha256,
                )
                if getattr(inspected, "signature", None) is not None:
                    record_verdict(stored_file, inspected.signature)
            audit.record(
                actions.SUBMISSION_UPLOADED, actor=user, obj=submission, unit=assignment.unit,
                request=request,
                changes={"version": submission.version, "kind": submission.kind,
                         "files": [{"name": f.original_name, "sha256": f.sha256, "size": f.size} for f in files]},
            )
            notifying.submission_created(submission)
    except IntegrityError:
        # Lost a race against the same form posted twice: the first one stands.
        existing = existing_for_token(user, client_token)
        if existing is not None:
            return existing, False
        if client_token and Submission.objects.filter(client_token=client_token).exists():
            raise FormTokenUsed from None
        raise
    return submission, True


def _default(name):
    return None if name in ("issued_on", "reported_value") else ""
