"""Throwaway certificates and signed PDFs, made at run time (nothing is bundled)."""

import datetime
import io

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

NOW = datetime.datetime.now(datetime.UTC)


def _name(cn, org):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)])


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _usage(ca):
    return x509.KeyUsage(digital_signature=True, content_commitment=not ca, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                         encipher_only=False, decipher_only=False)


class Authority:
    """A CA that issues signing certificates."""

    def __init__(self, name="CA thử nghiệm", org="Tổ chức cấp chứng thư thử"):
        self.key = _key()
        self.name = _name(name, org)
        self.cert = (x509.CertificateBuilder().subject_name(self.name).issuer_name(self.name)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(NOW - datetime.timedelta(days=3650))
                     .not_valid_after(NOW + datetime.timedelta(days=3650))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .add_extension(_usage(True), critical=True).sign(self.key, hashes.SHA256()))

    def issue(self, cn="Nguyễn Văn Bình", org="Đảng ủy phường Đình Bảng", *, days_valid=(-30, 365), ocsp=None):
        key = _key()
        builder = (x509.CertificateBuilder().subject_name(_name(cn, org)).issuer_name(self.name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(NOW + datetime.timedelta(days=days_valid[0]))
                   .not_valid_after(NOW + datetime.timedelta(days=days_valid[1]))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(_usage(False), critical=True))
        if ocsp:
            builder = builder.add_extension(x509.AuthorityInformationAccess([x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp))]), critical=False)
        return key, builder.sign(self.key, hashes.SHA256())

    @property
    def pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM)


def blank_pdf(text="Nghị quyết"):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _asn1(cert):
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def signer_for(key, cert, chain=()):
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return signers.SimpleSigner(signing_cert=_asn1(cert), signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
                                cert_registry=SimpleCertificateStore.from_certs([_asn1(c) for c in chain]))


def sign(data, key, cert, chain=()):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    meta = signers.PdfSignatureMetadata(field_name="ChuKy", reason="Ký ban hành")
    signer = signer_for(key, cert, chain)
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer=signer).getvalue()


def modify_after_signing(data):
    """An incremental update that changes the page's content after the signature."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    stream = generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (SUA) Tj ET")
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pkcs12(key, cert, passphrase=b"mat-khau-thu"):
    from cryptography.hazmat.primitives.serialization import pkcs12 as p12

    return p12.serialize_key_and_certificates(b"bao-cao", key, cert, None,
                                              serialization.BestAvailableEncryption(passphrase))
