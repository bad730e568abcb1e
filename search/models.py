from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchText(models.Model):
    """The text extracted from one uploaded file, and its folded copy that search matches.

    Deleted with its file (CASCADE): a file that is gone is not findable. Whether a file is
    shown is decided at search time by SubmissionFile.objects.visible_to, never here.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ trích xuất")
        OK = "ok", _("Đã trích xuất")
        NO_TEXT = "no_text", _("Không có lớp chữ (bản quét)")
        SKIPPED = "skipped", _("Loại tệp không trích xuất chữ")
        FAILED = "failed", _("Không trích xuất được")

    file = models.OneToOneField(
        "tasks.SubmissionFile", verbose_name=_("tệp đính kèm"), on_delete=models.CASCADE,
        related_name="search_text",
    )
    # Denormalised from the file so the search filters by scope without a join.
    submission = models.ForeignKey(
        "tasks.Submission", verbose_name=_("văn bản nộp"), on_delete=models.CASCADE,
        related_name="search_texts",
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    text = models.TextField(_("nội dung trích xuất"), blank=True)
    normalized = models.TextField(_("nội dung đã chuẩn hóa"), blank=True)
    # PostgreSQL only: to_tsvector of `normalized`, kept by a trigger (migration 0002) and
    # GIN-indexed; stored so that a search within a narrow scope never re-parses the texts.
    vector = SearchVectorField(null=True, editable=False)
    pages = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    truncated = models.BooleanField(_("đã cắt bớt"), default=False)
    error = models.CharField(_("lỗi"), max_length=300, blank=True)
    extracted_at = models.DateTimeField(_("thời điểm trích xuất"), null=True, blank=True)
    # search.extraction.VERSION of the extraction that wrote this row (None: not extracted
    # yet, or extracted before versions were recorded).
    extractor_version = models.PositiveSmallIntegerField(_("phiên bản trích xuất"), null=True, blank=True)

    class Meta:
        verbose_name = _("nội dung tệp để tìm kiếm")
        verbose_name_plural = _("nội dung tệp để tìm kiếm")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.file_id}: {self.status}"
