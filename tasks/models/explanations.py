from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .scoped import AssignmentScopedQuerySet


class ExplanationRequest(models.Model):
    """The tracking body asks a unit to explain a delay (yêu cầu giải trình); the unit answers once."""

    assignment = models.ForeignKey(
        "tasks.Assignment", verbose_name=_("giao nhiệm vụ"), on_delete=models.CASCADE,
        related_name="explanation_requests",
    )
    question = models.TextField(_("nội dung yêu cầu giải trình"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.PROTECT,
        related_name="explanation_requests",
    )
    requested_at = models.DateTimeField(_("thời điểm yêu cầu"), default=timezone.now)
    answer = models.TextField(_("nội dung giải trình"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người giải trình"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="explanation_answers",
    )
    answered_at = models.DateTimeField(_("thời điểm giải trình"), null=True, blank=True)

    objects = AssignmentScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu giải trình")
        verbose_name_plural = _("yêu cầu giải trình")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(answered_at__isnull=True, answer="")
                    | (models.Q(answered_at__isnull=False) & ~models.Q(answer=""))
                ),
                name="explanation_answer_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.assignment}: {self.question[:60]}"

    @property
    def is_answered(self):
        return self.answered_at is not None
