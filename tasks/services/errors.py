from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


class WorkflowError(Exception):
    """A refusal the user can understand: `message` is shown as is (Vietnamese)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class FormTokenUsed(WorkflowError):
    """The form's token already belongs to a submission the user cannot see (a form copied
    from someone else's page, or crafted): nothing is created; the page needs a fresh form."""

    def __init__(self):
        super().__init__(_("Biểu mẫu này đã được dùng để nộp một văn bản khác nên không nộp được. Nội dung "
                           "đồng chí nhập vẫn được giữ lại; hãy chọn lại tệp đính kèm và bấm Nộp một lần nữa."))


class OutOfScope(PermissionDenied):
    """The object is not (or no longer) within the user's reach for this action."""


class AlreadyDecided(WorkflowError):
    """Someone else decided first; `obj` holds their decision."""

    def __init__(self, obj, decided_by, decided_at, outcome, message=None):
        """`message` (with %(who)s, %(when)s, %(outcome)s) replaces the wording for a decision."""
        who = (decided_by.get_full_name() or decided_by.get_username()) if decided_by else _("người khác")
        when = date_format(timezone.localtime(decided_at), "SHORT_DATETIME_FORMAT") if decided_at else ""
        message = message or _("Việc này đã được %(who)s quyết định lúc %(when)s (%(outcome)s); quyết định "
                               "của bạn không được ghi nhận.")
        super().__init__(message % {"who": who, "when": when, "outcome": outcome})
        self.obj = obj
        self.decided_by = decided_by
