"""The reviewer reads the document in the page, sees what changed since the previous version
and the earlier comments; the revised form starts from the last version; the particulars
are suggested from an uploaded document."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from tasks.documents.versions import text_diff
from tasks.models import Submission
from tasks.services import submission_create, submission_decide
from tasks.uploads import inspect_upload
from tests.importer.builders import build_docx, build_pdf
from tests.tasks import files


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def docx_of(*paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def submit(user, assignment, name, content, **fields):
    data = {"kind": Submission.Kind.RESOLUTION, "number_symbol": "05-NQ/ĐU", "summary": "Nghị quyết",
            "signer": "Nguyễn Văn Bình", "issued_on": None, "reported_value": None}
    data.update(fields)
    submission, _ = submission_create(user=user, assignment_id=assignment.pk, data=data,
                                      files=[inspect_upload(files.upload(name, content))])
    return submission


def test_the_review_page_shows_the_changes_since_the_returned_version(client, cast, resolution_assignment):
    first = submit(cast.dinh_bang, resolution_assignment, "nq.docx",
                   docx_of("Điều 1. Tổ chức huấn luyện dân quân.", "Điều 2. Báo cáo kết quả."))
    submission_decide(user=cast.reviewer, submission_id=first.pk, accept=False, comment="Thiếu chỉ tiêu huấn luyện")
    second = submit(cast.dinh_bang, resolution_assignment, "nq-sua.docx",
                    docx_of("Điều 1. Tổ chức huấn luyện dân quân đạt 100% chỉ tiêu.", "Điều 2. Báo cáo kết quả."),
                    number_symbol="06-NQ/ĐU")
    client.force_login(cast.reviewer)
    page = client.get(reverse("tasks:submission_review", args=[second.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="changes"' in html
    assert "05-NQ/ĐU" in html and "06-NQ/ĐU" in html
    rows = page.context["comparison"]["fields"]
    changed = {row.label for row in rows if row.changed}
    assert "Số và ký hiệu" in changed and "Người ký" not in changed
    diff = page.context["comparison"]["diff"]
    assert ("removed", "Điều 1. Tổ chức huấn luyện dân quân.") in [(d.op, d.text) for d in diff]
    assert ("added", "Điều 1. Tổ chức huấn luyện dân quân đạt 100% chỉ tiêu.") in [(d.op, d.text) for d in diff]
    assert 'id="earlier-comments"' in html and "Thiếu chỉ tiêu huấn luyện" in html
    # The DOCX is shown as its text, with its download beside it.
    assert "đạt 100% chỉ tiêu" in html
    assert reverse("tasks:file_download", args=[second.files.get().pk]) in html


def test_a_first_version_has_no_comparison_and_a_pdf_gets_the_viewer(client, cast, resolution_assignment):
    submission = submit(cast.dinh_bang, resolution_assignment, "nq.pdf", build_pdf())
    client.force_login(cast.reviewer)
    html = client.get(reverse("tasks:submission_review", args=[submission.pk])).content.decode()
    assert 'id="changes"' not in html
    assert 'class="pdf-viewer' in html
    assert "vendor/pdfjs/pdf.min.js" in html and "js/pdf-viewer.js" in html


def test_text_diff_is_empty_for_the_same_text_and_marks_changed_lines():
    assert text_diff("a\nb", "a\n  b ") == []
    ops = [(d.op, d.text) for d in text_diff("a\nb\nc", "a\nB\nc")]
    assert ops == [("same", "a"), ("removed", "b"), ("added", "B"), ("same", "c")]


def test_the_file_page_shows_a_docx_as_text_and_the_csp_stays_strict(client, cast, resolution_assignment):
    submission = submit(cast.dinh_bang, resolution_assignment, "nq.docx", docx_of("Nội dung <b>không</b> chạy"))
    stored = submission.files.get()
    client.force_login(cast.dinh_bang)
    response = client.get(reverse("tasks:file_view", args=[stored.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung &lt;b&gt;không&lt;/b&gt; chạy" in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    assert "worker-src 'self'" in policy
    client.force_login(cast.tuong_giang)
    assert client.get(reverse("tasks:file_view", args=[stored.pk])).status_code == 404


def test_the_revised_form_is_prefilled_from_the_last_version(client, cast, resolution_assignment):
    first = submit(cast.dinh_bang, resolution_assignment, "nq.pdf", files.pdf_bytes(), signer="Trần Văn An",
                   summary="Nghị quyết lãnh đạo công tác quân sự")
    submission_decide(user=cast.reviewer, submission_id=first.pk, accept=False, comment="Sửa trích yếu")
    client.force_login(cast.dinh_bang)
    response = client.get(reverse("tasks:submission_create", args=[resolution_assignment.pk]))
    form = response.context["form"]
    assert form.initial["signer"] == "Trần Văn An"
    assert form.initial["number_symbol"] == "05-NQ/ĐU"
    assert 'value="Trần Văn An"' in response.content.decode()
    assert 'id="prefilled-from-last"' in response.content.decode()


def suggest(client, assignment, name, content):
    return client.post(reverse("tasks:suggest_particulars", args=[assignment.pk]),
                       {"file": files.upload(name, content)})


@pytest.mark.parametrize("name, build", [("chi-thi.pdf", lambda: build_pdf(with_tables=True)),
                                         ("chi-thi.docx", build_docx)])
def test_the_particulars_are_suggested_from_the_uploaded_document(client, cast, resolution_assignment, name, build):
    client.force_login(cast.dinh_bang)
    response = suggest(client, resolution_assignment, name, build())
    assert response.status_code == 200
    assert response.json() == {"number_symbol": "03-CT/TU", "issued_on": "04/01/2022", "signer": "Lê Xuân Lợi",
                               "found": ["number_symbol", "issued_on", "signer"], "error": ""}


def test_a_suggestion_from_a_scan_or_an_image_says_why_nothing_was_read(client, cast, resolution_assignment):
    client.force_login(cast.dinh_bang)
    blank = suggest(client, resolution_assignment, "quet.pdf", files.pdf_bytes())
    assert blank.status_code == 200 and blank.json()["found"] == [] and "lớp chữ" in blank.json()["error"]
    image = suggest(client, resolution_assignment, "anh.png", files.image_bytes())
    assert image.status_code == 400 and "PDF hoặc Word" in image.json()["error"]
    lying = suggest(client, resolution_assignment, "virus.pdf", files.windows_exe_bytes())
    assert lying.status_code == 400 and lying.json()["error"]


@pytest.mark.parametrize("who, status", [
    ("dinh_bang", 200), ("dinh_bang_head", 200), ("tuong_giang", 404), ("reviewer", 404), ("office", 404),
    ("observer", 404),
])
def test_who_may_ask_for_a_suggestion(client, cast, resolution_assignment, who, status):
    client.force_login(getattr(cast, who))
    assert suggest(client, resolution_assignment, "nq.docx", build_docx()).status_code == status


def test_anonymous_cannot_ask_for_a_suggestion(client, cast, resolution_assignment):
    response = suggest(client, resolution_assignment, "nq.docx", build_docx())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
