"""Each verdict on PDFs signed at run time with throwaway certificates."""

from cryptography.hazmat.primitives import serialization

from signatures.models import Verdict
from signatures.verifying import verify_pdf
from tests.signatures import certs


def _der(authority):
    return authority.cert.public_bytes(serialization.Encoding.DER)


def test_an_unsigned_pdf():
    assert verify_pdf(certs.blank_pdf(), roots=[]).verdict == Verdict.UNSIGNED


def test_intact_but_untrusted_until_the_root_is_trusted():
    ca = certs.Authority()
    key, cert = ca.issue()
    signed = certs.sign(certs.blank_pdf(), key, cert, chain=[ca.cert])
    untrusted = verify_pdf(signed, roots=[])
    assert untrusted.verdict == Verdict.UNTRUSTED
    assert str(Verdict.UNTRUSTED.label) == "Chữ ký hợp lệ về toàn vẹn, chưa xác minh được nguồn cấp chứng thư"
    trusted = verify_pdf(signed, roots=[_der(ca)])
    assert trusted.verdict == Verdict.VALID
    sig = trusted.first
    assert (sig["signer"], sig["organisation"]) == ("Nguyễn Văn Bình", "Đảng ủy phường Đình Bảng")
    assert sig["trusted"] and sig["covers_whole_file"] and sig["signed_at"]
    assert "không nêu địa chỉ" in sig["revocation"]


def test_a_certificate_from_another_authority_stays_untrusted():
    trusted_ca, other_ca = certs.Authority(), certs.Authority("CA lạ", "Không rõ")
    key, cert = other_ca.issue()
    signed = certs.sign(certs.blank_pdf(), key, cert, chain=[other_ca.cert])
    assert verify_pdf(signed, roots=[_der(trusted_ca)]).verdict == Verdict.UNTRUSTED


def test_an_expired_certificate():
    ca = certs.Authority()
    key, cert = ca.issue(days_valid=(-400, -10))
    signed = certs.sign(certs.blank_pdf(), key, cert, chain=[ca.cert])
    assert verify_pdf(signed, roots=[_der(ca)]).verdict == Verdict.EXPIRED


def test_a_document_changed_after_signing():
    ca = certs.Authority()
    key, cert = ca.issue()
    changed = certs.modify_after_signing(certs.sign(certs.blank_pdf(), key, cert, chain=[ca.cert]))
    result = verify_pdf(changed, roots=[_der(ca)])
    assert result.verdict == Verdict.MODIFIED
    assert not result.first["covers_whole_file"]


def test_a_later_signature_alone_is_not_a_change():
    ca = certs.Authority()
    key, cert = ca.issue()
    key2, cert2 = ca.issue("Trần Thị Cúc", "Đảng ủy phường Đình Bảng")
    once = certs.sign(certs.blank_pdf(), key, cert, chain=[ca.cert])
    from io import BytesIO

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    twice = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(once)), signers.PdfSignatureMetadata(field_name="ChuKy2"),
                             signer=certs.signer_for(key2, cert2, [ca.cert])).getvalue()
    result = verify_pdf(twice, roots=[_der(ca)])
    assert result.verdict == Verdict.VALID and len(result.signatures) == 2


def test_bytes_changed_inside_the_signed_range():
    ca = certs.Authority()
    key, cert = ca.issue()
    signed = bytearray(certs.sign(certs.blank_pdf("Nghi quyet 05"), key, cert, chain=[ca.cert]))
    at = bytes(signed).index(b"Nghi quyet 05")
    signed[at] = ord("X")
    assert verify_pdf(bytes(signed), roots=[_der(ca)]).verdict == Verdict.INVALID


def test_an_unreachable_revocation_address_is_reported(settings):
    settings.SIGNATURE_REVOCATION_TIMEOUT = 0.5
    ca = certs.Authority()
    key, cert = ca.issue(ocsp="http://127.0.0.1:9/ocsp")
    signed = certs.sign(certs.blank_pdf(), key, cert, chain=[ca.cert])
    result = verify_pdf(signed, roots=[_der(ca)])
    assert "Không kết nối được" in result.first["revocation"]
    assert result.verdict == Verdict.VALID  # integrity and trust still stand; revocation unknown, said so


def test_garbage_is_simply_unsigned():
    assert verify_pdf(b"%PDF-1.4 not really", roots=[]).verdict == Verdict.UNSIGNED
