from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rule(models.TextChoices):
    BEFORE_DUE = "before_due", _("Nhắc trước hạn")
    DUE_TODAY = "due_today", _("Đến hạn hôm nay")
    OVERDUE = "overdue", _("Quá hạn")
    ESCALATION = "escalation", _("Báo lãnh đạo: quá hạn kéo dài")
    RETURNED = "returned", _("Bị trả lại, chưa nộp lại")
    EXPLANATION = "explanation", _("Chưa giải trình")
    URGE = "urge", _("Đôn đốc")


# Sent at once, on every channel; the others wait for a channel's daily digest.
IMMEDIATE_RULES = frozenset({Rule.ESCALATION, Rule.URGE})


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")
    SKIPPED = "skipped", _("Không gửi")


class Urge(models.Model):
    """A manual đôn đốc from the tracking body about one assignment, with its message."""

    assignment = models.ForeignKey(
        "tasks.Assignment", verbose_name=_("giao nhiệm vụ"), on_delete=models.CASCADE,
        related_name="urges",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đôn đốc"), on_delete=models.PROTECT,
        related_name="urges",
    )
    message = models.TextField(_("nội dung đôn đốc"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    # A form token: the same form posted twice makes one urge.
    client_token = models.UUIDField(_("mã biểu mẫu"), null=True, blank=True, unique=True)
    # The local day of the urge: a unit is urged about one assignment at most once a day,
    # enforced by the constraint below (two reviewers urging at once: one wins).
    urged_on = models.DateField(_("ngày đôn đốc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đôn đốc")
        verbose_name_plural = _("đôn đốc")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Partial (older urges have no day): an index of its own, so SQLite adds it without
            # rebuilding the table, which would drop the table's data-version trigger (reports/0003).
            models.UniqueConstraint(fields=["assignment", "urged_on"], condition=models.Q(urged_on__isnull=False),
                                    name="urge_once_per_assignment_per_day"),
        ]

    def __str__(self):
        return f"{_('Đôn đốc')} #{self.pk}"


class Dispatch(models.Model):
    """One message to one person on one channel, carrying one or more reminder log rows.

    The unique key makes it exist once: a daily digest is keyed by its date, an immediate
    bundle by the sweep run that found its items, an urge by the urge.
    """

    class Kind(models.TextChoices):
        DIGEST = "digest", _("Thư tổng hợp hằng ngày")
        IMMEDIATE = "immediate", _("Gửi ngay")
        URGE = "urge", _("Đôn đốc")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE,
        related_name="reminder_dispatches",
    )
    channel = models.CharField(_("kênh"), max_length=20)
    key = models.CharField(_("khóa"), max_length=80)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    attempted_at = models.DateTimeField(_("lần thử cuối"), null=True, blank=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt gửi")
        verbose_name_plural = _("lượt gửi")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "channel", "key"], name="dispatch_unique_recipient_channel_key"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient} ({self.channel})"


class ReminderLog(models.Model):
    """One reminder about one assignment to one person on one channel: the exactly-once record.

    Written before anything is sent. The unique constraint over (assignment, rule,
    occurrence, recipient, channel) is what makes a sweep run twice, or two sweeps at once,
    produce each reminder once.
    """

    assignment = models.ForeignKey(
        "tasks.Assignment", verbose_name=_("giao nhiệm vụ"), on_delete=models.CASCADE,
        related_name="reminder_logs",
    )
    rule = models.CharField(_("quy tắc"), max_length=12, choices=Rule.choices)
    # What distinguishes this occurrence of the rule: the deadline and the day count, the
    # returned submission, the explanation request, the urge.
    occurrence = models.CharField(_("lần nhắc"), max_length=60)
    occurrence_date = models.DateField(_("ngày nhắc"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE,
        related_name="reminder_logs",
    )
    channel = models.CharField(_("kênh"), max_length=20)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    error = models.TextField(_("lỗi, lý do"), blank=True)
    dispatch = models.ForeignKey(
        Dispatch, verbose_name=_("lượt gửi"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="logs",
    )
    urge = models.ForeignKey(
        Urge, verbose_name=_("đôn đốc"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="logs",
    )
    created_at = models.DateTimeField(_("thời điểm ghi"), auto_now_add=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký nhắc việc")
        verbose_name_plural = _("nhật ký nhắc việc")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "rule", "occurrence", "recipient", "channel"],
                name="reminderlog_unique_occurrence",
            ),
        ]
        indexes = [
            models.Index(fields=["channel", "status", "dispatch"]),
            models.Index(fields=["assignment", "status", "sent_at"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{self.get_rule_display()} · {self.assignment_id} → {self.recipient_id}"
