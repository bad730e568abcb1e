"""Where and how the Party document elements sit on the page (Hướng dẫn 36-HD/VPTW), measured
in the PDF with pdfplumber: the rule under the Party title as long as the title, the organ
block at the left, place and date in italics, type and summary centred, body at 14 pt,
"Nơi nhận" at the left and the signature at the right, margins from the settings."""

import io

import pdfplumber
import pytest
from django.template import Context, Template

from reports.pdf.header import Header
from reports.pdf.render import html_to_pdf, page_context

MM = 72 / 25.4  # points per millimetre
A4_WIDTH = 210 * MM

PAGE = Template(
    '{% extends "reports/pdf/base.html" %}'
    "{% block body %}<p>Thực hiện Chỉ thị số 03-CT/TU, Đảng ủy Quân sự thành phố báo cáo "
    "kết quả như sau.</p>{% endblock %}"
)


def header():
    return Header(
        parent_organ="ĐẢNG BỘ TỈNH BẮC NINH", issuing_organ="ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ",
        number="15-BC/ĐUQS", place="Từ Sơn", report_date="2022-05-18",
        title="kết quả thực hiện Chỉ thị số 03-CT/TU", signer_authority="T/M ĐẢNG ỦY",
        signer_position="BÍ THƯ", signer_name="Nguyễn Văn Thành",
        recipients=["Thường trực Tỉnh ủy (b/c)", "Lưu: VT ĐUQS"], final=True,
    )


def render_page():
    html = PAGE.render(Context({**page_context(), "header": header()}))
    return html_to_pdf(html).content


@pytest.fixture
def page():
    with pdfplumber.open(io.BytesIO(render_page())) as pdf:
        yield pdf.pages[0]


def line_of(page, text):
    """The words of the line that starts with `text` (matched word by word)."""
    words = page.extract_words(extra_attrs=["fontname", "size"])
    wanted = text.split()
    for i in range(len(words) - len(wanted) + 1):
        run = words[i:i + len(wanted)]
        if [w["text"] for w in run] == wanted and len({round(w["top"]) for w in run}) == 1:
            return run
    raise AssertionError(f"{text!r} not found in {[w['text'] for w in words]}")


def extent(words):
    return min(w["x0"] for w in words), max(w["x1"] for w in words)


def test_the_party_title_is_bold_15pt_at_the_right_with_a_rule_exactly_as_long(page):
    title = line_of(page, "ĐẢNG CỘNG SẢN VIỆT NAM")
    x0, x1 = extent(title)
    assert all("Bold" in w["fontname"] and round(w["size"]) == 15 for w in title)
    assert x0 > A4_WIDTH / 2  # the right-hand column
    bottom = max(w["bottom"] for w in title)
    # WeasyPrint paints a border as the band between two rectangles: the rule is the band
    # whose lower edge lies just under the title.
    rules = [r for r in page.rects + page.lines if 0 < r["bottom"] - bottom < 8]
    assert rules
    lowest = max(r["bottom"] for r in rules)
    band = sorted(r["bottom"] for r in rules)
    assert 0.3 < lowest - (band[-2] if len(band) > 1 else band[-1] - 0.75) < 1.5  # a thin rule
    for rule in rules:
        assert abs(rule["x0"] - x0) < 1.5 and abs(rule["x1"] - x1) < 1.5, (rule, x0, x1)


def test_the_organ_the_asterisk_and_the_number_are_at_the_left(page):
    parent, issuing = line_of(page, "ĐẢNG BỘ TỈNH BẮC NINH"), line_of(page, "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ")
    number, asterisk = line_of(page, "Số 15-BC/ĐUQS"), line_of(page, "*")
    assert all("Bold" not in w["fontname"] for w in parent)
    assert all("Bold" in w["fontname"] for w in issuing)
    assert all("Bold" not in w["fontname"] and "Italic" not in w["fontname"] for w in number)
    centre = sum(extent(issuing)) / 2
    for words in (parent, asterisk, number):  # centred under the organ's name, left half
        assert abs(sum(extent(words)) / 2 - centre) < 2
        assert extent(words)[1] < A4_WIDTH / 2 + 20
    assert parent[0]["top"] < issuing[0]["top"] < asterisk[0]["top"] < number[0]["top"]


def test_place_and_date_are_italic_under_the_rule(page):
    line = line_of(page, "Từ Sơn, ngày 18 tháng 5 năm 2022")
    assert all("Italic" in w["fontname"] for w in line)
    assert line[0]["top"] > line_of(page, "ĐẢNG CỘNG SẢN VIỆT NAM")[0]["bottom"]


def test_the_type_and_summary_are_centred_bold_and_the_body_is_14pt(settings, page):
    margins = settings.REPORT_MARGINS_MM
    middle = (margins["left"] * MM + A4_WIDTH - margins["right"] * MM) / 2
    kind, summary = line_of(page, "BÁO CÁO"), line_of(page, "kết quả thực hiện Chỉ thị số 03-CT/TU")
    for words in (kind, summary):
        assert abs(sum(extent(words)) / 2 - middle) < 2
        assert all("Bold" in w["fontname"] for w in words)
    assert round(kind[0]["size"]) == 16
    body = line_of(page, "Thực hiện Chỉ thị")
    assert all(round(w["size"]) == 14 and "Bold" not in w["fontname"] for w in body)


def test_the_distribution_is_at_the_left_and_the_signature_at_the_right(page):
    recipients = line_of(page, "Nơi nhận:")
    assert extent(recipients)[1] < A4_WIDTH / 2
    assert round(recipients[0]["size"]) == 14
    assert round(line_of(page, "- Thường trực Tỉnh ủy (b/c),")[0]["size"]) == 12
    for text in ("T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Văn Thành"):
        words = line_of(page, text)
        assert extent(words)[0] > A4_WIDTH / 2 and all("Bold" in w["fontname"] for w in words)
    assert line_of(page, "Nguyễn Văn Thành")[0]["top"] - line_of(page, "BÍ THƯ")[0]["bottom"] > 20 * MM


def test_the_margins_are_the_settings(settings):
    settings.REPORT_MARGINS_MM = {"top": 25, "bottom": 25, "left": 35, "right": 15}
    with pdfplumber.open(io.BytesIO(render_page())) as pdf:
        words = pdf.pages[0].extract_words()
    left = min(w["x0"] for w in words)
    right = max(w["x1"] for w in words)
    top = min(w["top"] for w in words)
    assert abs(left - 35 * MM) < 1.5
    assert abs(right - (A4_WIDTH - 15 * MM)) < 1.5  # the justified body reaches the right margin
    assert 25 * MM - 1 < top < 25 * MM + 6  # the first line's ascent above its glyphs


def test_text_typed_decomposed_is_printed_precomposed():
    """A value typed or pasted in NFD (combining marks) reaches the PDF in NFC: without the
    renderer's normalisation the extracted text would carry the combining marks."""
    import unicodedata

    from pypdf import PdfReader

    from reports.pdf.render import render_html

    typed = header()
    typed.signer_name = unicodedata.normalize("NFD", "Nguyễn Văn Thành")
    typed.recipients = [unicodedata.normalize("NFD", "Thường trực Tỉnh ủy (b/c)")]
    assert typed.signer_name != "Nguyễn Văn Thành"
    content = html_to_pdf(render_html("reports/pdf/base.html", {"header": typed})).content
    raw = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert [c for c in raw if unicodedata.combining(c)] == []
    assert "Nguyễn Văn Thành" in raw and "Thường trực Tỉnh ủy (b/c)" in raw


@pytest.mark.parametrize("name, short_name, symbol", [
    ("Đảng ủy Quân sự thành phố", "", "ĐUQS"),
    ("Văn phòng Thành ủy", "", "VPTU"),
    ("Đảng ủy Quân sự (thử nghiệm)", "", "ĐUQS"),  # a qualifier in brackets is not initials
    ("Đảng ủy Quân sự thành phố", "ĐUQS", "ĐUQS"),
])
def test_the_number_symbol_is_made_of_the_organs_initials(name, short_name, symbol):
    from types import SimpleNamespace

    from reports.pdf.header import organ_symbol

    assert organ_symbol(SimpleNamespace(name=name, short_name=short_name)) == symbol
