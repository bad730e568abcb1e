from django.db import models
from django.utils.translation import gettext_lazy as _

from tasks.querysets import AssignmentQuerySet


class Assignment(models.Model):
    """A task of a directive assigned to one unit, as lead or coordinating unit.

    The status is never stored: it is computed from the dates below by
    `AssignmentQuerySet.with_status()`, the one place dashboard, reports and reminders share.

    The `last_*` and `first_*` columns are kept by database triggers (migrations tasks/0005
    and 0009), never by Python: facts about the assignment's latest and first submission and
    approved extension, so that the status "as of" a day after the latest or before the first
    needs no lookup of those rows. `save()` leaves them out.
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
    # Kept by triggers on tasks_submission and tasks_extensionrequest (see MAINTAINED).
    last_submitted_at = models.DateTimeField(_("lần nộp gần nhất"), null=True, editable=False)
    last_submission_status = models.CharField(
        _("trạng thái văn bản nộp gần nhất"), max_length=10, null=True, editable=False
    )
    last_decided_at = models.DateTimeField(_("thời điểm thẩm định văn bản gần nhất"), null=True, editable=False)
    last_extension_at = models.DateTimeField(_("thời điểm gia hạn gần nhất"), null=True, editable=False)
    # Kept by the same triggers (migration tasks/0009, see FIRST_FACTS).
    first_submitted_at = models.DateTimeField(_("lần nộp đầu tiên"), null=True, editable=False)
    first_extension_at = models.DateTimeField(_("thời điểm gia hạn đầu tiên"), null=True, editable=False)
    first_extension_due = models.DateField(_("thời hạn trước lần gia hạn đầu tiên"), null=True, editable=False)

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
        indexes = [
            models.Index(fields=["unit", "due_date"]),
            # "Due this week, every unit" (tasks.selectors.open_work_due_between): the work due
            # in the week, or whose deadline an extension approved after the day may have moved
            # (a bitmap OR of the two).
            models.Index(fields=["due_date"], name="assignment_due_date"),
            models.Index(fields=["last_extension_at"], condition=models.Q(extension_count__gt=0),
                         name="assignment_extended_at"),
        ]

    # last_submitted_at: the latest submitted_at of its submissions; last_submission_status and
    # last_decided_at: the status and decided_at of its highest version; last_extension_at:
    # the latest decided_at of its approved extensions. They answer the status "as of" any day
    # after the last submission and extension.
    LATEST_FACTS = ("last_submitted_at", "last_submission_status", "last_decided_at", "last_extension_at")
    # first_submitted_at: the earliest submitted_at of its submissions; first_extension_at and
    # first_extension_due: the decided_at and previous_due_date of its first approved extension
    # (by decided_at, then id). They answer any day before the first submission or extension.
    FIRST_FACTS = ("first_submitted_at", "first_extension_at", "first_extension_due")
    MAINTAINED = (*LATEST_FACTS, *FIRST_FACTS)

    def __str__(self):
        return f"{self.task} → {self.unit}"

    def save(self, *args, update_fields=None, **kwargs):
        """Save, leaving out the trigger-kept columns: an instance read before a submission
        would otherwise write its stale copy of them back. Deferred fields stay out too, as
        Django's own save() leaves them."""
        if update_fields is None and not self._state.adding:
            skipped = {*self.MAINTAINED, *self.get_deferred_fields()}
            update_fields = [f.attname for f in self._meta.concrete_fields
                             if not f.primary_key and f.attname not in skipped]
        super().save(*args, update_fields=update_fields, **kwargs)
