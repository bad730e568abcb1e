from django.db import models
from django.utils.translation import gettext_lazy as _

from tasks.querysets import AssignmentQuerySet


class Assignment(models.Model):
    """A task of a directive assigned to one unit, as lead or coordinating unit.

    The status is never stored: it is computed from the dates below by
    `AssignmentQuerySet.with_status()`, the one place dashboard, reports and reminders share.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATING = "coordinating", _("Phối hợp")

    task = models.ForeignKey(
        "directives.Task", verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE,
        related_name="assignments",
    )
    unit = models.ForeignKey(
        "tasks.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices, default=Role.LEAD)
    original_due_date = models.DateField(_("thời hạn ban đầu"))
    # The deadline in force: the original one, or the last approved extension.
    due_date = models.DateField(_("thời hạn"))
    extension_count = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    disseminated_on = models.DateField(_("ngày phổ biến"), null=True, blank=True)
    # Set when the tracking body accepts a submission: the submission's date.
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("đã hủy"), default=False)
    created_at = models.DateTimeField(_("ngày giao"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("giao nhiệm vụ")
        verbose_name_plural = _("giao nhiệm vụ")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="assignment_unique_task_unit"),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("original_due_date")),
                name="assignment_due_not_before_original",
            ),
        ]
        indexes = [models.Index(fields=["unit", "due_date"])]

    def __str__(self):
        return f"{self.task} → {self.unit}"
