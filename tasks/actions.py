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
UNIT_CREATED = "unit.create"
UNIT_CHANGED = "unit.change"
UNIT_CLOSED = "unit.close"
UNITS_MERGED = "unit.merge"
UNIT_SPLIT = "unit.split"

LABELS = {
    EXPLANATION_REQUESTED: _("Yêu cầu giải trình"),
    EXPLANATION_ANSWERED: _("Giải trình"),
    ASSIGNMENT_ACKNOWLEDGED: _("Xác nhận tiếp nhận, phổ biến"),
    SUBMISSION_WITHDRAWN: _("Rút văn bản đang chờ thẩm định"),
    UNIT_CREATED: _("Thành lập đơn vị"),
    UNIT_CHANGED: _("Đổi tên, loại hoặc cấp trên của đơn vị"),
    UNIT_CLOSED: _("Giải thể đơn vị"),
    UNITS_MERGED: _("Hợp nhất đơn vị"),
    UNIT_SPLIT: _("Chia tách đơn vị"),
}


def register():
    for code, label in LABELS.items():
        audit_actions.register(code, label)
