"""The header: organs, number and symbol, place and date, document type, summary."""

import re
from dataclasses import dataclass, field

from tuson_qp.notes import Note, gettext_noop

from .dates import make_date
from .lexicon import DOCUMENT_TYPES

DATE_INVALID = gettext_noop("Ngày ban hành không hợp lệ: “%(text)s”.")
DATE_BLANK = gettext_noop("Ngày ban hành để trống (“%(text)s”): hãy điền ngày ký; các hạn đề xuất tạm tính "
                          "theo năm %(year)s.")

MOTTO = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.I)
NUMBER = re.compile(
    r"(?<!\w)Số\s*:?\s*(\d{1,5}[a-zA-Z]?)\s*([\-/])\s*([A-ZĐ][A-ZĐa-z0-9&]*(?:\s?[/\-]\s?[A-ZĐa-z0-9&]+)+)"
)
_PLACE = r"(?<!\w)((?:TP\. )?[A-ZĐÀ-Ỹ][a-zà-ỹđ]*(?:[ \-][A-ZĐÀ-Ỹ][a-zà-ỹđ]*){0,4})"
PLACE_DATE = re.compile(
    _PLACE + r",?\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(?:[-*]\s*)?(\d{4})"
)
PLACE_DATE_NUMERIC = re.compile(_PLACE + r",\s+ngày\s+(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
# The day (and often the month) left blank, to be written in by hand when signed:
# "Tương Giang, ngày    tháng 02 năm 2023", "Từ Sơn, ngày … tháng … năm 2023".
PLACE_DATE_BLANK = re.compile(
    _PLACE + r",?\s+ngày\s*[.…_]*\s*tháng\s*(?:\d{1,2}|[.…_]*)\s*năm\s+(\d{4})(?!\d)")
_TYPE_LINE = re.compile(
    r"^(" + "|".join(sorted(DOCUMENT_TYPES, key=len, reverse=True)) + r")(?:\s+(CỦA\s.+))?[.:]?$"
)
_ORGAN_SPLIT = re.compile(r"\s(?=(?:THÀNH ỦY|TỈNH ỦY|HUYỆN ỦY|QUẬN ỦY|THỊ ỦY|ĐẢNG ỦY|BAN THƯỜNG VỤ|CHI BỘ)\b)")
_BODY_START = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]\s+\S")


def is_caps(text):
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@dataclass
class Header:
    parent_organ: str = ""
    issuing_organ: str = ""
    number: str = ""
    symbol: str = ""
    document_type: str = ""
    issuing_body: str = ""
    summary: str = ""
    place: str = ""
    issued_on: object = None
    year: int = None
    body_start: int = 0          # index of the first body line
    motto: bool = False
    unplaced: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def _find_type_line(lines, limit):
    for i, line in enumerate(lines[:limit]):
        m = _TYPE_LINE.match(line.strip())
        if m and is_caps(m.group(1)):
            return i, m
    return None, None


def _blank(zone, m):
    """``zone`` with the match removed, its line breaks kept."""
    return zone[:m.start()] + re.sub(r"[^\n]", " ", m.group(0)) + zone[m.end():]


def _read_zone(header, lines):
    """Motto, number, place and date anywhere in the lines above the type (columns may be merged)."""
    zone = "\n".join(re.sub(r"^[-*]\s+", "", line) for line in lines)
    while (m := MOTTO.search(zone)):
        header.motto = True
        zone = _blank(zone, m)
    m = NUMBER.search(zone)
    if m:
        header.number = m.group(1)
        header.symbol = re.sub(r"\s", "", m.group(3))
        zone = _blank(zone, m)
    for rx in (PLACE_DATE, PLACE_DATE_NUMERIC):
        m = rx.search(zone)
        if m:
            header.place = m.group(1).strip(" ,")
            header.issued_on = make_date(m.group(2), m.group(3), m.group(4))
            if header.issued_on is None:
                header.warnings.append(Note(DATE_INVALID, text=" ".join(m.group(0).split())))
            zone = _blank(zone, m)
            break
    else:
        m = PLACE_DATE_BLANK.search(zone)
        if m:
            header.place = m.group(1).strip(" ,")
            header.year = int(m.group(2))
            header.warnings.append(Note(DATE_BLANK, text=" ".join(m.group(0).split()), year=header.year))
            zone = _blank(zone, m)
    organs = []
    for line in zone.split("\n"):
        line = " ".join(line.split()).strip(" ,;")
        if not line:
            continue
        if is_caps(line):
            organs.extend(p.strip() for p in _ORGAN_SPLIT.split(line) if p.strip())
        else:
            header.unplaced.append(line)
    return organs


def parse_header(lines):
    """Read the header from normalised lines; ``body_start`` says where the body begins."""
    header = Header()
    limit = min(len(lines), 60)
    type_index, type_match = _find_type_line(lines, limit)
    if type_index is None:
        zone_end = next((i for i, line in enumerate(lines[:limit])
                         if len(line) > 150 or _BODY_START.match(line)), limit)
        header.warnings.append(Note(gettext_noop("Không tìm thấy loại văn bản (CHỈ THỊ, NGHỊ QUYẾT, KẾ HOẠCH…).")))
    else:
        zone_end = type_index
    organs = _read_zone(header, lines[:zone_end])
    if organs:
        if len(organs) == 1:
            header.issuing_organ = organs[0]
            header.warnings.append(Note(gettext_noop("Chỉ thấy một dòng cơ quan; chưa rõ cơ quan cấp trên.")))
        else:
            header.parent_organ, header.issuing_organ = organs[0], " ".join(organs[1:])
    i = zone_end
    if type_match:
        header.document_type = type_match.group(1)
        header.issuing_body = (type_match.group(2) or "").strip()
        i = type_index + 1
        while i < len(lines) and not lines[i]:
            i += 1
        if (not header.issuing_body and i < len(lines) and is_caps(lines[i]) and len(lines[i]) < 120
                and not re.match(r"^(?:VỀ|V/V)\b", lines[i])):
            header.issuing_body = lines[i]
            i += 1
        while i < len(lines) and not lines[i]:
            i += 1
        if i < len(lines) and len(lines[i]) <= 300 and not _BODY_START.match(lines[i]) and (
            re.match(r"^(?:Về|V/v)\b", lines[i], re.I) or len(lines[i]) <= 200
        ):
            summary = lines[i]
            i += 1
            while (i < len(lines) and lines[i] and len(summary) + len(lines[i]) < 300
                   and (lines[i][0].islower() or lines[i][0].isdigit())):
                summary += " " + lines[i]
                i += 1
            header.summary = summary.strip()
    header.body_start = i
    if not header.summary:
        header.warnings.append(Note(gettext_noop("Không tìm thấy trích yếu (dòng “Về …” dưới loại văn bản).")))
    if not header.number:
        header.warnings.append(Note(gettext_noop("Không tìm thấy số và ký hiệu (ví dụ “Số 03-CT/TU”).")))
    if header.issued_on is None and not any(w.template in (DATE_INVALID, DATE_BLANK) for w in header.warnings):
        header.warnings.append(Note(gettext_noop(
            "Không tìm thấy ngày ban hành (dòng “Từ Sơn, ngày … tháng … năm …”); "
            "các hạn đề xuất tính theo cuối năm."
        )))
    header.year = header.issued_on.year if header.issued_on else header.year
    return header


def guess_year(header, text):
    """The year when the date is missing: from the summary, else "năm YYYY" in the text."""
    m = re.search(r"năm\s+(\d{4})", header.summary or "")
    if m:
        return int(m.group(1)), Note(gettext_noop("trích yếu"))
    years = re.findall(r"(?<![\d/\-])năm\s+((?:19|20)\d\d)(?!\d)", text)
    if years:
        best = max(set(years), key=lambda y: (years.count(y), y))
        return int(best), Note(gettext_noop("cụm “năm %(year)s” trong văn bản"), year=best)
    return None, ""
