from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoped import AssignmentScopedQuerySet, SubmissionFileQuerySet


class Submission(models.Model):
    """One version of what a unit sends for an assignment; reviewed by the tracking body.

    Nothing is overwritten: a resubmission after a return is a new row with the next version.
    """

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Nghị quyết triển khai")
        PLAN = "plan", _("Kế hoạch triển khai")
        PROGRESS = "progress", _("Báo cáo tiến độ")
        FINAL = "final", _("Báo cáo kết quả")
        EVIDENCE = "evidence", _("Minh chứng khác")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ thẩm định")
        ACCEPTED = "accepted", _("Đã chấp nhận")
        RETURNED = "returned", _("Trả lại để hoàn thiện")
        # Taken back by the unit before any review (a mistaken upload); kept, never deleted.
        WITHDRAWN = "withdrawn", _("Đơn vị đã rút")

    assignment = models.ForeignKey(
        "tasks.Assignment", verbose_name=_("giao nhiệm vụ"), on_delete=models.CASCADE,
        related_name="submissions",
    )
    version = models.PositiveIntegerField(_("lần nộp"))
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=Kind.choices)
    number_symbol = models.CharField(_("số và ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    summary = models.TextField(_("trích yếu, nội dung"))
    reported_value = models.DecimalField(
        _("giá trị đạt được"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), on_delete=models.PROTECT,
        related_name="submissions",
    )
    submitted_at = models.DateTimeField(_("thời điểm nộp"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thẩm định"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="decided_submissions",
    )
    decided_at = models.DateTimeField(_("thời điểm thẩm định"), null=True, blank=True)
    review_comment = models.TextField(_("ý kiến thẩm định"), blank=True)
    # A form token: the same form posted twice creates one submission.
    client_token = models.UUIDField(_("mã biểu mẫu"), null=True, blank=True, unique=True)

    objects = AssignmentScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản nộp")
        verbose_name_plural = _("văn bản nộp")
        ordering = ["assignment", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "version"], name="submission_unique_version"
            ),
        ]
        # The review queue: pending rows in the order they are listed (submitted_at, then
        # id), so that a page is read off the index (docs/performance.md).
        indexes = [models.Index(fields=["status", "submitted_at", "id"], name="submission_status_queue")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number_symbol} (lần {self.version})"


class SubmissionFile(models.Model):
    submission = models.ForeignKey(
        Submission, verbose_name=_("văn bản nộp"), on_delete=models.CASCADE, related_name="files"
    )
    # A name the server generates; the user's file name is kept in original_name.
    file = models.FileField(_("tệp"), upload_to="submissions/%Y/%m/", max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    objects = SubmissionFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    @property
    def size_display(self):
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(self.size)
