"""Dates: full and partial dates, anniversaries and national days, deadlines and targets."""

import calendar
import datetime
import re
from dataclasses import dataclass

from .normalize import fold

_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/])")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_DAY_MONTH = re.compile(r"(?<=ngày )(\d{1,2})/(\d{1,2})(?![/\d])", re.I)


def make_date(day, month, year):
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def find_dates(text, year=None):
    """[(start, end, date)] of every full date; day/month after "ngày" when a year is known."""
    found = []
    for rx in (_NUMERIC, _WORDS):
        for m in rx.finditer(text):
            g = m.groups()
            d = make_date(g[0], g[2], g[3]) if rx is _NUMERIC else make_date(*g)
            if d:
                found.append((m.start(), m.end(), d))
    if year:
        for m in _DAY_MONTH.finditer(text):
            d = make_date(m.group(1), m.group(2), year)
            if d and not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), d))
    return sorted(found)


# Days every Vietnamese reader knows by name (folded text → day, month).
NATIONAL_DAYS = [
    ("chien thang dien bien phu", 7, 5),
    ("thanh lap quan doi nhan dan viet nam", 22, 12),
    ("hoi quoc phong toan dan", 22, 12),
    ("thanh lap dang cong san viet nam", 3, 2),
    ("thanh lap dang", 3, 2),
    ("quoc khanh", 2, 9),
    ("giai phong hoan toan mien nam", 30, 4),
    ("giai phong mien nam", 30, 4),
    ("thuong binh liet si", 27, 7),
    ("thuong binh liet sy", 27, 7),
    ("truyen thong dan quan tu ve", 28, 3),
    ("thanh lap luc luong dan quan tu ve", 28, 3),
    ("thanh lap cong an nhan dan", 19, 8),
    ("truyen thong cong an nhan dan", 19, 8),
    ("cach mang thang tam", 19, 8),
    ("sinh chu tich ho chi minh", 19, 5),
    ("truyen thong bo doi bien phong", 3, 3),
    ("thanh lap hoi cuu chien binh", 6, 12),
    ("nha giao viet nam", 20, 11),
]

_ANNIVERSARY = re.compile(r"(?<!\d)(\d{1,3}) năm (?:ngày |kỷ niệm )?", re.I)
_RANGE = re.compile(r"\(\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*-\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*\)")
_NAME_END = re.compile(r"[,;.]|\s\(|\svà\s|$")


@dataclass
class Event:
    start: int
    end: int
    name: str
    date: datetime.date
    how: str  # "range" | "national"


def find_events(text, year):
    """Anniversaries "N năm ngày X" (with a date range or a known national day) in ``year``."""
    events = []
    if not year:
        return events
    for m in _ANNIVERSARY.finditer(text):
        tail = text[m.end():m.end() + 160]
        stop = _NAME_END.search(tail)
        name_end = m.end() + (stop.start() if stop else len(tail))
        end = name_end
        date, how = None, ""
        rng = _RANGE.match(text, name_end + 1 if text[name_end:name_end + 1] == " " else name_end)
        if rng:
            date = make_date(rng.group(4), rng.group(5), year)
            end, how = rng.end(), "range"
        if date is None:
            name_folded = fold(text[m.end():name_end])
            for key, day, month in NATIONAL_DAYS:
                if key in name_folded:
                    date, how = make_date(day, month, year), "national"
                    break
        if date:
            events.append(Event(m.start(), end, text[m.start():end].strip(), date, how))
    return events


_CUE = r"(?:trước|chậm nhất|muộn nhất|hạn chót|xong trước|hoàn thành trước|trong)"
_DEADLINE_DATE = re.compile(_CUE + r"\s+(?:ngày\s+)?(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}))?", re.I)
_DEADLINE_MONTH = re.compile(r"(?:trong|xong trong|hoàn thành trong)\s+tháng\s+(\d{1,2})(?:/(\d{4}))?", re.I)
_DEADLINE_QUARTER = re.compile(
    r"(?:trong|trước|xong trong|hoàn thành trong|hết)\s+quý\s+(IV|III|II|I|[1-4])(?:/(\d{4})|\s+năm\s+(\d{4}))?", re.I
)
_HALF_YEAR = re.compile(r"6 tháng đầu năm", re.I)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_end(year, month):
    if not 1 <= month <= 12:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def find_deadline(text, year):
    """(date, phrase) of a deadline the text states itself, or (None, "")."""
    m = _DEADLINE_DATE.search(text)
    if m and (m.group(3) or year):
        d = make_date(m.group(1), m.group(2), m.group(3) or year)
        if d:
            return d, m.group(0)
    if not year:
        return None, ""
    m = _DEADLINE_MONTH.search(text)
    if m:
        d = _month_end(int(m.group(2) or year), int(m.group(1)))
        if d:
            return d, m.group(0)
    m = _DEADLINE_QUARTER.search(text)
    if m:
        q = _QUARTERS[m.group(1).upper()]
        return _month_end(int(m.group(2) or m.group(3) or year), q * 3), m.group(0)
    m = _HALF_YEAR.search(text)
    if m:
        return datetime.date(year, 6, 30), m.group(0)
    return None, ""


_TARGET = re.compile(r"(?<![\d,.])(\d{1,3}(?:[.,]\d+)?)\s?%(\s+chỉ tiêu(?:\s+giao quân)?)?", re.I)
# "đủ chỉ tiêu", "bảo đảm chỉ tiêu": the whole quota, i.e. 100 % of it.
_QUOTA = re.compile(r"(?:đủ|bảo đảm|đảm bảo|đạt|hoàn thành)\s+chỉ tiêu", re.I)


def find_target(text):
    """(value, unit) of the first percentage target ("đủ 100% chỉ tiêu", "đủ chỉ tiêu"), or (None, "")."""
    m = _TARGET.search(text)
    if not m:
        if _QUOTA.search(text):
            return 100, "% chỉ tiêu"
        return None, ""
    raw = m.group(1).replace(",", ".")
    value = float(raw)
    if value.is_integer():
        value = int(value)
    return value, "%" + (m.group(2) or "")


DEFAULT_RULES = {
    "resolution": (30, "Chỉ thị không nêu thời hạn; đề xuất 30 ngày sau ngày ban hành"),
    "plan": (30, "Chỉ thị không nêu thời hạn; đề xuất 30 ngày sau ngày ban hành"),
    "dissemination": (15, "Chỉ thị không nêu thời hạn; đề xuất 15 ngày sau ngày ban hành"),
}


def default_deadline(rule, issued_on, year):
    """(deadline, note) per the table of docs/directive-format.md."""
    if rule in DEFAULT_RULES and issued_on:
        days, note = DEFAULT_RULES[rule]
        return issued_on + datetime.timedelta(days=days), note
    if year:
        return datetime.date(year, 12, 31), f"Chỉ thị không nêu thời hạn; mặc định cuối năm {year}"
    return None, "Chỉ thị không nêu thời hạn và không rõ năm ban hành"
