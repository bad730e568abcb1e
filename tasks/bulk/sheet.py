"""The spreadsheet a person downloads: their assignments, one row each."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from tasks.bulk import columns as c
from tasks.bulk.scope import editable_ids, sheet_assignments
from tasks.models import AssignmentProgress

WIDTHS = {c.ID: 10, c.DIRECTIVE: 14, c.TASK_KEY: 12, c.TASK: 60, c.UNIT_KEY: 16, c.UNIT: 34,
          c.ROLE: 10, c.DEADLINE: 12, c.PROGRESS: 12, c.NOTE: 50}
EDITABLE_FILL = PatternFill("solid", fgColor="FFF8E1")


def workbook_bytes(user):
    rows = (sheet_assignments(user)
            .select_related("task__directive", "unit", "progress")
            .order_by("task__directive__issued_on", "task__section__number", "task__position", "unit__name", "pk"))
    progress_ids, deadline_ids = editable_ids(user)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Tiến độ")
    sheet.append([str(c.HEADERS[name]) for name in c.ORDER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True,
                             showErrorMessage=True, error=_("Tiến độ là số nguyên từ 0 đến 100."))
    sheet.add_data_validation(percent)
    for n, a in enumerate(rows, start=2):
        directive = a.task.directive
        sheet.append([a.pk, directive.number_symbol, a.task.key, a.task.title, a.unit.key, a.unit.name,
                      a.get_role_display(), a.due_date, *current_progress(a)])
        sheet.cell(n, c.ORDER.index(c.DEADLINE) + 1).number_format = "DD/MM/YYYY"
        if a.pk in progress_ids:
            for name in c.UNIT_FIELDS:
                sheet.cell(n, c.ORDER.index(name) + 1).fill = EDITABLE_FILL
        if a.pk in deadline_ids:
            for name in c.TRACKER_FIELDS:
                sheet.cell(n, c.ORDER.index(name) + 1).fill = EDITABLE_FILL
    last = sheet.max_row
    if last >= 2:
        col = chr(ord("A") + c.ORDER.index(c.PROGRESS))
        percent.add(f"{col}2:{col}{last}")
    for i, name in enumerate(c.ORDER):
        sheet.column_dimensions[chr(ord("A") + i)].width = WIDTHS[name]
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def current_progress(assignment):
    """(percent, note) of the assignment's progress, (None, "") when none was given."""
    try:
        progress = assignment.progress
    except AssignmentProgress.DoesNotExist:
        return None, ""
    return progress.percent, progress.note
