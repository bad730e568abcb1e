from django.db import models
from django.utils.translation import gettext_lazy as _


class Task(models.Model):
    """One concrete, trackable obligation of a directive."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("Nhiệm vụ một lần")
        PERIODIC = "periodic", _("Báo cáo định kỳ, thường xuyên")
        EVENT = "event", _("Sự kiện theo ngày")
        TARGET = "target", _("Chỉ tiêu định lượng")

    directive = models.ForeignKey(
        "directives.Directive", verbose_name=_("văn bản"), on_delete=models.CASCADE,
        related_name="tasks",
    )
    # Null for the tasks of the closing paragraphs (resolutions, plans, follow-up).
    section = models.ForeignKey(
        "directives.Section", verbose_name=_("phần"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="tasks",
    )
    key = models.CharField(_("mã nhiệm vụ"), max_length=20)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên nhiệm vụ"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    kind = models.CharField(_("loại nhiệm vụ"), max_length=10, choices=Kind.choices)
    deadline = models.DateField(_("thời hạn"))
    deadline_proposed = models.BooleanField(
        _("thời hạn đề xuất"), default=False,
        help_text=_("Chỉ thị không nêu thời hạn; đây là thời hạn mặc định, có thể sửa."),
    )
    deadline_note = models.CharField(_("ghi chú thời hạn"), max_length=300, blank=True)
    event_date = models.DateField(_("ngày diễn ra"), null=True, blank=True)
    target_value = models.DecimalField(
        _("chỉ tiêu"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_unit = models.CharField(_("đơn vị chỉ tiêu"), max_length=100, blank=True)
    # An occurrence of a recurring task (directives.recurrence): the period it covers
    # ("quý I/2022") and the key of the recurring task. Nullable so SQLite adds them in place.
    period = models.CharField(_("kỳ báo cáo"), max_length=40, null=True, blank=True)
    series = models.CharField(_("nhiệm vụ định kỳ gốc"), max_length=20, null=True, blank=True)
    cited_documents = models.ManyToManyField(
        "directives.CitedDocument", verbose_name=_("văn bản viện dẫn"), blank=True,
        related_name="tasks",
    )

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["directive", "section__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "key"], name="task_unique_key"),
            models.CheckConstraint(
                condition=models.Q(target_value__isnull=True) | models.Q(target_value__gte=0),
                name="task_target_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.key}. {self.title}"
