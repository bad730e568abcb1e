"""Step 1: the Office pastes a directive or uploads it (TXT, DOCX, PDF); bad input gets a clear message."""

import html
import io
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directives.models import ImportDraft

from .browser import draft_url, latest_draft, paste

START = reverse("directives:import_start")
ENGLISH = (
    "MEMORANDUM\nNo. 05/2023\nLondon, 4 January 2023\n\n"
    "The committee asks every department to review its budget before the end of the month. "
    "1. Each department shall send a report on its spending.\n"
    "2. The finance office shall check the reports and publish a summary for the board.\n"
) * 3


def upload(client, name, content, text=""):
    return client.post(START, {"text": text, "file": SimpleUploadedFile(name, content)})


def error_next_to(response, field):
    """The messages shown under the field (the block Django's aria-describedby points at)."""
    page = response.content.decode()
    marker = f'id="id_{field}_error">'
    assert marker in page, f"no error under {field}"
    start = page.index(marker) + len(marker)
    return html.unescape(page[start:page.index("</div>\n</div>", start)])


def seed_paragraphs(seed_text):
    return [line.replace("**", "").replace("*", "") for line in seed_text.split("\n") if line.strip()]


def build_docx(seed_text):
    import docx

    document = docx.Document()
    for paragraph in seed_paragraphs(seed_text):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_pdf(seed_text):
    import weasyprint

    body = "".join(f"<p>{html.escape(p)}</p>" for p in seed_paragraphs(seed_text))
    return weasyprint.HTML(string=(
        "<html><head><meta charset='utf-8'><style>@page{size:A4;margin:20mm 15mm 20mm 30mm}"
        "body{font-family:'DejaVu Serif',serif;font-size:13pt} p{margin:0 0 4pt 0}</style></head>"
        f"<body>{body}</body></html>")).write_pdf()


def test_the_office_sees_the_import_button_on_the_directive_list(office):
    page = office.get(reverse("directives:list")).content.decode()
    assert "Nhập chỉ thị từ văn bản" in page and START in page


def test_a_ward_officer_sees_no_import_button(client, cast):
    client.force_login(cast.dinh_bang)
    page = client.get(reverse("directives:list")).content.decode()
    assert "Nhập chỉ thị từ văn bản" not in page


def test_pasting_the_seed_makes_a_draft_and_opens_it(office, seed_text):
    response = paste(office, seed_text)
    draft = latest_draft()
    assert response.status_code == 302 and response.url == draft_url(draft)
    assert draft.source_type == "paste" and draft.source_text == seed_text
    assert [s["number"] for s in draft.data["sections"]] == [1, 2, 3, 4, 5, 6]
    assert draft.data["directive"]["number"] == "03" and draft.data["directive"]["issued_on"] == "2022-01-04"
    assert len(draft.all_tasks()) > 20
    page = office.get(response.url).content.decode()
    assert "Đã đọc văn bản: 6 phần" in page


def test_the_draft_is_listed_until_it_is_published(office, draft):
    page = office.get(START).content.decode()
    assert draft_url(draft) in page and "Chỉ thị số 03-CT/TU" in page


@pytest.mark.parametrize("text,message", [
    ("", "Hãy dán nội dung chỉ thị vào ô này hoặc chọn một tệp để tải lên."),
    ("   \n\t  \r\n", "Hãy dán nội dung chỉ thị vào ô này hoặc chọn một tệp để tải lên."),
    ("***\n---\n", "Văn bản trống."),
    (ENGLISH, "Văn bản không phải tiếng Việt có dấu"),
    ("Hôm nay trời đẹp, chúng tôi đi chơi ở công viên và ăn kem.\n" * 5,
     "Không nhận ra văn bản của Đảng: không tìm thấy số và ký hiệu, ngày ban hành hay các phần đánh số."),
])
def test_bad_pasted_text_gets_its_message_and_the_text_is_kept(office, text, message):
    response = paste(office, text)
    assert response.status_code == 200
    assert message in error_next_to(response, "text")
    assert not ImportDraft.objects.exists()
    if text.strip():
        assert html.escape(text.strip()[:40]) in response.content.decode()


def test_random_garbage_is_refused_with_a_message(office):
    rng = random.Random(7)
    garbage = "".join(rng.choice("abcđêô 0123456789./-;:,\n*()“”ạệ") for _ in range(5000))
    response = paste(office, garbage)
    assert response.status_code == 200
    assert error_next_to(response, "text")
    assert not ImportDraft.objects.exists()


def test_pasting_and_uploading_at_once_is_refused(office, seed_text):
    response = upload(office, "ct.txt", seed_text.encode(), text=seed_text)
    assert "Chỉ dùng một cách: dán văn bản hoặc tải tệp lên, không cả hai." in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_a_txt_upload_makes_a_draft(office, seed_text):
    response = upload(office, "chi-thi.txt", seed_text.encode("utf-8"))
    assert response.status_code == 302
    draft = latest_draft()
    assert draft.source_type == "txt" and draft.source_name == "chi-thi.txt"
    assert len(draft.data["sections"]) == 6


@pytest.mark.parametrize("build,kind", [(build_docx, "docx"), (build_pdf, "pdf")])
def test_docx_and_pdf_uploads_give_the_same_proposal_as_the_pasted_text(office, seed_text, build, kind):
    paste(office, seed_text)
    pasted = latest_draft().data
    # Named .txt on purpose: the type is decided by the content, not by the name.
    response = upload(office, "chi-thi.txt", build(seed_text))
    assert response.status_code == 302, error_next_to(response, "file")
    draft = latest_draft()
    assert draft.source_type == kind
    header = {k: v for k, v in draft.data["directive"].items() if k not in ("preamble", "closing")}
    assert header == {k: v for k, v in pasted["directive"].items() if k not in ("preamble", "closing")}
    assert [" ".join(s["text"].split()) for s in draft.data["sections"]] == \
        [" ".join(s["text"].split()) for s in pasted["sections"]]
    assert {d["number"] for d in draft.data["documents"]} == {d["number"] for d in pasted["documents"]}
    assert draft.data["distribution"] == pasted["distribution"]


def _png():
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(30) for _ in range(10))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _scanned_pdf():
    import base64

    import weasyprint

    src = "data:image/png;base64," + base64.b64encode(_png()).decode()
    return weasyprint.HTML(string=f"<html><body><img src='{src}' style='width:100mm'></body></html>").write_pdf()


@pytest.mark.parametrize("name,content,message", [
    ("trong.txt", b"", "tệp trống"),
    ("anh.png", _png(), "đây là tệp ảnh"),
    ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "định dạng Word cũ (.doc)"),
    ("hong.docx", b"PK\x03\x04" + bytes(300), "bị hỏng"),
    ("nhi-phan.bin", bytes(random.Random(3).randbytes(4000)), "không nhận ra định dạng tệp"),
    ("quet.pdf", None, "không có lớp chữ"),
])
def test_unreadable_uploads_get_a_clear_message(office, name, content, message):
    content = _scanned_pdf() if content is None else content
    response = upload(office, name, content)
    assert response.status_code == 200
    assert message in error_next_to(response, "file")
    assert not ImportDraft.objects.exists()


def test_an_upload_over_five_megabytes_is_refused(office, seed_text):
    big = (seed_text * 1000).encode()[: 5 * 1024 * 1024 + 10]
    response = upload(office, "lon.txt", big)
    assert "vượt giới hạn 5 MB" in error_next_to(response, "file")
    assert not ImportDraft.objects.exists()


def test_a_text_too_long_for_a_directive_is_refused(office, seed_text):
    response = paste(office, seed_text * 80)
    assert "Văn bản dài quá 5" in error_next_to(response, "text")
    assert "(giới hạn 500.000)" in error_next_to(response, "text")


def test_an_english_document_uploaded_is_refused(office):
    response = upload(office, "memo.txt", ENGLISH.encode())
    assert "Văn bản không phải tiếng Việt có dấu" in error_next_to(response, "file")
