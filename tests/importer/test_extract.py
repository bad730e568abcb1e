"""extract_text: TXT in its encodings, DOCX, PDF; clear Vietnamese refusals for the rest."""

import codecs
import io
import zipfile

import pytest

from directives.importer import ExtractedText, ImportTextError, extract_text, parse_directive_text

from . import builders as b
from .helpers import SEED, header_of, parts_of, squash, to_cp1258


@pytest.fixture(scope="module")
def seed_header(seed_result):
    return header_of(seed_result.data)


def _refused(filename, data, *words):
    with pytest.raises(ImportTextError) as info:
        extract_text(filename, data)
    message = info.value.message_vi
    assert filename in message
    for word in words:
        assert word in message, message
    return message


# ---- text ------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
])
def test_txt_unicode(encoding, prefix, seed_header):
    text = extract_text("ct.txt", prefix + SEED.encode(encoding))
    assert isinstance(text, ExtractedText) and isinstance(text, str)
    assert text.source_type == "txt" and not text.warnings
    assert text.lstrip("\ufeff") == SEED
    assert header_of(parse_directive_text(text).data) == seed_header


def test_txt_utf16_without_bom():
    text = extract_text("ct.txt", SEED.encode("utf-16-le"))
    assert text == SEED and text.warnings


def test_txt_windows_1258_falls_back_with_a_warning(seed_header, seed_result):
    data = to_cp1258(SEED)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = extract_text("ct.txt", data)
    assert any("Windows-1258" in w for w in text.warnings)
    result = parse_directive_text(text)
    assert header_of(result.data) == seed_header
    assert parts_of(result.data) == parts_of(seed_result.data)


def test_txt_windows_1252_last_resort():
    text = extract_text("en.txt", "Café déjà vu – naïve".encode("windows-1252"))
    assert "Café" in text and text.warnings


# ---- DOCX ------------------------------------------------------------------------------------

@pytest.mark.parametrize("with_tables", [True, False])
def test_docx_from_the_seed(with_tables, seed_header, seed_result):
    text = extract_text("ct.docx", b.build_docx(with_tables))
    assert text.source_type == "docx"
    result = parse_directive_text(text)
    assert result.ok, result.errors
    assert header_of(result.data) == seed_header
    assert parts_of(result.data) == parts_of(seed_result.data)
    assert result.data["distribution"] == seed_result.data["distribution"]


def test_docx_detected_by_content_not_by_name(seed_header):
    text = extract_text("ct.txt", b.build_docx())
    assert text.source_type == "docx"


def test_corrupt_docx():
    good = b.build_docx()
    _refused("hong.docx", good[:4] + b"\x00" * 200 + good[2000:3000], "hỏng")


def test_zip_that_is_not_a_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    _refused("a.zip", out.getvalue(), "không phải văn bản Word")


def test_docx_with_broken_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><not closed")
    _refused("x.docx", out.getvalue(), "hỏng")


def test_old_word_doc():
    _refused("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc")


# ---- PDF -------------------------------------------------------------------------------------

@pytest.mark.parametrize("with_tables", [False, True])
def test_pdf_from_the_seed(with_tables, seed_header, seed_result):
    text = extract_text("ct.pdf", b.build_pdf(with_tables))
    assert text.source_type == "pdf"
    result = parse_directive_text(text)
    assert result.ok, result.errors
    assert header_of(result.data) == seed_header
    assert [n for n, _t in parts_of(result.data)] == [1, 2, 3, 4, 5, 6]
    # Line wrapping in the PDF may leave "21/2019/ NĐ-CP"; the texts agree word for word otherwise.
    for (_n, got), (_m, want) in zip(parts_of(result.data), parts_of(seed_result.data)):
        assert squash(got).replace("/ ", "/") == squash(want).replace("/ ", "/")
    assert sorted((d["number"], str(d["issued_on"])) for d in result.data["documents"]) == sorted(
        (d["number"], str(d["issued_on"])) for d in seed_result.data["documents"])
    # With the two-column layout, "Nơi nhận" and the signature come out interleaved line by line.
    assert result.data["distribution"] == seed_result.data["distribution"]
    assert not result.unplaced


def test_image_only_pdf():
    _refused("scan.pdf", b.build_image_pdf(), "không có lớp chữ")


def test_handwritten_pdf_without_text():
    _refused("trang.pdf", b.handwritten_pdf(), "không có lớp chữ")


def test_encrypted_pdf():
    _refused("mat-khau.pdf", b.encrypt_pdf(b.build_pdf()), "mật khẩu")


def test_pdf_with_only_an_owner_password_is_read(seed_header):
    text = extract_text("ct.pdf", b.encrypt_pdf(b.build_pdf(), user_password=""))
    assert header_of(parse_directive_text(text).data) == seed_header


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n" + bytes(range(256)) * 20,
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
    b"%PDF-",
])
def test_garbage_pdf(data):
    _refused("rac.pdf", data)


# ---- other refusals --------------------------------------------------------------------------

def test_empty_file():
    _refused("trong.txt", b"", "trống")
    _refused("trong.txt", b"  \n\r\n ", "trống")


def test_whitespace_only_utf16():
    _refused("trong.txt", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "không có chữ")


def test_over_five_megabytes():
    _refused("lon.txt", b"a" * (5 * 1024 * 1024 + 1), "5 MB")


def test_image_file():
    _refused("anh.png", b.tiny_png(), "ảnh")


def test_binary_garbage():
    import random

    _refused("rac.bin", bytes(random.Random(0).randbytes(5000)), "không nhận ra")


def test_not_bytes():
    with pytest.raises(ImportTextError):
        extract_text("x.txt", "a str, not bytes")


def test_parse_file_carries_refusals_and_warnings(seed_header):
    from directives.importer import parse_file

    refused = parse_file("scan.pdf", b.handwritten_pdf())
    assert not refused.ok and "không có lớp chữ" in refused.errors[0]
    result = parse_file("ct.txt", to_cp1258(SEED))
    assert result.ok and header_of(result.data) == seed_header
    assert "Windows-1258" in result.warnings[0]
