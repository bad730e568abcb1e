"""Spreadsheet exports of the dashboard: XLSX (openpyxl) and CSV, from `dashboard_data`.

Each exporter returns (filename, content_type, bytes). The XLSX holds four sheets — summary
and parts, the unit table, the unit × task matrix, the overdue list — each starting with the
directive, the "as of" date (a real date, dd/mm/yyyy) and the filters, then a frozen header
row. CSV files hold one table each, UTF-8 with a byte order mark so Excel reads the accents.
"""

import csv
import io
from dataclasses import asdict

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter

from reports.dashboard.charts import SHORT
from reports.dashboard.data import PartRow, percent
from reports.dashboard.filters import part_label
from reports.dashboard.matrix import LEGEND
from reports.dashboard.ranking import sort_units
from tasks.status import Bucket
from tuson_qp.spreadsheet import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
DATE_FORMAT = "dd/mm/yyyy"
STATE_FILLS = {
    "overdue": "F5C2C7", "returned": "FFE69C", "due-soon": "FFE69C", "review": "CFE2FF",
    "later": "E9ECEF", "done": "A3CFBB", "done-late": "479F76",
}
BOLD = Font(bold=True)


def _rate(value):
    """A percentage Decimal as a spreadsheet fraction (formatted 0.0%)."""
    return None if value is None else float(value) / 100


def unit_columns():
    """(header, width, value of a UnitRow, number format)."""
    return [
        (_("Đơn vị"), 40, lambda r: r.name, None),
        (_("Nhóm xếp hạng"), 24, lambda r: r.rank_group_label, None),
        (_("Hạng thi đua"), 8, lambda r: r.rank, None),
        (_("Đồng hạng"), 8, lambda r: _("có") if r.tied else "", None),
        (_("Điểm thi đua"), 10, lambda r: None if r.score is None else float(r.score), "0.0"),
        (_("Ghi chú xếp hạng"), 30, lambda r: r.unranked_reason, None),
        (_("Loại đơn vị"), 24, lambda r: r.kind_label, None),
        (_("Số nhiệm vụ được giao"), 12, lambda r: r.assignments, "0"),
        *_bucket_columns(),
        (_("Chờ thẩm định"), 10, lambda r: r.awaiting_review, "0"),
        (_("Bị trả lại"), 10, lambda r: r.returned, "0"),
        (_("Tỷ lệ hoàn thành đúng hạn (trên số được giao)"), 12, lambda r: _rate(r.on_time_rate), "0.0%"),
        *_fallen_due_columns(),
        (_("Tổng số ngày trễ hạn"), 10, lambda r: r.late_days, "0"),
        (_("Số ngày trễ hạn bình quân"), 12, lambda r: None if r.avg_days_late is None else float(r.avg_days_late), "0.0"),
        (_("Số lần gia hạn được chấp thuận"), 12, lambda r: r.extensions_granted, "0"),
        (_("Ngày hoàn thành gần nhất"), 14, lambda r: r.last_completed, DATE_FORMAT),
        (_("Hoạt động gần nhất"), 14, lambda r: r.last_activity, DATE_FORMAT),
    ]


def _bucket_columns():
    """The four groups, whose counts add up to the assignments, and their shares of them."""
    columns = []
    for bucket in Bucket:
        columns.append((str(SHORT[bucket]), 14, (lambda b: lambda f: f.count(b))(bucket), "0"))
        columns.append((_("%(group)s (tỷ lệ)") % {"group": SHORT[bucket]}, 10,
                        (lambda b: lambda f: _rate(percent(f.count(b), f.assignments)))(bucket), "0.0%"))
    return columns


def _fallen_due_columns():
    return [
        (_("Đã đến hạn"), 10, lambda f: f.fallen_due, "0"),
        (_("Đã đến hạn, đã hoàn thành"), 10, lambda f: f.done_fallen_due, "0"),
        (_("Tỷ lệ hoàn thành trên số đã đến hạn"), 12, lambda f: _rate(f.fallen_due_done_percent), "0.0%"),
    ]


def overdue_columns():
    """(header, width, value of an OverdueRow, number format)."""
    return [
        (_("Đơn vị"), 40, lambda r: r.unit_name, None),
        (_("Mã nhiệm vụ"), 10, lambda r: r.task_key, None),
        (_("Nhiệm vụ"), 60, lambda r: r.task_title, None),
        (_("Phần"), 16, lambda r: part_label(r.part), None),
        (_("Vai trò"), 10, lambda r: r.role_label, None),
        (_("Thời hạn"), 12, lambda r: r.due, DATE_FORMAT),
        (_("Số ngày quá hạn"), 10, lambda r: r.days_overdue, "0"),
        (_("Trạng thái"), 18, lambda r: r.status_label, None),
        (_("Số lần gia hạn"), 10, lambda r: r.extension_count, "0"),
        (_("Nhắc việc, đôn đốc gần nhất"), 14,
         lambda r: timezone.localdate(r.last_contact.at) if r.last_contact and r.last_contact.at else None,
         DATE_FORMAT),
        (_("Hình thức"), 24, lambda r: r.last_contact.rule_label if r.last_contact else "", None),
    ]


def part_columns():
    return [
        (_("Phần"), 50, lambda p: p.label, None),
        (_("Số nhiệm vụ được giao"), 12, lambda p: p.assignments, "0"),
        *_bucket_columns(),
        (_("Tỷ lệ hoàn thành (trên số được giao)"), 12, lambda p: _rate(p.done_percent), "0.0%"),
        *_fallen_due_columns(),
        (_("Chờ thẩm định"), 10, lambda p: p.awaiting_review, "0"),
        (_("Bị trả lại"), 10, lambda p: p.returned, "0"),
    ]


def _heading_lines(data):
    """[(label, value)] written above every table: what, as of when, for whom, filtered how."""
    lines = [
        (_("Văn bản"), f"{data.directive} – {data.directive.summary}"),
        (_("Số liệu tính đến ngày"), data.as_of),
        (_("Phạm vi"), _("Tất cả đơn vị") if data.whole else _("Đơn vị của người xuất")),
    ]
    filters = data.filter_lines()
    if filters:
        lines += [(_("Lọc: %(label)s") % {"label": label}, value) for label, value in filters]
    else:
        lines.append((_("Lọc"), _("Không lọc")))
    if data.merged_units:
        lines.append((_("Đơn vị đã hợp nhất"), _("Tính vào đơn vị kế thừa: %(units)s") % {
            "units": "; ".join(f"{name} → {successor}" for name, successor in data.merged_units)}))
    lines.append((_("Mẫu số của tỷ lệ"), _(
        "Tỷ lệ của bốn nhóm tính trên tổng số nhiệm vụ được giao (bốn nhóm cộng lại bằng số được giao); "
        "tỷ lệ hoàn thành trên số đã đến hạn tính trên các nhiệm vụ có thời hạn đến hết ngày tính số liệu."
    )))
    return lines


class _Styles:
    """The workbook's cell styles, each registered once as a named style and given to cells by
    name. A font, fill or number format set on each cell is compared with every one already
    in the workbook (openpyxl hashes it), which took most of the time of a 100,000-cell matrix
    (docs/performance.md, "Dashboard exports")."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.names = {}

    def name(self, number_format=None, font=None, fill=None, wrap=False):
        """The name of the style with these attributes (None: the default style)."""
        key = (number_format, font is not None and font.b, fill, wrap)
        if key == (None, False, None, False):
            return None
        if key not in self.names:
            style = NamedStyle(name=f"tuson-{len(self.names) + 1}")
            if number_format:
                style.number_format = number_format
            if font is not None:
                style.font = font
            if fill:
                style.fill = PatternFill("solid", fgColor=fill)
            if wrap:
                style.alignment = Alignment(wrap_text=True, vertical="top")
            self.workbook.add_named_style(style)
            self.names[key] = style.name
        return self.names[key]


class _Sheet:
    """A write-only sheet: heading lines, a blank row, `notes`, then the table. Its panes
    are frozen below the header row (and right of `freeze_columns` columns); write-only
    sheets need that set before the first row is written."""

    def __init__(self, workbook, title, data, columns, *, freeze_columns=0, notes=(), first_width=None):
        if not hasattr(workbook, "tuson_styles"):
            workbook.tuson_styles = _Styles(workbook)
        self.styles = workbook.tuson_styles
        self.ws = workbook.create_sheet(title)
        self.columns = columns
        for i, (_header, width, _get, _fmt) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        if first_width:
            self.ws.column_dimensions["A"].width = first_width
        lines = _heading_lines(data)
        header_row = len(lines) + 1 + len(notes) + 1
        self.ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{header_row + 1}"
        for label, value in lines:
            self.ws.append([self._cell(label, font=BOLD), self._cell(value, DATE_FORMAT)])
        self.ws.append([])
        for label, value in notes:
            self.ws.append([self._cell(label, font=BOLD), self._cell(value)])

    def _cell(self, value, number_format=None, font=None, fill=None, wrap=False):
        """What to append for `value`: the value itself when it takes the default style
        (openpyxl writes it without a cell object of ours), else a cell given its named style."""
        value = safe_cell(value)
        style = self.styles.name(number_format if value is not None else None, font, fill, wrap)
        if not style:
            return value
        cell = WriteOnlyCell(self.ws, value=value)
        cell.style = style
        return cell

    def header(self, titles=None):
        titles = titles or [c[0] for c in self.columns]
        self.ws.append([self._cell(t, font=BOLD, wrap=True) for t in titles])

    def rows(self, items, font=None):
        for item in items:
            self.ws.append([self._cell(get(item), fmt, font=font) for _h, _w, get, fmt in self.columns])


def dashboard_xlsx(data):
    workbook = Workbook(write_only=True)

    summary = _Sheet(workbook, _("Tổng hợp"), data, part_columns())
    summary.header()
    summary.rows(data.parts)
    summary.rows([PartRow(**asdict(data.summary), label=_("Tổng cộng"))], font=BOLD)

    units = _Sheet(workbook, _("Đơn vị"), data, unit_columns(), freeze_columns=1)
    units.header()
    units.rows(sort_units(data.units, "hang"))

    matrix = data.matrix
    tasks = matrix.tasks if matrix else []
    legend = "; ".join(f"{abbr}: {meaning}" for abbr, meaning in LEGEND.values())
    grid = _Sheet(workbook, _("Ma trận"), data, [(None, 7, None, None)] * (len(tasks) + 1),
                  freeze_columns=1, notes=[(_("Chú thích"), legend)], first_width=36)
    grid.header([_("Đơn vị")] + [t.key for t in tasks])
    for row in matrix.rows if matrix else []:
        cells = [grid._cell(row.name)]
        for cell in row.cells:
            cells.append(grid._cell(cell.abbr, fill=STATE_FILLS[cell.state]) if cell else None)
        grid.ws.append(cells)

    overdue = _Sheet(workbook, _("Quá hạn"), data, overdue_columns(), freeze_columns=1)
    overdue.header()
    overdue.rows(data.overdue)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return _filename(data, "xlsx"), XLSX, buffer.getvalue()


CSV_TABLES = ("don-vi", "ma-tran", "qua-han", "tong-hop")


def _csv_value(value):
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else safe_cell(value)


def dashboard_csv(data, table="don-vi"):
    """One table as CSV: "don-vi" (units), "ma-tran" (matrix), "qua-han" (overdue), "tong-hop" (parts)."""
    out = io.StringIO()
    writer = csv.writer(out)
    if table == "ma-tran":
        tasks = data.matrix.tasks if data.matrix else []
        writer.writerow([_("Đơn vị")] + [_csv_value(t.key) for t in tasks])
        for row in data.matrix.rows if data.matrix else []:
            writer.writerow([_csv_value(row.name)] + [c.abbr if c else "" for c in row.cells])
    else:
        columns, items = {
            "don-vi": (unit_columns(), sort_units(data.units, "hang")),
            "qua-han": (overdue_columns(), data.overdue),
            "tong-hop": (part_columns(), data.parts),
        }[table]
        writer.writerow([c[0] for c in columns])
        for item in items:
            writer.writerow([_csv_value(get(item)) for _h, _w, get, _f in columns])
    return _filename(data, "csv", table), CSV, ("\ufeff" + out.getvalue()).encode("utf-8")


def _filename(data, extension, table=""):
    name = slugify(f"theo-doi-{data.directive.number}-{data.directive.symbol}")
    suffix = f"-{table}" if table else ""
    return f"{name}-den-{data.as_of:%Y-%m-%d}{suffix}.{extension}"
