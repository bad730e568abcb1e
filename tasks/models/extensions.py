from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .scoped import AssignmentScopedQuerySet


class ExtensionRequest(models.Model):
    """A unit asks for a later deadline; the tracking body approves or rejects it.

    Requests are never edited or deleted, so the history of an assignment's deadlines stays
    visible. At most one request per assignment waits for a decision.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ quyết định")
        APPROVED = "approved", _("Đã đồng ý")
        REJECTED = "rejected", _("Không đồng ý")
        # Still waiting when the work was accepted as complete: nothing is left to extend.
        CLOSED = "closed", _("Đã đóng (nhiệm vụ đã hoàn thành)")

    assignment = models.ForeignKey(
        "tasks.Assignment", verbose_name=_("giao nhiệm vụ"), on_delete=models.CASCADE,
        related_name="extension_requests",
    )
    # The deadline in force when the unit asked: the approval moves it to requested_due_date.
    previous_due_date = models.DateField(_("thời hạn khi đề nghị"))
    requested_due_date = models.DateField(_("thời hạn đề nghị"))
    reason = models.TextField(_("lý do"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.PROTECT,
        related_name="extension_requests",
    )
    requested_at = models.DateTimeField(_("thời điểm đề nghị"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decided_extension_requests",
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    decision_comment = models.TextField(_("ý kiến"), blank=True)

    objects = AssignmentScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"], condition=models.Q(status="pending"),
                name="extension_one_pending_per_assignment",
            ),
            models.CheckConstraint(
                condition=models.Q(requested_due_date__gt=models.F("previous_due_date")),
                name="extension_moves_deadline_later",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self):
        return f"{self.assignment} → {self.requested_due_date:%d/%m/%Y}"
