from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityPolicy(models.Model):
    """Portal-wide security switches the Office can turn on (one row, pk=1)."""

    require_2fa_reviewers = models.BooleanField(
        _("bắt buộc xác thực hai bước với cán bộ thẩm định"), default=False,
        help_text=_("Thành viên đơn vị theo dõi, thẩm định (Đảng ủy Quân sự)."),
    )
    require_2fa_admins = models.BooleanField(
        _("bắt buộc xác thực hai bước với quản trị viên"), default=False,
        help_text=_("Tài khoản được vào trang quản trị hệ thống."),
    )
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("chính sách bảo mật")
        verbose_name_plural = _("chính sách bảo mật")

    def __str__(self):
        return str(_("Chính sách bảo mật"))

    @classmethod
    def current(cls):
        """The policy in force; until the Office first saves one, everything off (unsaved)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
