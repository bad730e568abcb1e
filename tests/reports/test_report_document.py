"""The report as a document a Party committee signs and sends: sections I–IV with the texts
stored with the report, the tables in a "Phụ lục" after the signature block, no filler lines;
the same structure for one unit; the HD36 details (date line, summary line, DỰ THẢO, file
names); and the DOCX twin, opened and checked against the PDF's figures."""

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from reports.models import Report
from reports.pdf.header import NBSP, keep_together, place_and_date
from tasks.models import Assignment, Submission, Unit
from tests.reports.pdf_support import (
    AS_OF, make_progress, page_texts, pdf_tables, pdf_text, render_ready,
)

SECTION_TITLES = ["I. KẾT QUẢ THỰC HIỆN", "II. HẠN CHẾ, NGUYÊN NHÂN",
                  "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI", "IV. ĐỀ XUẤT, KIẾN NGHỊ"]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def filler_results(directive, cast):
    """Two wards' accepted progress reports on the same task whose summary only repeats the
    kind ("Báo cáo tiến độ thực hiện"): the old report printed that line once per unit."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    task_assignments = (Assignment.objects.filter(task__directive=directive, unit__kind=Unit.Kind.WARD,
                                                  due_date__lt=AS_OF - timedelta(days=20))
                        .order_by("task__position", "unit__name"))
    first = task_assignments.first()
    pair = list(task_assignments.filter(task=first.task)[:2])
    for a in pair:
        moment = timezone.make_aware(datetime.combine(a.due_date - timedelta(days=2), time(9)))
        Submission.objects.create(
            assignment=a, version=a.submissions.count() + 1, kind=Submission.Kind.PROGRESS,
            summary="Báo cáo tiến độ thực hiện", submitted_by=cast.dinh_bang, submitted_at=moment,
            status=Submission.Status.ACCEPTED, decided_by=cast.reviewer, decided_at=moment,
        )
        Assignment.objects.filter(pk=a.pk).update(completed_on=a.due_date - timedelta(days=2))
    return pair


@pytest.fixture
def report_and_pdf(cast, directive, django_capture_on_commit_callbacks):
    make_progress(directive, cast)
    filler_results(directive, cast)
    return render_ready(cast.reviewer, directive, django_capture_on_commit_callbacks,
                        number="15-BC/ĐUQS", signer_name="Nguyễn Văn Thành", final=True,
                        sections={"results": "Kết quả do cơ quan theo dõi viết lại.\nĐoạn thứ hai.",
                                  "limitations": "Hạn chế đã sửa.", "next_tasks": "Nhiệm vụ đã sửa.",
                                  "proposals": "Đề nghị Ban Thường vụ Thành ủy chỉ đạo."})


def test_the_sections_come_in_order_then_the_signature_then_the_appendix(report_and_pdf):
    report, content = report_and_pdf
    pages = page_texts(content)
    text = "\n".join(pages)
    positions = [text.index(t) for t in [*SECTION_TITLES, "Nơi nhận:", "PHỤ LỤC",
                                          "Kết quả thực hiện của các đơn vị"]]
    assert positions == sorted(positions)
    # The stored texts are what is printed, one paragraph a line.
    for typed in ("Kết quả do cơ quan theo dõi viết lại.", "Đoạn thứ hai.", "Hạn chế đã sửa.",
                  "Nhiệm vụ đã sửa.", "Đề nghị Ban Thường vụ Thành ủy chỉ đạo."):
        assert typed in text
    # The appendix starts on a page of its own, with its reference to the report.
    appendix = next(i for i, page in enumerate(pages) if "PHỤ LỤC" in page)
    assert "Nơi nhận:" not in pages[appendix] and "Nơi nhận:" in pages[appendix - 1]
    assert "Kèm theo Báo cáo số 15-BC/ĐUQS, ngày 18/05/2022 của Đảng ủy Quân sự thành phố" in pdf_text(content)
    # No table before the appendix: the body is text.
    body = "\n".join(pages[:appendix])
    assert "Tổng số lượt giao" not in body and "Số ngày quá hạn" not in body


def test_results_repeating_their_kind_are_one_line_naming_the_units(report_and_pdf, directive, cast):
    _report, content = report_and_pdf
    text = pdf_text(content)
    assert "Báo cáo tiến độ: Báo cáo tiến độ thực hiện" not in text
    names = sorted({a.unit.name for a in Assignment.objects.filter(
        task__directive=directive, submissions__summary="Báo cáo tiến độ thực hiện").select_related("unit")})
    assert len(names) == 2
    assert any(f"{a}, {b}: Báo cáo tiến độ" in text for a, b in (names, names[::-1]))
    lines = [line for page in page_texts(content) for line in page.splitlines()]
    results = [line for line in lines if line.startswith("- ") and ": " in line]
    assert len(results) == len(set(results))


def test_the_drafts_are_made_from_the_data_and_section_iv_is_left_out_when_empty(cast, directive, django_capture_on_commit_callbacks):
    from reports.dashboard.selectors import dashboard_data

    make_progress(directive, cast)
    report, content = render_ready(cast.reviewer, directive, django_capture_on_commit_callbacks)
    data = dashboard_data(directive, cast.reviewer, AS_OF, None, matrix_units=0, overdue_per_page=None)
    sections = report.sections
    assert set(sections) == {"results", "limitations", "next_tasks", "proposals"}
    assert sections["proposals"] == ""
    s = data.summary
    assert f"đã hoàn thành {s.done} lượt, trong đó đúng hạn {s.done_on_time} lượt" in sections["results"]
    assert f"Còn {s.open_overdue} lượt nhiệm vụ chưa hoàn thành, quá hạn" in sections["limitations"]
    assert s.returned and f"{s.returned} lượt văn bản, minh chứng bị trả lại" in sections["limitations"]
    worst = sorted(data.units, key=lambda u: (-u.open_overdue, u.name))[0]
    assert worst.name in sections["next_tasks"]
    text = pdf_text(content)
    assert all(t in text for t in SECTION_TITLES[:3]) and SECTION_TITLES[3] not in text
    for placeholder in ("...", "[", "…", "TODO", "XXX"):
        assert placeholder not in "".join(sections.values())


def test_a_new_version_starts_from_the_stored_texts(cast, report_and_pdf):
    report, _content = report_and_pdf
    form = client_for(cast.reviewer).get(reverse("reports:report_new"), {"phien-ban": report.pk}).context["form"]
    assert form.initial["results"] == "Kết quả do cơ quan theo dõi viết lại.\nĐoạn thứ hai."
    assert form.initial["number"] == "15-BC/ĐUQS" and form.initial["as_of"] == AS_OF
    # Someone who cannot open the report gets the ordinary blank form, not its texts.
    other = client_for(cast.dinh_bang).get(reverse("reports:report_new"), {"phien-ban": report.pk})
    assert other.context["form"].initial.get("results") != form.initial["results"]


def test_a_units_own_report_has_the_same_structure_on_its_own_figures(cast, directive, django_capture_on_commit_callbacks):
    make_progress(directive, cast)
    ward = Unit.objects.get(key="p-dinh-bang")
    report, content = render_ready(cast.dinh_bang, directive, django_capture_on_commit_callbacks,
                                   kind="unit", unit=ward)
    text = "\n".join(page_texts(content))
    positions = [text.index(t) for t in [*SECTION_TITLES[:3], "Nơi nhận:", "PHỤ LỤC", "Các nhiệm vụ được giao"]]
    assert positions == sorted(positions)
    assert "Đảng ủy phường Đình Bảng được giao" in report.sections["results"]
    assert "Tương Giang" not in report.sections["results"] + report.sections["limitations"]
    assert report.filename == "bao-cao-tien-do-dinh-bang-03-CT-TU-15-05-2022-du-thao.pdf"
    doc = Document(io.BytesIO(report.docx_file.read()))
    assert "Đảng ủy phường Đình Bảng" in "\n".join(p.text for p in doc.paragraphs)


# HD36 details ---------------------------------------------------------------------------------

@pytest.mark.parametrize("day, expected", [
    (date(2022, 7, 5), "Từ Sơn, ngày 05 tháng 7 năm 2022"),
    (date(2022, 2, 15), "Từ Sơn, ngày 15 tháng 02 năm 2022"),
    (date(2022, 1, 4), "Từ Sơn, ngày 04 tháng 01 năm 2022"),
    (date(2022, 12, 30), "Từ Sơn, ngày 30 tháng 12 năm 2022"),
    (date(2022, 3, 10), "Từ Sơn, ngày 10 tháng 3 năm 2022"),
])
def test_the_date_line_pads_only_days_1_to_9_and_months_1_and_2(day, expected):
    assert place_and_date("Từ Sơn", day) == expected


def test_the_summary_line_keeps_short_words_with_the_next_and_never_ends_on_one_word():
    bound = keep_together("kết quả thực hiện Chỉ thị số 03-CT/TU, ngày 04/01/2022 năm 2022")
    assert f"số{NBSP}03-CT/TU" in bound and f"ngày{NBSP}04/01/2022" in bound
    assert bound.endswith(f"năm{NBSP}2022")
    assert keep_together("về lãnh đạo quốc phòng").endswith(f"quốc{NBSP}phòng")


def test_a_draft_says_du_thao_and_a_final_one_needs_the_signer(cast, directive, django_capture_on_commit_callbacks):
    report, content = render_ready(cast.reviewer, directive, django_capture_on_commit_callbacks)
    assert not report.is_final and "DỰ THẢO" in page_texts(content)[0]
    assert report.filename.endswith("-du-thao.pdf")
    doc = Document(io.BytesIO(report.docx_file.read()))
    assert "DỰ THẢO" in doc.tables[0].cell(0, 1).text
    # Marking it final without the signer's name is refused next to the field.
    data = {"kind": "directive_progress", "directive": directive.pk, "unit": "", "as_of": "15/05/2022",
            "report_date": "18/05/2022", "parent_organ": "x", "issuing_organ": "y", "number": "-BC/ĐUQS",
            "place": "Từ Sơn", "document_type": "Báo cáo", "title": "t", "signer_authority": "T/M ĐẢNG ỦY",
            "signer_position": "BÍ THƯ", "signer_name": "", "recipients": "Lưu VP", "results": "r",
            "final": "on"}
    response = client_for(cast.reviewer).post(reverse("reports:report_new"), data)
    assert response.status_code == 200 and "Cần họ và tên người ký" in response.content.decode()
    assert Report.objects.count() == 1


# The DOCX twin ----------------------------------------------------------------------------------

def test_the_docx_twin_has_the_header_sections_and_the_pdf_s_figures(cast, report_and_pdf):
    report, content = report_and_pdf
    assert report.docx_filename == "bao-cao-tien-do-03-CT-TU-15-05-2022.docx"
    response = client_for(cast.reviewer).get(reverse("reports:report_download_docx", args=[report.pk]))
    assert response.status_code == 200
    assert f'filename="{report.docx_filename}"' in response["Content-Disposition"]
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))

    # The header: a two-column borderless table, as on the PDF's first page.
    header = doc.tables[0]
    left, right = header.cell(0, 0).text, header.cell(0, 1).text
    assert left.splitlines() == ["ĐẢNG BỘ THÀNH PHỐ TỪ SƠN", "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ", "*", "Số 15-BC/ĐUQS"]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right and "Từ Sơn, ngày 18 tháng 5 năm 2022" in right
    assert "DỰ THẢO" not in right
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}

    # Times New Roman 14, page numbers from page 2.
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297

    # The sections in order, with the stored texts, then the appendix.
    paragraphs = [p.text for p in doc.paragraphs]
    at = [paragraphs.index(t) for t in [*SECTION_TITLES, "PHỤ LỤC"]]
    assert at == sorted(at)
    assert "Kết quả do cơ quan theo dõi viết lại." in paragraphs

    # A table cell against the PDF: the first unit's row of the units table.
    pdf_units = [r for r in pdf_tables(content) if len(r) == 9 and r[0] == "1"]
    docx_units = next(t for t in doc.tables[2:] if t.rows[0].cells[0].text == "TT"
                      and t.rows[0].cells[1].text == "Đơn vị")
    first = [c.text for c in docx_units.rows[2].cells]
    assert first == pdf_units[0]
    assert len(docx_units.rows) - 2 == len([r for r in pdf_tables(content) if len(r) == 9 and r[0].isdigit()])
    # Header rows repeat on every page.
    for row in docx_units.rows[:2]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    four_groups = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nhóm")
    assert [c.text for c in four_groups.rows[1].cells] in pdf_tables(content)
