"""Recurring tasks (báo cáo định kỳ): a task that falls due every month, quarter, half-year or
year of the directive's year, with a rule for each period's deadline: a day of the period's
last month (the last day when the month is shorter, or when no day is given).

A recurring task is written as one task per period, each with its own assignments, so every
occurrence is tracked, reminded and counted like any other work; `Task.period` names the
period and `Task.series` the key of the recurring task it came from.
"""

import calendar
import datetime
import re

MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY = "monthly", "quarterly", "half_yearly", "yearly"
EVERY = (MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY)
ROMAN = ("I", "II", "III", "IV")
KEY_ROOM = 16  # a recurring task's key leaves room for its period's suffix ("-T12") in 20


def periods(year, every):
    """[(suffix, label, first month, last month)] of `year` for the recurrence `every`."""
    if every == MONTHLY:
        return [(f"T{m}", f"tháng {m}/{year}", m, m) for m in range(1, 13)]
    if every == QUARTERLY:
        return [(f"Q{q + 1}", f"quý {ROMAN[q]}/{year}", 3 * q + 1, 3 * q + 3) for q in range(4)]
    if every == HALF_YEARLY:
        return [("H1", f"6 tháng đầu năm {year}", 1, 6), ("H2", f"6 tháng cuối năm {year}", 7, 12)]
    if every == YEARLY:
        return [("N", f"năm {year}", 1, 12)]
    raise ValueError(every)


def deadline(year, last_month, day=None):
    """The deadline of a period ending in `last_month`: `day` of that month, or its last day."""
    last = calendar.monthrange(year, last_month)[1]
    return datetime.date(year, last_month, min(day or last, last))


def expand(task, year):
    """The occurrences of a recurring task (a plan or data dict with `recurrence`), one dict
    per period: key and title carry the period, the deadline follows the rule."""
    rule = task["recurrence"]
    out = []
    for suffix, label, _first, last_month in periods(year, rule["every"]):
        occurrence = dict(task, recurrence=None)
        occurrence.update(
            key=f"{task['key']}-{suffix}", title=f"{task['title']} ({label})"[:300],
            deadline=deadline(year, last_month, rule.get("day")), deadline_proposed=False,
            deadline_note=describe(rule), period=label, series=task["key"],
        )
        out.append(occurrence)
    return out


def describe(rule):
    """The rule in words, for the deadline note."""
    every = {MONTHLY: "hằng tháng", QUARTERLY: "hằng quý", HALF_YEARLY: "6 tháng một lần",
             YEARLY: "hằng năm"}[rule["every"]]
    day = rule.get("day")
    month = "tháng đó" if rule["every"] == MONTHLY else "tháng cuối kỳ"
    when = f"ngày {day} {month}" if day else f"ngày cuối {month}"
    return f"Định kỳ {every}; hạn {when}"


_EVERY_WORDS = [
    (MONTHLY, re.compile(r"\b(?:hằng|hàng|mỗi) tháng\b", re.I)),
    (QUARTERLY, re.compile(r"\b(?:hằng|hàng|mỗi) quý\b|định kỳ (?:theo )?quý", re.I)),
    (HALF_YEARLY, re.compile(r"\b(?:6|sáu) tháng một lần\b|định kỳ (?:6|sáu) tháng|(?:hằng|hàng|mỗi) "
                             r"(?:6|sáu) tháng", re.I)),
    (YEARLY, re.compile(r"định kỳ hằng năm|báo cáo hằng năm|báo cáo hàng năm", re.I)),
]
_DAY = re.compile(r"trước ngày (\d{1,2})(?! tháng \d)|ngày (\d{1,2}) (?:của )?tháng cuối", re.I)
_REPORTING = re.compile(r"báo cáo", re.I)


def detect(text):
    """A recurrence the text states for a report ("báo cáo … hằng quý, trước ngày 15 tháng
    cuối quý"), or None. Only reporting obligations recur: "duy trì hằng tháng" alone is
    year-round work, not a report per month."""
    if not _REPORTING.search(text or ""):
        return None
    for every, pattern in _EVERY_WORDS:
        if pattern.search(text):
            rule = {"every": every}
            m = _DAY.search(text)
            if m:
                day = int(m.group(1) or m.group(2))
                if 1 <= day <= 31:
                    rule["day"] = day
            return rule
    return None
