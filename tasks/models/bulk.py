from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BulkUpdate(models.Model):
    """A spreadsheet of assignments sent back filled in: its changes, previewed, then applied
    all together or not at all. Kept afterwards as the record of what the sheet changed."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Chờ xác nhận")
        APPLIED = "applied", _("Đã cập nhật")
        DISCARDED = "discarded", _("Đã hủy")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"),
                             on_delete=models.PROTECT, related_name="bulk_updates")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    # [{"row": n, "assignment": id, "label": "...", "changes": {field: [before, after]}}]
    changes = models.JSONField(default=list)
    errors = models.JSONField(default=list)  # [{"row": n, "message": "..."}]
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    applied_at = models.DateTimeField(_("thời điểm cập nhật"), null=True, blank=True)

    class Meta:
        verbose_name = _("cập nhật bằng bảng tính")
        verbose_name_plural = _("cập nhật bằng bảng tính")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.file_name
