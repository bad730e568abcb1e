"""Uploaded files are judged by their bytes: accepted kinds pass, everything else is refused
with a Vietnamese message naming the file."""

import pytest

from tasks.uploads import FileRefused, inspect_upload
from tasks.uploads.inspection import clean_original_name
from tests.tasks import files


@pytest.mark.parametrize("name, build, kind, mime", [
    ("Nghị quyết 05-NQ-ĐU.pdf", files.pdf_bytes, "pdf", "application/pdf"),
    ("Kế hoạch triển khai.docx", files.docx_bytes, "docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("Số liệu tuyển quân.xlsx", files.xlsx_bytes, "xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("Báo cáo.odt", files.odt_bytes, "odt", "application/vnd.oasis.opendocument.text"),
    ("Ảnh diễn tập.png", lambda: files.image_bytes("PNG"), "png", "image/png"),
    ("Ảnh huấn luyện.jpg", lambda: files.image_bytes("JPEG"), "jpeg", "image/jpeg"),
])
def test_accepted_kinds_are_recognised_from_their_content(name, build, kind, mime):
    content = build()
    item = inspect_upload(files.upload(name, content, content_type="text/plain"))
    assert (item.kind.key, item.kind.mime, item.size) == (kind, mime, len(content))
    assert item.original_name == name
    import hashlib

    assert item.sha256 == hashlib.sha256(content).hexdigest()


def refusal(name, content):
    with pytest.raises(FileRefused) as caught:
        inspect_upload(files.upload(name, content, content_type="application/pdf"))
    message = caught.value.messages[0]
    assert f"“{name}”" in message, message
    return message


def test_html_named_png_is_refused_as_a_web_page():
    assert "trang web" in refusal("anh-chup.png", files.html_bytes())


def test_linux_executable_named_pdf_is_refused():
    assert "tệp chương trình" in refusal("bao-cao.pdf", files.elf_bytes())


def test_windows_executable_named_pdf_is_refused():
    assert "tệp chương trình" in refusal("ke-hoach.pdf", files.windows_exe_bytes())


def test_zip_bomb_named_docx_is_refused():
    assert "bom nén" in refusal("nghi-quyet.docx", files.zip_bomb_docx_bytes())


def test_archive_with_too_many_entries_is_refused(settings):
    settings.TUSON_ZIP_MAX_ENTRIES = 100
    assert "quá nhiều thành phần" in refusal("ke-hoach.docx", files.many_entries_docx_bytes(150))


def test_archive_expanding_beyond_the_limit_is_refused(settings):
    settings.TUSON_ZIP_MAX_EXPANDED_MB = 5
    settings.TUSON_ZIP_MAX_RATIO = 10_000
    assert "khi giải nén lớn hơn" in refusal("nghi-quyet.docx", files.zip_bomb_docx_bytes(megabytes=8))


def test_archive_that_lies_about_its_sizes_is_refused_as_broken():
    assert "bị hỏng" in refusal("nghi-quyet.docx", files.lying_docx_bytes())


def test_plain_zip_named_docx_is_refused():
    assert "tệp nén" in refusal("ke-hoach.docx", files.plain_zip_bytes())


def test_document_with_macros_is_refused():
    assert "macro" in refusal("ke-hoach.docx", files.macro_docm_bytes())


def test_empty_file_is_refused():
    assert "rỗng" in refusal("bao-cao.pdf", b"")


def test_file_over_the_limit_is_refused(settings):
    settings.TUSON_MAX_UPLOAD_MB = 1
    content = b"%PDF-1.4\n" + b"0" * (1024 * 1024) + b"\n%%EOF\n"
    message = refusal("bao-cao-lon.pdf", content)
    assert "vượt quá giới hạn 1 MB" in message


def test_truncated_pdf_is_refused():
    content = files.pdf_bytes()
    assert "không phải tệp PDF hoàn chỉnh" in refusal("bao-cao.pdf", content[: len(content) // 2])


def test_real_png_named_pdf_is_refused_naming_what_it_is():
    message = refusal("bao-cao.pdf", files.image_bytes("PNG"))
    assert "đuôi .pdf" in message and "ảnh PNG" in message


def test_unaccepted_format_is_named():
    from PIL import Image
    import io

    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    assert "ảnh GIF" in refusal("anh.gif", out.getvalue())


def test_unknown_bytes_are_refused():
    assert "Không nhận ra định dạng" in refusal("ghi-chu.pdf", "Chỉ là văn bản thuần".encode())


def test_file_without_extension_gets_the_extension_of_its_content():
    item = inspect_upload(files.upload("nghi-quyet", files.pdf_bytes()))
    assert item.original_name == "nghi-quyet.pdf"


def test_original_name_is_nfc_without_folders_or_control_characters():
    decomposed = "Ke\u0302\u0301 hoa\u0323ch.pdf"  # "Kế hoạch.pdf" typed with combining marks
    assert clean_original_name(decomposed) == "Kế hoạch.pdf"
    assert clean_original_name("C:\\Users\\Nam\\Báo cáo.pdf") == "Báo cáo.pdf"
    assert clean_original_name("bao\u202ecod.pdf") == "baocod.pdf"
