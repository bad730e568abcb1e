from django.utils.translation import gettext_lazy as _

ROOT_ADDED = "signature.root_add"
ROOT_REMOVED = "signature.root_remove"
REQUIREMENT_CHANGED = "signature.requirement_change"

LABELS = {
    ROOT_ADDED: _("Thêm chứng thư gốc tin cậy"),
    ROOT_REMOVED: _("Gỡ chứng thư gốc tin cậy"),
    REQUIREMENT_CHANGED: _("Thay đổi yêu cầu chữ ký số"),
}
