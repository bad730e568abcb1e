from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from directives.querysets import DirectiveQuerySet


class Directive(models.Model):
    """A Party document as issued (header, parts, closing, signature) that is tracked here."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        PUBLISHED = "published", _("Đã ban hành")
        CLOSED = "closed", _("Đã kết thúc")

    key = models.SlugField(_("mã"), max_length=60, unique=True)
    parent_organ = models.CharField(_("cơ quan cấp trên"), max_length=200)
    issuing_organ = models.CharField(_("cơ quan ban hành"), max_length=200)
    number = models.CharField(_("số"), max_length=20)
    symbol = models.CharField(_("ký hiệu"), max_length=40)
    document_type = models.CharField(_("loại văn bản"), max_length=60)
    issuing_body = models.CharField(_("chủ thể ban hành"), max_length=200, blank=True)
    summary = models.CharField(_("trích yếu"), max_length=500)
    place = models.CharField(_("địa danh"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"))
    year = models.PositiveSmallIntegerField(_("năm"))
    preamble = models.TextField(_("phần mở đầu"), blank=True)
    closing = models.TextField(_("phần kết"), blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=100, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    tracking_unit = models.ForeignKey(
        "tasks.Unit", verbose_name=_("cơ quan theo dõi"), on_delete=models.PROTECT,
        related_name="tracked_directives",
    )
    cited_documents = models.ManyToManyField(
        "directives.CitedDocument", verbose_name=_("văn bản viện dẫn"), blank=True,
        related_name="directives",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ thị, nghị quyết")
        verbose_name_plural = _("chỉ thị, nghị quyết")
        ordering = ["-issued_on", "key"]
        permissions = [("track_directive", _("Theo dõi, đôn đốc, thẩm định việc thực hiện"))]

    def __str__(self):
        return f"{self.document_type.capitalize()} số {self.number_symbol}"

    @property
    def number_symbol(self):
        return f"{self.number}-{self.symbol}"

    @property
    def place_and_date(self):
        d = self.issued_on
        return f"{self.place}, ngày {d:%d} tháng {d:%m} năm {d:%Y}"


class Section(models.Model):
    """One numbered part of the directive, with its full text."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    title = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung"))
    cited_documents = models.ManyToManyField(
        "directives.CitedDocument", verbose_name=_("văn bản viện dẫn"), blank=True,
        related_name="sections",
    )

    class Meta:
        verbose_name = _("phần")
        verbose_name_plural = _("các phần")
        ordering = ["directive", "number"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "number"], name="section_unique_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class CitedDocument(models.Model):
    """A document the directive cites; one row per document however often cited.

    Two documents may share a number (28-NQ/TW of the Central Committee and of the
    Politburo), so the natural key is the key, not the number.
    """

    class DocType(models.TextChoices):
        NGHI_QUYET = "nghi_quyet", _("Nghị quyết")
        NGHI_DINH = "nghi_dinh", _("Nghị định")
        CHI_THI = "chi_thi", _("Chỉ thị")
        QUYET_DINH = "quyet_dinh", _("Quyết định")
        QUY_DINH = "quy_dinh", _("Quy định")
        THONG_TU = "thong_tu", _("Thông tư")
        THONG_TU_LIEN_TICH = "thong_tu_lien_tich", _("Thông tư liên tịch")
        OTHER = "other", _("Văn bản khác")

    key = models.SlugField(_("mã"), max_length=80, unique=True)
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocType.choices)
    number = models.CharField(_("số và ký hiệu"), max_length=80)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("văn bản viện dẫn")
        verbose_name_plural = _("văn bản viện dẫn")
        ordering = ["doc_type", "number"]

    def __str__(self):
        return f"{self.get_doc_type_display()} số {self.number}"


class Recipient(models.Model):
    """A line of the distribution list (Nơi nhận)."""

    class Purpose(models.TextChoices):
        REPORT = "bc", _("b/c")
        EXECUTE = "th", _("t/h")
        ARCHIVE = "luu", _("lưu")

    directive = models.ForeignKey(
        Directive, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="recipients"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    recipient = models.CharField(_("nơi nhận"), max_length=200)
    purpose = models.CharField(_("mục đích"), max_length=3, choices=Purpose.choices)

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["directive", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "position"], name="recipient_unique_position"
            )
        ]

    def __str__(self):
        return self.recipient


class DirectiveUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Directive, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("quyền của người dùng trên văn bản")
        verbose_name_plural = _("quyền của người dùng trên văn bản")


class DirectiveGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Directive, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("quyền của nhóm trên văn bản")
        verbose_name_plural = _("quyền của nhóm trên văn bản")
