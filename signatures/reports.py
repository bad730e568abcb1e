"""Signing the PDF reports the portal issues (PAdES, invisible), when the Office has
configured a signing certificate: a PKCS#12 file and its passphrase from the environment or a
secrets file, never from the database. Unsigned otherwise."""

import io
from pathlib import Path

from django.conf import settings


def signer():
    """The configured pyHanko signer, or None."""
    path = settings.REPORT_SIGNING_PKCS12
    if not path:
        return None
    from pyhanko.sign import signers

    passphrase = settings.REPORT_SIGNING_PASSPHRASE
    if settings.REPORT_SIGNING_PASSPHRASE_FILE:
        passphrase = Path(settings.REPORT_SIGNING_PASSPHRASE_FILE).read_text().strip()
    return signers.SimpleSigner.load_pkcs12(path, passphrase=passphrase.encode() if passphrase else None)


def sign_report(data, reason):
    """The report's bytes, signed when a certificate is configured; unchanged otherwise."""
    signing = signer()
    if signing is None:
        return data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(field_name="ChuKySo", reason=reason[:200],
                                        subfilter=fields.SigSeedSubFilter.PADES)
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data), strict=False), meta, signer=signing)
    return out.getvalue()
