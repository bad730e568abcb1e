"""Verifying the signatures of a PDF with pyHanko against the certificates the agency trusts.

The verdict is one of models.Verdict for the whole file (the worst of its signatures) with
each signature's details: signer, organisation, signing time, the certificate's validity,
whether the file was changed after signing (later revisions that only add signatures or
form fields are allowed), whether the certificate chains to a trusted root, and revocation.
Revocation is checked only where the certificate names an OCSP or CRL address, with a short
timeout; an address that does not answer is reported as such (intranets are often offline).
"""

import datetime
import io
import logging
from dataclasses import dataclass, field

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtensionOID, NameOID
from django.conf import settings
from django.utils.translation import gettext as _

from signatures.models import TrustedCertificate, Verdict

log = logging.getLogger(__name__)
ALLOWED_LATER = {"NONE", "LTA_UPDATES", "FORM_FILLING"}
# Worst first: the file's verdict is the worst of its signatures'.
SEVERITY = [Verdict.INVALID, Verdict.MODIFIED, Verdict.REVOKED, Verdict.EXPIRED, Verdict.UNREADABLE,
            Verdict.UNTRUSTED, Verdict.VALID]


@dataclass
class Result:
    verdict: str
    signatures: list = field(default_factory=list)

    @property
    def first(self):
        return self.signatures[0] if self.signatures else {}

    def as_fields(self):
        first = self.first
        return {
            "verdict": self.verdict, "signer_name": first.get("signer", "")[:300],
            "signer_org": first.get("organisation", "")[:300],
            "signed_at": datetime.datetime.fromisoformat(first["signed_at"]) if first.get("signed_at") else None,
            "revocation": first.get("revocation", "")[:300], "signatures": self.signatures,
        }


def _trust(roots):
    certs = [asn1_x509.Certificate.load(bytes(c)) for c in roots]
    return [c for c in certs if c.self_signed], [c for c in certs if not c.self_signed]


def _name(cert, oid):
    values = cert.subject.get_attributes_for_oid(oid)
    return values[0].value if values else ""


def _revocation_urls(cert):
    urls = []
    try:
        aia = cert.extensions.get_extension_for_oid(ExtensionOID.AUTHORITY_INFORMATION_ACCESS).value
        urls += [d.access_location.value for d in aia if d.access_method == AuthorityInformationAccessOID.OCSP]
    except x509.ExtensionNotFound:
        pass
    try:
        points = cert.extensions.get_extension_for_oid(ExtensionOID.CRL_DISTRIBUTION_POINTS).value
        urls += [n.value for p in points for n in (p.full_name or []) if isinstance(n, x509.UniformResourceIdentifier)]
    except x509.ExtensionNotFound:
        pass
    return urls


def _reachable(urls):
    import requests

    timeout = settings.SIGNATURE_REVOCATION_TIMEOUT
    for url in urls:
        try:
            requests.head(url, timeout=timeout, allow_redirects=False)
            return True
        except requests.RequestException:
            continue
    return False


def _context(roots, intermediates, fetch):
    from pyhanko_certvalidator import ValidationContext

    if not fetch:
        return ValidationContext(trust_roots=roots, other_certs=intermediates, allow_fetching=False)
    from pyhanko_certvalidator.fetchers.requests_fetchers import RequestsFetcherBackend

    return ValidationContext(trust_roots=roots, other_certs=intermediates, allow_fetching=True,
                             revocation_mode="soft-fail",
                             fetcher_backend=RequestsFetcherBackend(per_request_timeout=settings.SIGNATURE_REVOCATION_TIMEOUT))


MARK = b"/ByteRange"
CHUNK = 1024 * 1024


def _may_be_signed(stream):
    """A signature always has a /ByteRange: look for one in chunks, so an unsigned upload of
    any size costs a read and no memory (pyHanko reads the whole file)."""
    stream.seek(0)
    tail = b""
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return False
        if MARK in tail + chunk:
            return True
        tail = chunk[-len(MARK):]


def verify_pdf(data, roots=None):
    """Result for the PDF `data` (bytes, or a binary file positioned anywhere: it is read from
    the disk as needed, never whole into memory); `roots` (DER bytes) default to the trusted
    certificates."""
    try:
        stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
        if not _may_be_signed(stream):
            return Result(Verdict.UNSIGNED)
        # Imported only for a file that may be signed: pyHanko weighs about 15 MB.
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature

        stream.seek(0)
        embedded = PdfFileReader(stream, strict=False).embedded_signatures
    except Exception:  # a damaged or encrypted file: the upload inspection decides on the rest
        log.info("signature: unreadable PDF", exc_info=True)
        return Result(Verdict.UNSIGNED)
    if not embedded:
        return Result(Verdict.UNSIGNED)
    if roots is None:
        roots = list(TrustedCertificate.objects.values_list("der", flat=True))
    trust_roots, intermediates = _trust(roots)
    results = []
    for sig in embedded:
        try:
            results.append(_one(sig, trust_roots, intermediates, validate_pdf_signature))
        except Exception:
            log.info("signature: could not validate", exc_info=True)
            results.append({"verdict": Verdict.UNREADABLE, "field": getattr(sig, "field_name", "")})
    worst = min((r["verdict"] for r in results), key=SEVERITY.index)
    return Result(worst, results)


def _one(sig, trust_roots, intermediates, validate):
    cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
    urls = _revocation_urls(cert)
    fetch = bool(urls) and settings.SIGNATURE_REVOCATION_CHECK and _reachable(urls)
    status = validate(sig, _context(trust_roots, intermediates, fetch))
    signed_at = status.signer_reported_dt
    valid_from, valid_to = cert.not_valid_before_utc, cert.not_valid_after_utc
    level = getattr(status.modification_level, "name", "OTHER")
    if not urls:
        revocation = _("Chứng thư không nêu địa chỉ kiểm tra thu hồi")
    elif not settings.SIGNATURE_REVOCATION_CHECK:
        revocation = _("Không kiểm tra thu hồi (đã tắt)")
    elif not fetch:
        revocation = _("Không kết nối được địa chỉ kiểm tra thu hồi; chưa xác định được chứng thư có bị thu hồi không")
    elif status.revoked:
        revocation = _("Chứng thư đã bị thu hồi")
    else:
        revocation = _("Đã kiểm tra: chứng thư chưa bị thu hồi")
    if not (status.intact and status.valid):
        verdict = Verdict.INVALID
    elif level not in ALLOWED_LATER or not status.docmdp_ok:
        verdict = Verdict.MODIFIED
    elif fetch and status.revoked:
        verdict = Verdict.REVOKED
    elif signed_at and not (valid_from <= signed_at <= valid_to):
        verdict = Verdict.EXPIRED
    elif not status.trusted:
        verdict = Verdict.UNTRUSTED
    else:
        verdict = Verdict.VALID
    return {
        "verdict": verdict, "field": sig.field_name or "",
        "signer": _name(cert, NameOID.COMMON_NAME), "organisation": _name(cert, NameOID.ORGANIZATION_NAME),
        "issuer": cert.issuer.rfc4514_string()[:300],
        "signed_at": signed_at.isoformat() if signed_at else None,
        "valid_from": valid_from.isoformat(), "valid_to": valid_to.isoformat(),
        "trusted": bool(status.trusted), "later_changes": level,
        "covers_whole_file": getattr(status.coverage, "name", "") == "ENTIRE_FILE",
        "revocation": str(revocation),
    }
