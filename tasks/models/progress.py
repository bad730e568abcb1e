from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentProgress(models.Model):
    """The unit's own estimate of its progress on an assignment and a note (from the progress
    spreadsheet). Unlike the status, it is not reviewed; the status still comes from
    submissions and their review."""

    assignment = models.OneToOneField("tasks.Assignment", verbose_name=_("giao nhiệm vụ"),
                                      on_delete=models.CASCADE, related_name="progress")
    percent = models.PositiveSmallIntegerField(_("tiến độ tự đánh giá (%)"), null=True, blank=True,
                                               validators=[MaxValueValidator(100)])
    note = models.TextField(_("ghi chú tiến độ"), blank=True, max_length=1000)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"),
                                   on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("tiến độ tự đánh giá")
        verbose_name_plural = _("tiến độ tự đánh giá")
        constraints = [models.CheckConstraint(condition=models.Q(percent__lte=100),
                                              name="progress_percent_at_most_100")]

    def __str__(self):
        return f"{self.assignment_id}: {self.percent}%"
