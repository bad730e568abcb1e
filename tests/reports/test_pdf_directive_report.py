"""The directive progress report: the Party document format (Hướng dẫn 36-HD/VPTW) read back
from the PDF, and the very numbers of the dashboard for the same "as of" date."""

import pytest

from reports.dashboard.selectors import dashboard_data
from reports.pdf.figures import format_percent
from tests.reports.pdf_support import (
    AS_OF, make_progress, page_sizes, page_texts, pdf_fonts, pdf_tables, pdf_text, render_ready,
)

A4 = (595.28, 841.89)


@pytest.fixture
def progress(cast, directive):
    return make_progress(directive, cast)


_rendered = {}


@pytest.fixture
def pdf(cast, directive, progress, django_capture_on_commit_callbacks):
    """The report, requested and rendered by its job once per process: each test rebuilds the
    same data (cast, directive, progress), so the PDF would come out the same; the tests below
    only read it (a render takes seconds)."""
    if "pdf" not in _rendered:
        _report, _rendered["pdf"] = render_ready(
            cast.reviewer, directive, django_capture_on_commit_callbacks,
            number="15-BC/ĐUQS", signer_name="Nguyễn Văn Thành", final=True,
        )
    return _rendered["pdf"]


@pytest.fixture
def dashboard(cast, directive, progress):
    return dashboard_data(directive, cast.reviewer, AS_OF, None, matrix_units=0, overdue_per_page=None)


def test_the_header_signature_and_distribution_read_back_exactly(pdf):
    text = pdf_text(pdf)
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ THÀNH PHỐ TỪ SƠN", "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ",
        "Số 15-BC/ĐUQS", "Từ Sơn, ngày 18 tháng 5 năm 2022", "BÁO CÁO",
        "kết quả thực hiện Chỉ thị số 03-CT/TU, ngày 04/01/2022",
        "số liệu tính đến ngày 15/05/2022", "Nơi nhận:", "- Ban Thường vụ Thành ủy (b/c),",
        "- Thường trực Tỉnh ủy (b/c),", "- ĐUQS tỉnh (b/c),", "- Lưu VP.", "T/M ĐẢNG ỦY", "BÍ THƯ",
        "Nguyễn Văn Thành",
    ]:
        assert expected in text.replace("\u00a0", " "), expected
    assert "DỰ THẢO" not in text  # a final report
    # The Party title comes first on the page, at the right of the organ's name.
    first_page = page_texts(pdf)[0].splitlines()
    assert first_page[0] == "ĐẢNG BỘ THÀNH PHỐ TỪ SƠN ĐẢNG CỘNG SẢN VIỆT NAM"


def test_every_page_is_a4_and_pages_are_numbered_from_the_second(pdf):
    sizes = page_sizes(pdf)
    assert len(sizes) >= 3
    for width, height in sizes:
        assert abs(width - A4[0]) <= 1 and abs(height - A4[1]) <= 1
    pages = page_texts(pdf)
    assert not pages[0].splitlines()[0].strip().isdigit()
    for number, text in enumerate(pages[1:], start=2):
        assert text.splitlines()[0].strip() == str(number)


def test_only_the_embedded_liberation_serif_is_used_charts_included(pdf):
    fonts = pdf_fonts(pdf)
    assert fonts
    for name, files in fonts.items():
        assert "LiberationSerif" in name and files == {"/FontFile2"}, name


def test_the_report_prints_the_dashboards_numbers_for_the_same_day(pdf, dashboard):
    rows = pdf_tables(pdf)
    summary = dashboard.summary
    for bucket in summary.buckets:
        assert [bucket.label, str(bucket.count), format_percent(bucket.percent)] in rows
    assert ["Tổng số lượt nhiệm vụ được giao", str(summary.assignments), ""] in rows

    def figures(row):
        return [*(str(b.count) for b in row.buckets), str(row.assignments),
                format_percent(row.done_percent), str(row.fallen_due)]

    for part in (p for p in dashboard.parts if p.assignments):
        assert [part.label, *figures(part)] in rows, part.label
        assert sum(b.count for b in part.buckets) == part.assignments
    unit_rows = [r for r in rows if len(r) == 9 and r[0].isdigit()]
    assert unit_rows == [[str(i), u.name, *figures(u)] for i, u in enumerate(dashboard.units, start=1)]
    overdue_rows = [r for r in rows if len(r) == 6 and r[0].isdigit()]
    assert overdue_rows == [
        [str(i), f"{o.task_key}. {o.task_title}", o.unit_name, f"{o.due:%d/%m/%Y}",
         str(o.days_overdue), o.status_label]
        for i, o in enumerate(dashboard.overdue, start=1)
    ]
    text = pdf_text(pdf)
    assert (f"{summary.assignments} lượt nhiệm vụ thực hiện Chỉ thị số 03-CT/TU, ngày 04/01/2022 "
            f"đã được giao cho {len(dashboard.units)} đơn vị; đã hoàn thành {summary.done} lượt") in text
    assert "Mỗi lượt nhiệm vụ thuộc đúng một trong bốn nhóm; tỷ lệ tính trên tổng số lượt được giao." in text
    assert (f"Đã đến hạn (đến hết ngày {AS_OF:%d/%m/%Y}): {summary.fallen_due} lượt, trong đó "
            f"{summary.done_fallen_due} lượt đã hoàn thành "
            f"({format_percent(summary.fallen_due_done_percent)}% số đã đến hạn)") in text


def test_the_work_in_the_data_is_in_all_four_buckets(dashboard):
    # Guards the test above: equal numbers prove little if they are all zero.
    assert all(b.count for b in dashboard.summary.buckets)
    assert sum(b.count for b in dashboard.summary.buckets) == dashboard.summary.assignments
    assert dashboard.summary.open_overdue and dashboard.overdue


def test_each_task_lists_its_accepted_results_from_the_data(pdf, progress):
    text = pdf_text(pdf)
    assert ("Đảng ủy phường Đình Bảng: Nghị quyết triển khai số 12-NQ/ĐU: Nghị quyết lãnh đạo "
            "công tác quân sự, quốc phòng địa phương năm 2022 của Đảng ủy phường Đình Bảng") in text
    assert "Đảng ủy phường Đình Bảng: Báo cáo tiến độ: Đã tổ chức phổ biến Chỉ thị" in text
    # A returned or pending submission is not a result.
    assert "Kế hoạch chưa đủ nội dung" not in text


def test_the_charts_are_drawn_inline_without_fetching_anything(cast, directive, progress):
    from reports.models import Report
    from reports.pdf.context import build
    from reports.pdf.render import html_to_pdf, render_html

    report = Report(kind="directive_progress", directive=directive, requested_by=cast.reviewer,
                    parameters={"as_of": AS_OF.isoformat(), "header": {"report_date": "2022-05-18"}})
    template, context = build(report, cast.reviewer)
    html = render_html(template, context)
    assert html.count("<svg") == 2 and "<script" not in html and "Liberation Sans" not in html
    rendered = html_to_pdf(html)
    assert rendered.refused == [] and all(u.startswith("static:fonts/") for u in rendered.fetched)


def test_the_report_prints_what_the_dashboard_page_shows_for_the_same_day(cast, directive, pdf):
    """The page itself (its form, filters and defaults), not the function the report calls."""
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(cast.reviewer)
    response = client.get(reverse("reports:dashboard", args=[directive.pk]),
                          {"ngay": AS_OF.strftime("%d/%m/%Y")})
    assert response.status_code == 200
    shown = response.context["data"]
    assert shown.as_of == AS_OF
    rows = pdf_tables(pdf)
    for bucket in shown.summary.buckets:
        assert [bucket.label, str(bucket.count), format_percent(bucket.percent)] in rows
    printed_units = {r[1]: r[2:] for r in rows if len(r) == 9 and r[0].isdigit()}
    assert printed_units == {
        u.name: [*(str(b.count) for b in u.buckets), str(u.assignments),
                 format_percent(u.done_percent), str(u.fallen_due)]
        for u in shown.units
    }
    overdue_rows = [r for r in rows if len(r) == 6 and r[0].isdigit()]
    assert len(overdue_rows) == shown.overdue_total == shown.summary.open_overdue > 0
