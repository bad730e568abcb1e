"""Digital signatures: the certificates the agency trusts, each uploaded PDF's verdict, and
which tasks require signed documents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrustedCertificate(models.Model):
    """A root or intermediate certificate the agency trusts (none is bundled)."""

    der = models.BinaryField(_("chứng thư (DER)"))
    sha256 = models.CharField(max_length=64, unique=True)
    subject = models.CharField(_("chủ thể"), max_length=500)
    issuer = models.CharField(_("cơ quan cấp"), max_length=500)
    is_root = models.BooleanField(_("chứng thư gốc"), default=False)
    not_before = models.DateTimeField(_("hiệu lực từ"))
    not_after = models.DateTimeField(_("hiệu lực đến"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thêm"),
                                 on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("ngày thêm"), auto_now_add=True)

    class Meta:
        verbose_name = _("chứng thư tin cậy")
        verbose_name_plural = _("chứng thư tin cậy")
        ordering = ["-is_root", "subject"]

    def __str__(self):
        return self.subject


class Verdict(models.TextChoices):
    UNSIGNED = "unsigned", _("Không có chữ ký số")
    VALID = "valid", _("Chữ ký số hợp lệ")
    UNTRUSTED = "untrusted", _("Chữ ký hợp lệ về toàn vẹn, chưa xác minh được nguồn cấp chứng thư")
    EXPIRED = "expired", _("Chứng thư số không còn hiệu lực khi ký")
    MODIFIED = "modified", _("Văn bản bị sửa sau khi ký")
    INVALID = "invalid", _("Chữ ký không hợp lệ: nội dung không khớp chữ ký")
    REVOKED = "revoked", _("Chứng thư số đã bị thu hồi")
    UNREADABLE = "unreadable", _("Không đọc được chữ ký số")


# Signed and intact: what a "signed document required" rule accepts.
INTACT = {Verdict.VALID, Verdict.UNTRUSTED}


class FileSignature(models.Model):
    """The verdict on an uploaded PDF's signatures, computed when it was uploaded (and again
    when the trusted certificates change). `signatures` lists each signature's details."""

    file = models.OneToOneField("tasks.SubmissionFile", verbose_name=_("tệp"), on_delete=models.CASCADE,
                                related_name="signature")
    verdict = models.CharField(_("kết quả"), max_length=12, choices=Verdict.choices)
    signer_name = models.CharField(_("người ký"), max_length=300, blank=True)
    signer_org = models.CharField(_("tổ chức"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    revocation = models.CharField(_("tình trạng thu hồi"), max_length=300, blank=True)
    signatures = models.JSONField(default=list)
    checked_at = models.DateTimeField(_("thời điểm kiểm tra"), auto_now=True)

    class Meta:
        verbose_name = _("chữ ký số của tệp")
        verbose_name_plural = _("chữ ký số của tệp")

    def __str__(self):
        return self.get_verdict_display()

    @property
    def is_intact(self):
        return self.verdict in INTACT


class SignatureRequirement(models.Model):
    """The documents of these kinds sent for this task must be signed PDFs."""

    task = models.OneToOneField("directives.Task", verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE,
                                related_name="signature_requirement")
    kinds = models.JSONField(_("loại văn bản"), default=list)  # Submission.Kind values

    class Meta:
        verbose_name = _("yêu cầu chữ ký số")
        verbose_name_plural = _("yêu cầu chữ ký số")

    def __str__(self):
        return f"{self.task}: {', '.join(self.kinds)}"
