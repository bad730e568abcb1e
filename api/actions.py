"""Audit actions of the API and the calendar feeds."""

from django.utils.translation import gettext_lazy as _

TOKEN_CREATED = "api.token_create"
TOKEN_REVOKED = "api.token_revoke"
TOKEN_USED = "api.token_use"
CALENDAR_RESET = "calendar.reset"

LABELS = {
    TOKEN_CREATED: _("Tạo mã truy cập API"),
    TOKEN_REVOKED: _("Thu hồi mã truy cập API"),
    TOKEN_USED: _("Dùng mã truy cập API"),
    CALENDAR_RESET: _("Tạo lại địa chỉ lịch riêng"),
}
