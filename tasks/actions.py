"""Audit action codes written by the workflow; labels registered in TasksConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from audit import actions as audit_actions

SUBMISSION_UPLOADED = audit_actions.SUBMISSION_UPLOADED
SUBMISSION_REVIEWED = audit_actions.SUBMISSION_REVIEWED
FILE_DOWNLOADED = audit_actions.FILE_DOWNLOADED
EXTENSION_REQUESTED = audit_actions.EXTENSION_REQUESTED
EXTENSION_DECIDED = audit_actions.EXTENSION_DECIDED
EXPLANATION_REQUESTED = "explanation.request"
EXPLANATION_ANSWERED = "explanation.answer"
ASSIGNMENT_ACKNOWLEDGED = "assignment.acknowledge"
SUBMISSION_WITHDRAWN = "submission.withdraw"

LABELS = {
    EXPLANATION_REQUESTED: _("Yêu cầu giải trình"),
    EXPLANATION_ANSWERED: _("Giải trình"),
    ASSIGNMENT_ACKNOWLEDGED: _("Xác nhận tiếp nhận, phổ biến"),
    SUBMISSION_WITHDRAWN: _("Rút văn bản đang chờ thẩm định"),
}


def register():
    for code, label in LABELS.items():
        audit_actions.register(code, label)
