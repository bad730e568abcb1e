from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import roles


class ImportDraftQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        """Import drafts are the Office's working papers: the whole Office shares them, nobody else sees them."""
        if action not in ("view", "change"):
            raise ValueError(f"unknown action {action!r}")
        if not roles.is_office(user):
            return self.none()
        return self

    def open(self):
        return self.filter(status=self.model.Status.OPEN)


class ImportDraft(models.Model):
    """A directive read from its text, being corrected by the Office before it is published.

    `data` is the dictionary of docs/directive-format.md (dates as ISO strings) without units
    or unit groups (those come from the database when it is published); each task carries a
    stable `uid` and its parser `notes`. Kept in the database so a reload loses nothing.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Đang soạn")
        PUBLISHED = "published", _("Đã tạo văn bản")

    class SourceType(models.TextChoices):
        PASTE = "paste", _("Dán văn bản")
        TXT = "txt", _("Tệp văn bản (TXT)")
        DOCX = "docx", _("Tệp Word (DOCX)")
        PDF = "pdf", _("Tệp PDF")
        COPY = "copy", _("Sao từ văn bản năm trước")

    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN)
    source_type = models.CharField(_("nguồn"), max_length=10, choices=SourceType.choices)
    source_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    source_text = models.TextField(_("văn bản gốc"))
    data = models.JSONField(_("đề xuất"), default=dict)
    # [{"text": …, "state": "open" | "dismissed" | "placed", "where": …}]: never dropped.
    unplaced = models.JSONField(_("phần văn bản chưa được xếp"), default=list)
    # Parser warnings that concern no single task: {"header": [...], "documents": [...], …}.
    notes = models.JSONField(_("ghi chú của bộ phân tích"), default=dict)
    # The refusals of the last publishing attempt, already tied to the blocks of the page.
    publish_errors = models.JSONField(_("lỗi khi ban hành"), default=list)
    next_uid = models.PositiveIntegerField(default=1)
    # Bumped on every save: a form posted from a stale page is refused instead of overwriting.
    revision = models.PositiveIntegerField(default=1)
    directive = models.ForeignKey(
        "directives.Directive", verbose_name=_("văn bản đã tạo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = ImportDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("bản nháp nhập chỉ thị")
        verbose_name_plural = _("bản nháp nhập chỉ thị")
        ordering = ["-updated_at"]

    def __str__(self):
        header = (self.data or {}).get("directive") or {}
        number = "-".join(p for p in [header.get("number"), header.get("symbol")] if p)
        kind = (header.get("document_type") or "").capitalize()
        if number:
            return f"{kind} số {number}".strip()
        return self.source_name or str(_("Văn bản dán vào"))

    @property
    def header(self):
        return (self.data or {}).get("directive") or {}

    @property
    def open_unplaced(self):
        return [p for p in self.unplaced or [] if p.get("state") == "open"]

    def all_tasks(self):
        data = self.data or {}
        return [t for s in data.get("sections") or [] for t in s.get("tasks") or []] + list(
            data.get("closing_tasks") or [])
