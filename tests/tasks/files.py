"""Real files for the upload tests, built in memory with the libraries that make them."""

import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

ZERO_MB = b"\0" * (1024 * 1024)


def pdf_bytes():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text="Nghị quyết lãnh đạo công tác quân sự, quốc phòng địa phương năm 2022"):
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes():
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "Chỉ tiêu giao quân"
    book.active["B1"] = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def odt_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                   'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest/>')
    return out.getvalue()


def image_bytes(fmt="PNG"):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (164, 22, 26)).save(out, format=fmt)
    return out.getvalue()


def html_bytes():
    return b"<!DOCTYPE html>\n<html><body><script>alert('x')</script></body></html>\n"


def elf_bytes():
    return b"\x7fELF\x02\x01\x01\x00" + b"\0" * 120


def windows_exe_bytes():
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\0" * 200


def _ooxml_skeleton(z, main="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"):
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')


def zip_bomb_docx_bytes(megabytes=60):
    """A DOCX-shaped archive whose document part inflates from ~60 KB to 60 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        _ooxml_skeleton(z)
        with z.open("word/document.xml", "w", force_zip64=False) as member:
            for _ in range(megabytes):
                member.write(ZERO_MB)
    return out.getvalue()


def many_entries_docx_bytes(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        _ooxml_skeleton(z)
        z.writestr("word/document.xml", "<w:document/>")
        for i in range(entries):
            z.writestr(f"word/media/a{i}.xml", "x")
    return out.getvalue()


def plain_zip_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("bao-cao.txt", "không phải văn bản Word")
    return out.getvalue()


def macro_docm_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        _ooxml_skeleton(z, "application/vnd.ms-word.document.macroEnabled.main+xml")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/vbaProject.bin", b"\0" * 64)
    return out.getvalue()


def lying_docx_bytes():
    """A DOCX whose document part declares 100 bytes but inflates to 5 MB: the declared
    sizes pass every check, inflating it must not."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        _ooxml_skeleton(z)
        z.writestr("word/document.xml", b"<w:document>" + b"a" * (5 * 1024 * 1024) + b"</w:document>")
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    # Local header: uncompressed size at +22; central directory entry: at +24.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                data[at + offset:at + offset + 4] = struct.pack("<L", 100)
            at += 4
    return bytes(data)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
