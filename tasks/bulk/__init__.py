"""Bulk update of assignments by spreadsheet: download, fill in, upload, preview, apply.

- `columns.py`: the sheet's columns and who may change which.
- `sheet.py`: the workbook a person downloads (their own scope).
- `reading.py`: reading an uploaded workbook into a plan of changes with row-level errors.
- `applying.py`: applying a previewed plan in one transaction, audited.
"""
