"""build_docx(kind, context) -> bytes: the DOCX twin of a report, from the very context the
PDF template was rendered with (reports.pdf.context.build).

Layout (Hướng dẫn 36-HD/VPTW): A4 with the report margins (settings.REPORT_MARGINS_MM),
Times New Roman 14; the header as a two-column borderless table (parent and issuing organ,
asterisk and number on the left; the Party title, place and date, DỰ THẢO for a draft on the
right); BÁO CÁO and the summary line centred; sections I–IV; "Nơi nhận" and the signature
block as a second borderless table; then "PHỤ LỤC" on a new page with its tables, whose
header rows repeat on every page. Page numbers at the top centre from page 2.
"""

import io

from django.conf import settings
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports.docx.xml import FONT, cell_xml, row_xml, table_element

MM = 56.7  # twips per millimetre
A4 = (210, 297)


def _set_font(style, size):
    style.font.name = FONT
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


class Writer:
    def __init__(self):
        self.doc = Document()
        _set_font(self.doc.styles["Normal"], 14)
        section = self.doc.sections[0]
        margins = settings.REPORT_MARGINS_MM
        section.page_width, section.page_height = Mm(A4[0]), Mm(A4[1])
        section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
        section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
        self.width = int((A4[0] - margins["left"] - margins["right"]) * MM)
        self._page_numbers(section)

    # Pieces ---------------------------------------------------------------------------------

    def _page_numbers(self, section):
        """A PAGE field at the top centre of every page but the first (HD36)."""
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def paragraph(self, text="", *, size=14, bold=False, italic=False, align="justify",
                  indent=True, underline=False, before=0, after=6, keep_next=False, container=None):
        p = (container or self.doc).add_paragraph()
        p.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                       "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if indent:
            fmt.first_line_indent = Mm(10)
        fmt.keep_with_next = keep_next
        if text:
            run = p.add_run(text)
            run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
        return p

    def heading(self, text, size=14, indent=True, italic=False):
        return self.paragraph(text, size=size, bold=True, italic=italic, indent=indent, before=6,
                              after=3, keep_next=True, align="left" if not indent else "justify")

    def borderless(self, columns):
        table = self.doc.add_table(rows=1, cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        table._tbl.tblPr.append(borders)
        return table

    @staticmethod
    def cell_text(cell, lines):
        """Replace a cell's content with `lines`: [(text, size, bold, italic, underline)]."""
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        for text, size, bold, italic, underline in lines:
            p = cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(text)
            run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
        return cell

    def append_table(self, widths, rows):
        body = self.doc.element.body
        body.insert(len(body) - 1, table_element(widths, rows))  # before the section properties

    def page_break(self):
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def content(self):
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


# The document -------------------------------------------------------------------------------

def _header(w, header):
    table = w.borderless(2)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    w.cell_text(left, [
        (header.parent_organ, 14, False, False, False),
        (header.issuing_organ, 14, True, False, False),
        ("*", 14, False, False, False),
        (header.number_line, 14, False, False, False),
    ])
    lines = [("ĐẢNG CỘNG SẢN VIỆT NAM", 15, True, False, True),
             ("", 8, False, False, False),
             (header.place_and_date, 14, False, True, False)]
    if header.draft_mark:
        lines.append((header.draft_mark, 13, True, False, False))
    w.cell_text(right, lines)
    w.paragraph(header.document_type, size=16, bold=True, align="center", indent=False, before=18, after=0)
    w.paragraph(header.title_line, bold=True, align="center", indent=False, after=0)
    w.paragraph("-----", align="center", indent=False, after=12)


def _sections(w, sections):
    for section in sections:
        if not section["paragraphs"]:
            continue
        w.heading(section["title"])
        for text in section["paragraphs"]:
            w.paragraph(text)


def _closing(w, header):
    table = w.borderless(2)
    left, right = table.rows[0].cells
    left.width = right.width = Mm(82)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    title = left.add_paragraph()
    title.paragraph_format.space_after = Pt(0)
    run = title.add_run("Nơi nhận:")
    run.font.size, run.underline = Pt(14), True  # as in the PDF: 14 pt, underlined
    for line in header.recipient_lines:
        p = left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.add_run(line).font.size = Pt(12)
    w.cell_text(right, [
        (header.signer_authority, 14, True, False, False),
        (header.signer_position, 14, True, False, False),
        ("", 14, False, False, False), ("", 14, False, False, False), ("", 14, False, False, False),
        (header.signer_name, 14, True, False, False),
    ])


BUCKET_SUBHEADS = ["Đúng hạn", "Quá hạn", "Còn trong hạn", "Quá hạn"]


def _bucket_table(w, label, rows, numbered=False):
    """The four buckets under two group headings, as the PDF prints them; `rows`: dicts with
    label, cells, total, done_percent, fallen_due (the PDF's columns, in its order)."""
    num = int(w.width * 0.0742)
    tt = int(w.width * 0.06) if numbered else 0
    label_w = w.width - 7 * num - tt
    widths = ([tt] if numbered else []) + [label_w] + [num] * 7
    first = ([cell_xml("TT", tt, 11, align="center", bold=True, vmerge="restart")] if numbered else []) + [
        cell_xml(label, label_w, 11, align="center", bold=True, vmerge="restart"),
        cell_xml("Đã hoàn thành", 2 * num, 11, align="center", bold=True, span=2),
        cell_xml("Chưa hoàn thành", 2 * num, 11, align="center", bold=True, span=2),
        cell_xml("Tổng số lượt giao", num, 11, align="center", bold=True, vmerge="restart"),
        cell_xml("Tỷ lệ hoàn thành (%)", num, 11, align="center", bold=True, vmerge="restart"),
        cell_xml("Đã đến hạn", num, 11, align="center", bold=True, vmerge="restart"),
    ]
    second = ([cell_xml("", tt, 11, vmerge="continue")] if numbered else []) + [
        cell_xml("", label_w, 11, vmerge="continue"),
        *(cell_xml(h, num, 11, align="center", bold=True) for h in BUCKET_SUBHEADS),
        *(cell_xml("", num, 11, vmerge="continue") for _ in range(3)),
    ]
    body = []
    for i, row in enumerate(rows, start=1):
        cells = [cell_xml(str(i), tt, 12, align="center")] if numbered else []
        cells.append(cell_xml(row["label"], label_w, 12))
        values = [*row["cells"], row["total"], row["done_percent"], row["fallen_due"]]
        cells += [cell_xml(str(v), num, 12, align="right") for v in values]
        body.append(row_xml(cells))
    w.append_table(widths, [row_xml(first, header=True), row_xml(second, header=True), *body])


def _simple_table(w, headings, fractions, rows, aligns=None):
    widths = [int(w.width * f) for f in fractions]
    widths[-1] += w.width - sum(widths)
    aligns = aligns or ["left"] * len(headings)
    head = row_xml([cell_xml(h, wd, 11, align="center", bold=True) for h, wd in zip(headings, widths)],
                   header=True)
    body = [row_xml([cell_xml(v, wd, 12, align=a) for v, wd, a in zip(row, widths, aligns)])
            for row in rows]
    w.append_table(widths, [head, *body])


def _date(day):
    return f"{day:%d/%m/%Y}" if day else "–"


def _summary_table(w, summary):
    rows = [[b["label"], str(b["count"]), b["percent"]] for b in summary["buckets"]]
    rows.append(["Tổng số lượt nhiệm vụ được giao", str(summary["total"]), ""])
    _simple_table(w, ["Nhóm", "Số lượt nhiệm vụ", "Tỷ lệ (%)"], [0.6, 0.2, 0.2], rows,
                  ["left", "right", "right"])
    w.paragraph(f"Tỷ lệ hoàn thành: {summary['done_percent']}%.", size=12, indent=False)


def _overdue_table(w, overdue, one_unit=False):
    if not overdue:
        w.paragraph("Không có nhiệm vụ nào chưa hoàn thành, quá hạn.", size=12, indent=False)
        return
    if one_unit:
        headings, fractions = ["TT", "Nhiệm vụ", "Thời hạn", "Số ngày quá hạn", "Tình trạng"], [0.06, 0.55, 0.14, 0.11, 0.14]
        rows = [[str(i), f"{o['task_key']}. {o['task_title']}", _date(o["due_date"]), str(o["days_overdue"]),
                 o["status_label"]] for i, o in enumerate(overdue, start=1)]
        aligns = ["center", "left", "center", "right", "left"]
    else:
        headings = ["TT", "Nhiệm vụ", "Đơn vị", "Thời hạn", "Số ngày quá hạn", "Tình trạng"]
        fractions = [0.06, 0.32, 0.23, 0.14, 0.11, 0.14]
        rows = [[str(i), f"{o['task_key']}. {o['task_title']}", o["unit_name"], _date(o["due_date"]),
                 str(o["days_overdue"]), o["status_label"]] for i, o in enumerate(overdue, start=1)]
        aligns = ["center", "left", "left", "center", "right", "left"]
    _simple_table(w, headings, fractions, rows, aligns)


def _appendix_start(w, ctx):
    w.page_break()
    w.paragraph("PHỤ LỤC", bold=True, align="center", indent=False, after=0)
    w.paragraph(f"({ctx['appendix_reference']})", italic=True, align="center", indent=False, after=10)


def _task_rows(part):
    rows = []
    for task in part["tasks"]:
        rows.append({"label": f"{task['key']}. {task['title']}", "cells": task["cells"],
                     "fallen_due": task["fallen_due"], "total": task["total"],
                     "done_percent": task["done_percent"]})
    return rows


def _directive_appendix(w, ctx):
    _appendix_start(w, ctx)
    w.heading("1. Kết quả chung theo bốn nhóm", indent=False)
    _summary_table(w, ctx["summary"])
    w.heading("2. Kết quả thực hiện theo từng phần của Chỉ thị", indent=False)
    _bucket_table(w, "Phần", ctx["parts"])
    w.heading("3. Kết quả thực hiện từng nhiệm vụ", indent=False)
    for part in ctx["part_details"]:
        w.heading(f"{part['label']}{'. ' + part['title'] if part['title'] else ''}", indent=False, italic=True)
        _bucket_table(w, "Nhiệm vụ", _task_rows(part))
        for task in part["tasks"]:
            for result in task["results"]:
                w.paragraph(f"- {task['key']}. {result['unit_name']}: {result['text']}", size=11,
                            indent=False, after=0, align="left")
    w.heading("4. Kết quả thực hiện của các đơn vị", indent=False)
    _bucket_table(w, "Đơn vị", ctx["units"], numbered=True)
    w.heading("5. Các nhiệm vụ chưa hoàn thành, quá hạn", indent=False)
    if ctx["overdue_total"] > len(ctx["overdue"]):
        w.paragraph(f"Có {ctx['overdue_total']} lượt nhiệm vụ chưa hoàn thành, quá hạn; dưới đây là "
                    f"{len(ctx['overdue'])} lượt quá hạn lâu nhất.", size=12, indent=False)
    _overdue_table(w, ctx["overdue"])


def _unit_appendix(w, ctx):
    _appendix_start(w, ctx)
    w.heading("1. Kết quả chung theo bốn nhóm", indent=False)
    _summary_table(w, ctx["summary"])
    w.heading("2. Các nhiệm vụ được giao", indent=False)
    _simple_table(
        w, ["TT", "Nhiệm vụ", "Vai trò", "Thời hạn", "Hoàn thành", "Tình trạng"],
        [0.07, 0.37, 0.12, 0.15, 0.14, 0.15],
        [[str(i), f"{a['task_key']}. {a['task_title']}", a["role_label"], _date(a["due_date"]),
          _date(a["completed_on"]), a["status_label"]] for i, a in enumerate(ctx["assignments"], start=1)],
        ["center", "left", "left", "center", "center", "left"])
    w.heading("3. Văn bản đã nộp và kết quả thẩm định", indent=False)
    if ctx["submissions"]:
        _simple_table(
            w, ["Nhiệm vụ", "Lần nộp", "Văn bản", "Ngày nộp", "Kết quả thẩm định"],
            [0.11, 0.08, 0.44, 0.14, 0.23],
            [[s["task_key"], str(s["version"]), f"{s['kind_label']}: {s['summary']}", _date(s["submitted_on"]),
              s["status_label"] + (f": {s['review_comment']}" if s["review_comment"] else "")]
             for s in ctx["submissions"]],
            ["left", "center", "left", "center", "left"])
    else:
        w.paragraph("Đơn vị chưa nộp văn bản nào.", size=12, indent=False)
    w.heading("4. Nhiệm vụ chưa hoàn thành, quá hạn; gia hạn và giải trình", indent=False)
    _overdue_table(w, ctx["overdue"], one_unit=True)
    if ctx["extensions"]:
        _simple_table(
            w, ["Nhiệm vụ", "Thời hạn cũ", "Thời hạn đề nghị", "Lý do", "Quyết định"],
            [0.12, 0.15, 0.15, 0.38, 0.2],
            [[e["task_key"], _date(e["previous_due_date"]), _date(e["requested_due_date"]), e["reason"],
              e["status_label"]] for e in ctx["extensions"]])


def _overdue_body(w, ctx):
    w.paragraph(f"Thực hiện nhiệm vụ theo dõi, đôn đốc, kiểm tra việc thực hiện {ctx['directive_reference']} "
                f"{ctx['directive_summary']}, {ctx['author']} tổng hợp các nhiệm vụ chưa hoàn thành, quá hạn, "
                f"số liệu tính đến ngày {ctx['as_of_text']}: có {len(ctx['overdue'])} lượt nhiệm vụ của "
                f"{len(ctx['overdue_groups'])} đơn vị.")
    for i, group in enumerate(ctx["overdue_groups"], start=1):
        w.heading(f"{i}. {group['unit_name']} ({len(group['items'])} nhiệm vụ)")
        _simple_table(
            w, ["Nhiệm vụ", "Thời hạn", "Số ngày quá hạn", "Tình trạng"], [0.52, 0.15, 0.14, 0.19],
            [[f"{o['task_key']}. {o['task_title']}", _date(o["due_date"]), str(o["days_overdue"]),
              o["status_label"]] for o in group["items"]],
            ["left", "center", "right", "left"])


def build_docx(kind, ctx):
    w = Writer()
    header = ctx["header"]
    _header(w, header)
    if kind == "overdue":
        _overdue_body(w, ctx)
        if ctx["overdue_groups"]:
            w.paragraph("Đề nghị các đơn vị có tên trên khẩn trương hoàn thành các nhiệm vụ, gửi văn bản, "
                        "minh chứng kết quả qua Cổng theo dõi; trường hợp chưa thể hoàn thành phải giải "
                        "trình rõ lý do và đề nghị gia hạn./.")
        _closing(w, header)
        return w.content()
    if kind == "unit":
        w.paragraph(f"Thực hiện {ctx['directive_reference']} {ctx['directive_summary']}, {ctx['author']} báo "
                    f"cáo kết quả thực hiện các nhiệm vụ được giao của {ctx['unit'].name}, số liệu tính đến "
                    f"ngày {ctx['as_of_text']}, như sau:")
    else:
        w.paragraph(f"Thực hiện {ctx['directive_reference']} {ctx['directive_summary']}, {ctx['author']} báo "
                    f"cáo kết quả thực hiện, số liệu tính đến ngày {ctx['as_of_text']}, như sau:")
    _sections(w, ctx["sections"])
    whose = f" của {ctx['unit'].name}" if kind == "unit" else ""
    w.paragraph(f"Trên đây là báo cáo kết quả thực hiện {ctx['directive_reference']}{whose}, số liệu tính "
                f"đến ngày {ctx['as_of_text']}; số liệu chi tiết tại Phụ lục kèm theo./.")
    _closing(w, header)
    (_unit_appendix if kind == "unit" else _directive_appendix)(w, ctx)
    return w.content()
