"""What the submission form asks of signatures: each PDF's verdict, and a task's rule."""

from django.utils.translation import gettext as _

from signatures.models import INTACT, SignatureRequirement
from signatures.verifying import verify_pdf
from tasks.uploads.kinds import PDF


def verify_upload(inspected):
    """verify_pdf for an inspected PDF upload (None for other kinds)."""
    if inspected.kind is not PDF:
        return None
    upload = inspected.upload
    try:
        return verify_pdf(upload)
    finally:
        upload.seek(0)


def signature_refusal(task, kind, inspected):
    """Why these files do not meet the task's signature rule for `kind`, or ""."""
    rule = SignatureRequirement.objects.filter(task=task).first()
    if rule is None or kind not in rule.kinds:
        return ""
    signed = [i for i in inspected if getattr(i, "signature", None) is not None and i.signature.verdict in INTACT]
    if signed:
        return ""
    verdicts = [f"“{i.original_name}”: {_label(i)}" for i in inspected]
    return _("Nhiệm vụ này yêu cầu văn bản có chữ ký số: hãy nộp tệp PDF đã ký số, toàn vẹn, không sửa sau khi ký. "
             "Kết quả kiểm tra: %(verdicts)s.") % {"verdicts": "; ".join(verdicts)}


def _label(inspected):
    from signatures.models import Verdict

    signature = getattr(inspected, "signature", None)
    if signature is None:
        return _("không phải tệp PDF")
    return str(Verdict(signature.verdict).label)
