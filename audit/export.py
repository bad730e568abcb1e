"""CSV export of the audit trail: UTF-8 with a byte-order mark so Excel reads Vietnamese."""

import csv
import json

from django.utils import timezone
from django.utils.translation import gettext as _

from tuson_qp.spreadsheet import safe_cell

BOM = "\ufeff"


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    return safe_cell("" if value is None else str(value))


def header():
    return [_("Thời điểm"), _("Tên đăng nhập"), _("Họ và tên"), _("Hành động"), _("Mã hành động"),
            _("Loại đối tượng"), _("Mã đối tượng"), _("Đối tượng"), _("Đơn vị"), _("Thay đổi"),
            _("Địa chỉ IP")]


def row(entry):
    return [
        timezone.localtime(entry.at).strftime("%d/%m/%Y %H:%M:%S"),
        entry.actor_name,
        entry.actor.get_full_name() if entry.actor_id else "",
        entry.action_label,
        entry.action,
        entry.object_type_label,
        entry.object_id,
        entry.object_repr,
        entry.unit.name if entry.unit_id else "",
        json.dumps(entry.changes, ensure_ascii=False) if entry.changes else "",
        entry.ip_address or "",
    ]


def stream_rows(entries):
    """Yield the CSV text line by line; `entries` is iterated in chunks, never loaded whole."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header())
    for entry in entries.iterator(chunk_size=2000):
        yield writer.writerow([_cell(v) for v in row(entry)])
