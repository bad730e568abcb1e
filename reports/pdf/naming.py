"""File names of reports: Vietnamese slugs, never English words.

    bao-cao-tien-do-03-CT-TU-30-06-2022.pdf
    bao-cao-tien-do-dinh-bang-03-CT-TU-30-06-2022.docx      (a unit's own report)
    danh-sach-qua-han-03-CT-TU-30-06-2022-du-thao.pdf       (a draft)

Letters lose their tone marks (đ becomes d) so that every browser and mail client keeps the
name; the directive's number and symbol keep their capitals.
"""

import re
import unicodedata

KIND_SLUGS = {
    "directive_progress": "bao-cao-tien-do",
    "unit": "bao-cao-tien-do",
    "overdue": "danh-sach-qua-han",
}


def ascii_letters(text):
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def slug(text, lower=True):
    text = ascii_letters(text)
    if lower:
        text = text.lower()
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def report_filename(report, extension):
    parts = [KIND_SLUGS.get(report.kind, "bao-cao")]
    if report.kind == "unit" and report.unit is not None:
        parts.append(slug(report.unit.short_name or report.unit.name))
    parts.append(slug(report.directive.number_symbol, lower=False))
    if report.as_of:
        parts.append(f"{report.as_of:%d-%m-%Y}")
    if not report.is_final:
        parts.append("du-thao")
    return "-".join(p for p in parts if p) + f".{extension}"
