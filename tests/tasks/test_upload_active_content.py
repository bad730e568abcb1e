"""Files that are what they claim but carry active content are refused, saying why
(tasks/uploads/active.py): scripts, launch actions, embedded files and rich media in PDFs,
HTML mixed into a PDF, data after an image's end, HTML in an image's text."""

import io
import zlib

import pytest
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from tasks.uploads import FileRefused, inspect_upload
from tasks.uploads import active
from tests.tasks import files

SCRIPT = b"<script>alert(document.cookie)</script>"


def _pdf(change=None):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action_js(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})


def _document_js(writer):
    """A document-level script (the /Names /JavaScript tree), run when the file opens."""
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert('x');")})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("mo-tep"), writer._add_object(action)])})})


def _launch(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")})


def _rich_media(writer):
    writer.pages[0][NameObject("/Annots")] = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/RichMedia")}))


def _object_stream_pdf(dictionary):
    """A hand-made PDF whose only action is inside a compressed object stream."""
    inner = b"1 0 " + dictionary
    packed = zlib.compress(b"3 0 " + inner[4:])
    body = [
        b"%PDF-1.7\n",
        b"1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n",
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n",
        b"4 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed),
        packed, b"\nendstream\nendobj\n",
        b"trailer << /Root 1 0 R >>\n%%EOF\n",
    ]
    return b"".join(body)


def refusal(name, content):
    with pytest.raises(FileRefused) as caught:
        inspect_upload(files.upload(name, content))
    message = caught.value.messages[0]
    assert f"“{name}”" in message, message
    return message


@pytest.mark.parametrize("build, words", [
    (lambda: _pdf(_document_js), "JavaScript"),
    (lambda: _pdf(_open_action_js), "JavaScript"),
    (lambda: _pdf(_launch), "mở chương trình khác"),
    (lambda: _pdf(lambda w: w.add_attachment("lenh.exe", b"MZ" + b"\0" * 64)), "tệp khác đính kèm"),
    (lambda: _pdf(_rich_media), "đa phương tiện"),
    (lambda: _pdf(_launch).replace(b"/Launch", b"/L#61unch"), "mở chương trình khác"),
    (lambda: _object_stream_pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>"), "JavaScript"),
    (lambda: _pdf()[:-6] + b"\n%<html><body>" + SCRIPT + b"</body></html>\n%%EOF\n", "HTML"),
])
def test_pdfs_with_active_content_are_refused_saying_why(build, words):
    assert words in refusal("Kế hoạch.pdf", build())


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_images_with_data_after_their_end_are_refused(fmt):
    message = refusal("anh." + ("png" if fmt == "PNG" else "jpg"), files.image_bytes(fmt) + b"<html>" + SCRIPT)
    assert "sau phần kết thúc ảnh" in message
    zipped = files.image_bytes(fmt) + files.plain_zip_bytes()
    assert "sau phần kết thúc ảnh" in refusal("anh2." + ("png" if fmt == "PNG" else "jpg"), zipped)


def _png_with(**text):
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    for key, (value, kind) in text.items():
        if kind == "itxt":
            info.add_itxt(key, value, zip=True)
        else:
            info.add_text(key, value, zip=kind == "ztxt")
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 20, 30)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["text", "ztxt", "itxt"])
def test_png_with_html_in_a_text_chunk_is_refused(kind):
    content = _png_with(Comment=("<html><body>" + SCRIPT.decode() + "</body></html>", kind))
    assert "mã trang web (HTML)" in refusal("anh.png", content)


def test_jpeg_with_html_in_its_comment_is_refused():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, format="JPEG", comment=b"<svg onload=alert(1)>")
    assert "mã trang web (HTML)" in refusal("anh.jpg", out.getvalue())


def _clean_files():
    from PIL import Image

    progressive, with_exif = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (300, 200), (1, 2, 3)).save(progressive, format="JPEG", progressive=True, quality=90)
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    Image.new("RGB", (64, 48), (200, 100, 0)).save(with_exif, format="JPEG", exif=exif, comment=b"Dien tap 2022")
    writer_compressed = _pdf(lambda w: w.add_metadata({"/Title": "Kế hoạch"}))
    return [
        ("ke-hoach.pdf", files.pdf_bytes()),
        ("ke-hoach-2.pdf", writer_compressed),
        ("anh.png", _png_with(Software=("Pillow", "text"), Title=("Diễn tập", "itxt"))),
        ("anh-1.jpg", progressive.getvalue()),
        ("anh-2.jpg", with_exif.getvalue()),
    ]


@pytest.mark.parametrize("name, content", _clean_files())
def test_ordinary_files_still_pass(name, content):
    assert inspect_upload(files.upload(name, content)).size == len(content)


def test_a_weasyprint_pdf_with_links_and_images_passes():
    from weasyprint import HTML

    html = ("<h1>Báo cáo</h1><p><a href='https://example.invalid/'>liên kết</a></p>"
            "<img src='data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
            "DwAEhQGAhKmMIQAAAABJRU5ErkJggg=='>" + "<p>Nội dung</p>" * 200)
    assert active.pdf_problem(io.BytesIO(HTML(string=html).write_pdf())) is None


def test_a_large_pdf_is_scanned_block_by_block(monkeypatch):
    monkeypatch.setattr(active, "BLOCK", 64)  # every boundary falls inside a name or a stream
    assert active.pdf_problem(io.BytesIO(_pdf(_launch))) == "pdf_launch"
    assert active.pdf_problem(io.BytesIO(_object_stream_pdf(b"<< /S /JavaScript /JS (x) >>"))) == "pdf_javascript"
    assert active.pdf_problem(io.BytesIO(files.pdf_bytes())) is None
    assert active.jpeg_problem(io.BytesIO(files.image_bytes("JPEG") + b"x")) == "image_trailing"


def test_a_compression_bomb_inside_a_pdf_is_not_inflated_whole():
    bomb = zlib.compress(b"\0" * (200 * 1024 * 1024), 9)
    content = (b"%PDF-1.7\n" + b"1 0 obj << /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb
               + b"\nendstream\nendobj\n2 0 obj << /S /Launch /F (x) >> endobj\ntrailer << >>\n%%EOF\n")
    assert active.pdf_problem(io.BytesIO(content)) == "pdf_launch"  # and what follows is still read
