"""Reading a filled-in spreadsheet into changes, each refusal with its row number."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from tasks.bulk import columns as c
from tasks.bulk.scope import editable_ids, reassignment_refusal, sheet_assignments
from tasks.bulk.sheet import current_progress
from tasks.uploads import FileRefused, inspect_upload
from tasks.uploads.kinds import XLSX


class Problems(list):
    def add(self, row, message):
        self.append({"row": row, "message": str(message)})


def _header_names():
    """Every accepted spelling of each column: the Vietnamese and the English header."""
    names = {}
    for key, label in c.HEADERS.items():
        for language in ("vi", "en"):
            with translation.override(language):
                names[str(label).strip().casefold()] = key
    return names


def _text(value):
    return "" if value is None else str(value).strip()


def _is_formula(cell):
    return cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.lstrip().startswith("="))


def _progress(value):
    if value is None or _text(value) == "":
        return None
    try:
        number = Decimal(_text(value).replace(",", "."))
    except InvalidOperation:
        raise ValueError
    if number != number.to_integral_value() or not 0 <= number <= 100:
        raise ValueError
    return int(number)


def _date(value):
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(_text(value), "%d/%m/%Y").date()


def read_changes(user, upload):
    """(changes, problems) for the uploaded workbook of `user`. Nothing is written."""
    problems = Problems()
    try:
        inspected = inspect_upload(upload)
    except FileRefused as refusal:
        for message in refusal.messages:
            problems.add(0, message)
        return [], problems
    if inspected.kind is not XLSX:
        problems.add(0, _("Tệp “%(name)s” không phải bảng tính Excel (.xlsx) tải từ cổng; hãy tải mẫu và điền vào đó.")
                     % {"name": inspected.original_name})
        return [], problems
    try:
        book = load_workbook(upload, read_only=True, data_only=False)
        rows = list(book.worksheets[0].iter_rows(max_row=c.MAX_ROWS + 2))
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        problems.add(0, _("Không đọc được bảng tính; hãy lưu lại bằng Excel dạng .xlsx rồi gửi lại."))
        return [], problems
    if not rows:
        problems.add(1, _("Bảng tính trống."))
        return [], problems
    if len(rows) > c.MAX_ROWS + 1:
        problems.add(0, _("Bảng tính có quá %(max)s dòng.") % {"max": c.MAX_ROWS})
        return [], problems
    positions = _columns(rows[0], problems)
    if problems:
        return [], problems
    return _rows(user, rows[1:], positions, problems), problems


def _columns(header, problems):
    names, positions = _header_names(), {}
    for i, cell in enumerate(header):
        label = _text(cell.value)
        if not label:
            continue
        key = names.get(label.casefold())
        if key is None:
            problems.add(1, _("Cột “%(name)s” không có trong mẫu; hãy xóa cột này hoặc dùng mẫu tải từ cổng.")
                         % {"name": label[:60]})
        elif key in positions:
            problems.add(1, _("Cột “%(name)s” xuất hiện hai lần.") % {"name": label[:60]})
        else:
            positions[key] = i
    for key in c.ORDER:
        if key not in positions:
            problems.add(1, _("Thiếu cột “%(name)s”.") % {"name": c.HEADERS[key]})
    return positions


def _rows(user, rows, positions, problems):
    known = {a.pk: a for a in sheet_assignments(user).select_related("task", "unit", "progress")}
    progress_ids, deadline_ids = editable_ids(user)
    changes, seen = [], set()
    for n, row in enumerate(rows, start=2):
        cells = {key: row[i] if i < len(row) else None for key, i in positions.items()}
        if all(cell is None or _text(cell.value) == "" for cell in cells.values()):
            continue
        formulas = [str(c.HEADERS[k]) for k, cell in cells.items() if cell is not None and _is_formula(cell)]
        if formulas:
            problems.add(n, _("Có công thức ở cột %(columns)s; hãy nhập giá trị, không nhập công thức.")
                         % {"columns": ", ".join(formulas)})
            continue
        value = {k: (cell.value if cell is not None else None) for k, cell in cells.items()}
        change = _row(n, value, known, seen, progress_ids, deadline_ids, problems)
        if change:
            changes.append(change)
    return changes


def _row(n, value, known, seen, progress_ids, deadline_ids, problems):
    raw_id = _text(value[c.ID])
    assignment = known.get(int(raw_id)) if raw_id.isascii() and raw_id.isdigit() and len(raw_id) < 19 else None
    if assignment is None:
        problems.add(n, _("Mã dòng “%(id)s” không thuộc phạm vi của bạn hoặc không còn tồn tại.") % {"id": raw_id[:20]})
        return None
    if assignment.pk in seen:
        problems.add(n, _("Mã dòng %(id)s xuất hiện hai lần.") % {"id": assignment.pk})
        return None
    seen.add(assignment.pk)
    if _text(value[c.TASK_KEY]) != assignment.task.key:
        problems.add(n, _("Mã nhiệm vụ đã bị sửa; dòng này phải giữ nguyên các cột nhận diện."))
        return None
    found = {}
    unit_key = _text(value[c.UNIT_KEY])
    if unit_key != assignment.unit.key:
        # The tracking body reassigns work nobody has reported on yet; for anyone else the
        # unit code is part of the row's identity.
        if assignment.pk not in deadline_ids:
            problems.add(n, _("Mã đơn vị đã bị sửa; chỉ cơ quan theo dõi giao lại nhiệm vụ cho đơn vị khác."))
            return None
        refusal = reassignment_refusal(assignment, unit_key)
        if refusal:
            problems.add(n, refusal)
            return None
        found["unit"] = [assignment.unit.key, unit_key]
    try:
        progress = _progress(value[c.PROGRESS])
    except ValueError:
        problems.add(n, _("Tiến độ “%(value)s” phải là số nguyên từ 0 đến 100.") % {"value": _text(value[c.PROGRESS])[:20]})
        return None
    note = " ".join(_text(value[c.NOTE]).split()) if value[c.NOTE] is not None else ""
    if len(note) > c.NOTE_MAX:
        problems.add(n, _("Ghi chú dài %(length)s ký tự, tối đa %(max)s.") % {"length": len(note), "max": c.NOTE_MAX})
        return None
    before_percent, before_note = current_progress(assignment)
    if progress != before_percent:
        found["progress_percent"] = [before_percent, progress]
    if note != before_note:
        found["progress_note"] = [before_note, note]
    if found.keys() & {"progress_percent", "progress_note"} and assignment.pk not in progress_ids:
        problems.add(n, _("Chỉ đơn vị thực hiện cập nhật tiến độ và ghi chú của nhiệm vụ này."))
        return None
    try:
        deadline = _date(value[c.DEADLINE])
    except ValueError:
        problems.add(n, _("Thời hạn “%(value)s” không đúng dạng ngày/tháng/năm.") % {"value": _text(value[c.DEADLINE])[:20]})
        return None
    if deadline is not None and deadline != assignment.due_date:
        if assignment.pk not in deadline_ids:
            problems.add(n, _("Chỉ cơ quan theo dõi điều chỉnh thời hạn."))
            return None
        if assignment.completed_on:
            problems.add(n, _("Nhiệm vụ đã hoàn thành; không điều chỉnh thời hạn được nữa."))
            return None
        if deadline < assignment.due_date:
            problems.add(n, _("Thời hạn mới %(new)s sớm hơn thời hạn đang áp dụng %(old)s; chỉ lùi thời hạn về sau.")
                         % {"new": f"{deadline:%d/%m/%Y}", "old": f"{assignment.due_date:%d/%m/%Y}"})
            return None
        found["due_date"] = [assignment.due_date.isoformat(), deadline.isoformat()]
    if not found:
        return None
    return {"row": n, "assignment": assignment.pk, "label": f"{assignment.task.key} – {assignment.unit.name}",
            "changes": found}
