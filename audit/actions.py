"""The catalogue of audit actions with their Vietnamese labels.

Other apps add their actions here as they build them (one line each). An action missing
from the catalogue is still recorded and shown by its code.
"""

from django.utils.translation import gettext_lazy as _

# Sign-in and accounts
LOGIN = "auth.login"
LOGOUT = "auth.logout"
LOGIN_FAILED = "auth.login_failed"
LOCKOUT = "auth.lockout"
SESSION_EXPIRED = "auth.session_expired"
PASSWORD_CHANGED = "auth.password_changed"
PASSWORD_RESET_REQUESTED = "auth.password_reset_requested"
PASSWORD_RESET_DONE = "auth.password_reset_done"
OTP_FAILED = "auth.otp_failed"
OTP_ENROLLED = "auth.otp_enrolled"
OTP_REMOVED = "auth.otp_removed"
OTP_REMOVE_REFUSED = "auth.otp_remove_refused"

# People and permissions (accounts/grants.py)
ACCOUNT_CREATED = "account.create"
ACCOUNT_DEACTIVATED = "account.deactivate"
ACCOUNT_ACTIVATED = "account.activate"
MEMBER_ADDED = "membership.add"
MEMBER_ROLE_CHANGED = "membership.change_role"
MEMBER_REMOVED = "membership.remove"
ROLE_GRANTED = "role.grant"
ROLE_REVOKED = "role.revoke"
GROUPS_CHANGED = "permission.groups_change"
TRACKING_GRANTED = "permission.grant_tracking"
SECURITY_POLICY_CHANGED = "security.policy_change"

# Objects changed through the Django admin (audit/admin_mixins.py)
ADMIN_CREATE = "admin.create"
ADMIN_CHANGE = "admin.change"
ADMIN_DELETE = "admin.delete"

# The directive's work, recorded by the services of the other apps as they are built
DIRECTIVE_CREATED = "directive.create"
DIRECTIVE_CHANGED = "directive.change"
DIRECTIVE_LOADED = "directive.load"
TASK_CREATED = "task.create"
TASK_CHANGED = "task.change"
ASSIGNMENT_CREATED = "assignment.create"
ASSIGNMENT_CHANGED = "assignment.change"
SUBMISSION_UPLOADED = "submission.upload"
FILE_DOWNLOADED = "file.download"
SUBMISSION_REVIEWED = "submission.review"
EXTENSION_REQUESTED = "extension.request"
EXTENSION_DECIDED = "extension.decide"
REPORT_DOWNLOADED = "report.download"

# The audit trail itself
AUDIT_EXPORTED = "audit.export"

LABELS = {
    LOGIN: _("Đăng nhập"),
    LOGOUT: _("Đăng xuất"),
    LOGIN_FAILED: _("Đăng nhập không thành công"),
    LOCKOUT: _("Tạm khóa đăng nhập"),
    SESSION_EXPIRED: _("Hết phiên làm việc"),
    PASSWORD_CHANGED: _("Đổi mật khẩu"),
    PASSWORD_RESET_REQUESTED: _("Yêu cầu đặt lại mật khẩu"),
    PASSWORD_RESET_DONE: _("Đặt lại mật khẩu"),
    OTP_FAILED: _("Mã xác thực hai bước sai"),
    OTP_ENROLLED: _("Bật xác thực hai bước"),
    OTP_REMOVED: _("Tắt xác thực hai bước"),
    OTP_REMOVE_REFUSED: _("Bị từ chối xóa thiết bị xác thực hai bước"),
    ACCOUNT_CREATED: _("Tạo tài khoản"),
    ACCOUNT_DEACTIVATED: _("Khóa tài khoản"),
    ACCOUNT_ACTIVATED: _("Mở lại tài khoản"),
    MEMBER_ADDED: _("Thêm cán bộ vào đơn vị"),
    MEMBER_ROLE_CHANGED: _("Đổi vai trò trong đơn vị"),
    MEMBER_REMOVED: _("Đưa cán bộ ra khỏi đơn vị"),
    ROLE_GRANTED: _("Cấp vai trò"),
    ROLE_REVOKED: _("Thu hồi vai trò"),
    GROUPS_CHANGED: _("Thay đổi nhóm quyền"),
    TRACKING_GRANTED: _("Giao quyền theo dõi văn bản"),
    SECURITY_POLICY_CHANGED: _("Thay đổi chính sách bảo mật"),
    ADMIN_CREATE: _("Tạo mới (trang quản trị)"),
    ADMIN_CHANGE: _("Sửa (trang quản trị)"),
    ADMIN_DELETE: _("Xóa (trang quản trị)"),
    DIRECTIVE_CREATED: _("Tạo văn bản chỉ đạo"),
    DIRECTIVE_CHANGED: _("Sửa văn bản chỉ đạo"),
    DIRECTIVE_LOADED: _("Nạp văn bản chỉ đạo từ tệp dữ liệu"),
    TASK_CREATED: _("Tạo nhiệm vụ"),
    TASK_CHANGED: _("Sửa nhiệm vụ"),
    ASSIGNMENT_CREATED: _("Giao nhiệm vụ cho đơn vị"),
    ASSIGNMENT_CHANGED: _("Sửa giao nhiệm vụ"),
    SUBMISSION_UPLOADED: _("Nộp văn bản, tải tệp lên"),
    FILE_DOWNLOADED: _("Tải tệp xuống"),
    SUBMISSION_REVIEWED: _("Thẩm định văn bản nộp"),
    EXTENSION_REQUESTED: _("Đề nghị gia hạn"),
    EXTENSION_DECIDED: _("Quyết định gia hạn"),
    REPORT_DOWNLOADED: _("Tải báo cáo"),
    AUDIT_EXPORTED: _("Xuất nhật ký"),
}


def register(code, text):
    """Add an action from another app, e.g. in its apps.py ready():
    `audit.actions.register("submission.upload", _("Tải lên văn bản"))`."""
    LABELS[code] = text


def label(action):
    return LABELS.get(action, action)


def choices():
    return sorted(((code, str(text)) for code, text in LABELS.items()), key=lambda c: c[1])
