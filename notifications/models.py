from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuson_qp.notes import note_text


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        """A person sees (and marks read) only the items under their own bell."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An item under the bell: something about one's work changed."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Được giao nhiệm vụ")
        RETURNED = "returned", _("Văn bản bị trả lại")
        ACCEPTED = "accepted", _("Văn bản được chấp nhận")
        SUBMITTED = "submitted", _("Có văn bản mới chờ thẩm định")
        EXTENSION_DECIDED = "extension_decided", _("Kết quả đề nghị gia hạn")
        EXTENSION_REQUESTED = "extension_requested", _("Đề nghị gia hạn mới")
        EXPLANATION_REQUESTED = "explanation_requested", _("Yêu cầu giải trình")
        EXPLANATION_ANSWERED = "explanation_answered", _("Đơn vị đã giải trình")
        REMINDER = "reminder", _("Nhắc việc")
        URGE = "urge", _("Đôn đốc")
        ESCALATION = "escalation", _("Cảnh báo quá hạn")
        REPORT_READY = "report_ready", _("Báo cáo đã sẵn sàng")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)  # in Vietnamese
    body = models.TextField(_("nội dung"), blank=True)
    # The title's and body's message template and values (tuson_qp.notes), when they are ours to
    # translate, so each reader sees them in their language; empty for text people wrote.
    title_note = models.JSONField(_("tiêu đề (để dịch)"), default=dict, blank=True)
    body_note = models.JSONField(_("nội dung (để dịch)"), default=dict, blank=True)
    url = models.CharField(_("liên kết"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title

    @property
    def shown_title(self):
        """The title in the reader's (the active) language."""
        return note_text(self.title_note) if self.title_note else self.title

    @property
    def shown_body(self):
        return note_text(self.body_note) if self.body_note else self.body
