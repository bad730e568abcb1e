"""Writing verdicts and trusted certificates; audited."""

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.db import transaction
from django.utils.translation import gettext as _

import audit
from signatures import actions
from signatures.models import FileSignature, TrustedCertificate
from signatures.verifying import verify_pdf


class CertificateRefused(ValueError):
    pass


def record_verdict(submission_file, result):
    """Store the Result of verify_pdf for a stored SubmissionFile (replacing an older one)."""
    return FileSignature.objects.update_or_create(file=submission_file, defaults=result.as_fields())[0]


def reverify_all():
    """Verify every stored PDF that carries a signature again (the trusted set changed)."""
    from tasks.models import SubmissionFile

    count = 0
    for f in SubmissionFile.objects.filter(signature__isnull=False).exclude(signature__verdict="unsigned"):
        try:
            with f.file.open("rb") as fh:
                record_verdict(f, verify_pdf(fh))
        except OSError:
            continue
        count += 1
    return count


def _load(data):
    data = data.strip() if data.lstrip().startswith(b"-----BEGIN") else data
    try:
        if data.startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise CertificateRefused(_("Tệp không phải chứng thư số X.509 (dạng .cer, .crt hoặc .pem)."))


def certificate_add(*, user, data, request=None):
    cert = _load(data)
    try:
        basic = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        basic = None
    if basic is None or not basic.ca:
        raise CertificateRefused(_("Đây là chứng thư của người ký, không phải của tổ chức cấp chứng thư (CA); "
                                   "chỉ thêm chứng thư gốc hoặc trung gian."))
    der = cert.public_bytes(Encoding.DER)
    digest = hashlib.sha256(der).hexdigest()
    if TrustedCertificate.objects.filter(sha256=digest).exists():
        raise CertificateRefused(_("Chứng thư này đã có trong danh sách tin cậy."))
    with transaction.atomic():
        trusted = TrustedCertificate.objects.create(
            der=der, sha256=digest, subject=cert.subject.rfc4514_string()[:500],
            issuer=cert.issuer.rfc4514_string()[:500], is_root=cert.subject == cert.issuer,
            not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc, added_by=user,
        )
        audit.record(actions.ROOT_ADDED, actor=user, obj=trusted, request=request,
                     changes={"subject": trusted.subject, "sha256": digest})
        _reverify_on_commit()
    return trusted


def certificate_remove(*, user, pk, request=None):
    with transaction.atomic():
        trusted = TrustedCertificate.objects.select_for_update().filter(pk=pk).first()
        if trusted is None:
            return False
        audit.record(actions.ROOT_REMOVED, actor=user, obj=trusted, request=request,
                     changes={"subject": trusted.subject, "sha256": trusted.sha256})
        trusted.delete()
        _reverify_on_commit()
    return True


def _reverify_on_commit():
    from signatures.tasks import reverify_signatures

    transaction.on_commit(reverify_signatures.delay)
