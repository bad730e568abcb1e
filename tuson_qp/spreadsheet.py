"""The one rule every export that a spreadsheet program may open follows (dashboard XLSX and
CSV, audit CSV): text that the program would run as a formula is written as text.

A cell whose text starts with "=", "+", "-" or "@" (or a tab or carriage return, which some
programs skip before looking) is a formula to Excel and LibreOffice: `=HYPERLINK(…)` in a task
title imported from a directive would become a live link, `=cmd|…` worse. The text gets a
leading apostrophe, as OWASP recommends for CSV; numbers, dates and empty cells pass as they
are (a negative number stays a number).
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
