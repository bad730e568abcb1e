from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def parse_day_list(value):
    """'7, 3, 1' → [7, 3, 1] (distinct, largest first). Raises ValueError on bad input."""
    days = set()
    for part in (value or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        number = int(part)
        if not 1 <= number <= 90:
            raise ValueError(part)
        days.add(number)
    return sorted(days, reverse=True)


def validate_day_list(value):
    try:
        parse_day_list(value)
    except ValueError:
        raise ValidationError(
            _("Nhập các số ngày từ 1 đến 90, cách nhau bởi dấu phẩy, ví dụ: 7, 3, 1."),
            code="invalid",
        ) from None


class ReminderPolicy(models.Model):
    """When reminders go out for the work of one directive. A directive without a row uses
    the defaults below (the model's field defaults)."""

    directive = models.OneToOneField(
        "directives.Directive", verbose_name=_("văn bản"), on_delete=models.CASCADE,
        related_name="reminder_policy",
    )
    is_active = models.BooleanField(_("gửi nhắc việc tự động"), default=True)
    days_before = models.CharField(
        _("nhắc trước hạn (số ngày)"), max_length=60, default="7, 3, 1", blank=True,
        validators=[validate_day_list],
        help_text=_("Các số ngày trước thời hạn, cách nhau bởi dấu phẩy; để trống nếu không nhắc."),
    )
    on_due_day = models.BooleanField(_("nhắc vào ngày đến hạn"), default=True)
    overdue_every_days = models.PositiveSmallIntegerField(
        _("nhắc lại khi quá hạn, mỗi (ngày)"), default=3, validators=[MaxValueValidator(90)],
        help_text=_("0: không nhắc lại."),
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("báo lãnh đạo đơn vị và cơ quan theo dõi sau khi quá hạn (ngày)"), default=7,
        validators=[MaxValueValidator(365)], help_text=_("0: không báo."),
    )
    returned_after_days = models.PositiveSmallIntegerField(
        _("nhắc văn bản bị trả lại chưa nộp lại sau (ngày)"), default=5,
        validators=[MaxValueValidator(90)], help_text=_("0: không nhắc."),
    )
    explanation_after_days = models.PositiveSmallIntegerField(
        _("nhắc yêu cầu giải trình chưa trả lời sau (ngày)"), default=3,
        validators=[MaxValueValidator(90)], help_text=_("0: không nhắc."),
    )
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("quy tắc nhắc việc")
        verbose_name_plural = _("quy tắc nhắc việc")
        ordering = ["directive"]

    def __str__(self):
        return str(_("Quy tắc nhắc việc: %(directive)s") % {"directive": self.directive})

    @property
    def days_before_list(self):
        try:
            return parse_day_list(self.days_before)
        except ValueError:
            return []
