"""The dashboard's spreadsheet exports hold the dashboard's numbers, and are audited."""

import csv
import datetime
import io

import openpyxl
from django.urls import reverse

from audit.models import AuditEntry
from reports.dashboard.filters import DashboardFilters
from reports.dashboard.selectors import dashboard_data
from tasks.models import Assignment
from tests.reports.conftest import AS_OF


def export(client, user, world, **params):
    client.force_login(user)
    response = client.get(reverse("reports:dashboard_export", args=[world.directive.pk]),
                          {"ngay": "10/05/2022", **params})
    assert response.status_code == 200
    return response


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def table(sheet):
    """(heading lines {label: value}, header row, data rows) of an exported sheet."""
    rows = list(sheet.iter_rows(values_only=True))
    header_at = int(sheet.freeze_panes[1:]) - 2
    heading = {r[0]: r[1] for r in rows[:header_at] if r and r[0]}
    return heading, rows[header_at], [r for r in rows[header_at + 1:] if any(v is not None for v in r)]


def test_the_workbook_opens_with_a_sheet_per_table(client, world):
    response = export(client, world.reviewer, world)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="theo-doi-03-cttu-den-2022-05-10.xlsx"'
    assert workbook(response).sheetnames == ["Tổng hợp", "Đơn vị", "Ma trận", "Quá hạn"]


def test_the_unit_sheet_holds_the_dashboard_numbers(client, world):
    data = dashboard_data(world.directive, world.reviewer, AS_OF)
    heading, header, rows = table(workbook(export(client, world.reviewer, world))["Đơn vị"])
    assert header[:5] == ("Đơn vị", "Nhóm xếp hạng", "Hạng thi đua", "Đồng hạng", "Điểm thi đua")
    column = {name: i for i, name in enumerate(header)}
    by_name = {r[column["Đơn vị"]]: r for r in rows}
    assert len(by_name) == len(data.units) == 4
    for unit in data.units:
        row = by_name[unit.name]
        assert row[column["Hạng thi đua"]] == unit.rank
        assert row[column["Ghi chú xếp hạng"]] == (unit.unranked_reason or None)
        assert row[column["Hoàn thành đúng hạn"]] == unit.done_on_time
        assert row[column["Hoàn thành quá hạn"]] == unit.done_late
        assert row[column["Chưa hoàn thành, trong hạn"]] == unit.open_within
        assert row[column["Chưa hoàn thành, quá hạn"]] == unit.open_overdue
        assert sum(row[column[g]] for g in ("Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chưa hoàn thành, trong hạn",
                                            "Chưa hoàn thành, quá hạn")) == row[column["Số nhiệm vụ được giao"]]
        assert row[column["Đã đến hạn"]] == unit.fallen_due
        assert row[column["Số lần gia hạn được chấp thuận"]] == unit.extensions_granted
    dinh_bang = by_name["Đảng ủy phường Đình Bảng"]
    assert dinh_bang[column["Tỷ lệ hoàn thành đúng hạn (trên số được giao)"]] == 0.25  # 2 of 8
    assert dinh_bang[column["Chưa hoàn thành, trong hạn (tỷ lệ)"]] == 0.375  # 3 of 8
    assert dinh_bang[column["Tỷ lệ hoàn thành trên số đã đến hạn"]] == 0.4  # 2 of the 5 fallen due
    assert (dinh_bang[column["Hạng thi đua"]], dinh_bang[column["Điểm thi đua"]]) == (2, 30.0)
    assert dinh_bang[column["Hoạt động gần nhất"]] == datetime.datetime(2022, 5, 6)


def test_dates_are_real_dates_shown_dd_mm_yyyy_under_the_as_of_date_and_filters(client, world):
    sheet = workbook(export(client, world.reviewer, world, vai_tro="lead", phan="1"))["Quá hạn"]
    heading, header, rows = table(sheet)
    assert heading["Số liệu tính đến ngày"] == datetime.datetime(2022, 5, 10)
    assert heading["Lọc: Vai trò"] == "Chủ trì" and heading["Lọc: Phần"] == "Phần 1"
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    due = header.index("Thời hạn")
    assert [r[due] for r in rows] == [datetime.datetime(2022, 5, 9)]
    date_cell = sheet.cell(row=int(sheet.freeze_panes[1:]), column=due + 1)
    assert date_cell.number_format == "dd/mm/yyyy"
    assert sheet.column_dimensions["C"].width == 60


def test_every_sheet_freezes_its_header_row(client, world):
    book = workbook(export(client, world.reviewer, world))
    for sheet in book.worksheets:
        header_row = int(sheet.freeze_panes[1:]) - 1
        first = sheet.cell(row=header_row, column=1).value
        assert first in ("Phần", "Hạng thi đua", "Đơn vị"), sheet.title


def test_the_summary_sheet_holds_the_parts_and_the_total(client, world):
    data = dashboard_data(world.directive, world.reviewer, AS_OF)
    heading, header, rows = table(workbook(export(client, world.reviewer, world))["Tổng hợp"])
    assert [r[0] for r in rows] == [p.label for p in data.parts] + ["Tổng cộng"]
    total = rows[-1]
    column = {name: i for i, name in enumerate(header)}
    groups = [total[column[g]] for g in ("Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chưa hoàn thành, trong hạn",
                                         "Chưa hoàn thành, quá hạn")]
    assert (total[column["Số nhiệm vụ được giao"]], groups) == (15, [4, 1, 6, 4])
    assert total[column["Chưa hoàn thành, trong hạn (tỷ lệ)"]] == 0.4
    assert (total[column["Đã đến hạn"]], total[column["Đã đến hạn, đã hoàn thành"]]) == (10, 4)
    assert total[column["Tỷ lệ hoàn thành trên số đã đến hạn"]] == 0.4


def test_the_matrix_sheet_has_a_cell_per_assignment(client, world):
    heading, header, rows = table(workbook(export(client, world.reviewer, world))["Ma trận"])
    assert header == ("Đơn vị", "1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "C.1", "C.2")
    assert rows[0] == ("Đình Bảng", "SĐH", "QH", "HT", "HTQH", "HT", "CĐH", "CĐH", "QH")
    assert "QH: Chưa hoàn thành, quá hạn" in heading["Chú thích"]
    assert "CĐH: Chưa hoàn thành, còn trong hạn: chưa đến hạn" in heading["Chú thích"]


def test_a_unit_officer_exports_only_their_own_unit(client, world):
    heading, header, rows = table(workbook(export(client, world.dinh_bang, world))["Đơn vị"])
    assert [r[0] for r in rows] == ["Đảng ủy phường Đình Bảng"]
    assert heading["Phạm vi"] == "Đơn vị của người xuất"


def test_csv_is_utf8_with_a_byte_order_mark_and_the_same_numbers(client, world):
    response = export(client, world.reviewer, world, dinh_dang="csv", bang="don-vi")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "Đơn vị"
    dinh_bang = next(r for r in body if r[0] == "Đảng ủy phường Đình Bảng")
    assert dinh_bang[header.index("Hoàn thành đúng hạn")] == "2"
    assert dinh_bang[header.index("Hoạt động gần nhất")] == "06/05/2022"


def test_csv_of_the_overdue_list_and_the_matrix(client, world):
    overdue = export(client, world.reviewer, world, dinh_dang="csv", bang="qua-han").content.decode("utf-8-sig")
    assert overdue.splitlines()[1].startswith("Phòng Văn hóa và Thông tin,1.1,")
    matrix = export(client, world.reviewer, world, dinh_dang="csv", bang="ma-tran").content.decode("utf-8-sig")
    assert matrix.splitlines()[1] == "Đình Bảng,SĐH,QH,HT,HTQH,HT,CĐH,CĐH,QH"


def test_an_export_is_written_to_the_audit_trail(client, world):
    export(client, world.reviewer, world, dinh_dang="csv", bang="qua-han", loai="ward")
    entry = AuditEntry.objects.get(action="dashboard.export")
    assert entry.actor == world.reviewer
    assert entry.changes["format"] == "csv" and entry.changes["table"] == "qua-han"
    assert entry.changes["as_of"] == "2022-05-10" and entry.changes["filters"] == {"loai": "ward"}


def test_the_export_follows_the_filters(client, world):
    heading, header, rows = table(workbook(export(client, world.reviewer, world, loai="department"))["Đơn vị"])
    assert [r[0] for r in rows] == ["Phòng Văn hóa và Thông tin"]
    assert heading["Lọc: Loại đơn vị"] == "Phòng, ban, ngành thành phố"
    assert DashboardFilters(unit_kind="department").as_params() == {"loai": "department"}


def test_matrix_cells_are_filled_by_state_and_headers_keep_their_style(client, world):
    book = workbook(export(client, world.reviewer, world))
    sheet = book["Ma trận"]
    header_at = int(sheet.freeze_panes[1:]) - 1
    header = [c for c in sheet[header_at]]
    assert header[0].font.b and header[0].alignment.wrap_text
    first = sheet[header_at + 1]
    fills = {c.value: c.fill.fgColor.rgb for c in first[1:] if c.value}
    assert fills["QH"] == "00F5C2C7" and fills["HT"] == "00A3CFBB" and fills["HTQH"] == "00479F76"
    assert first[0].fill.fill_type is None  # the unit's name: no fill
    units = book["Đơn vị"]
    header_row = int(units.freeze_panes[1:]) - 1
    column = next(c.column for c in units[header_row] if str(c.value).startswith("Tỷ lệ hoàn thành đúng hạn"))
    rate = units.cell(row=header_row + 1, column=column)
    assert rate.number_format == "0.0%"


def test_the_file_is_built_once_per_data_version(client, world, monkeypatch):
    from reports.dashboard import exports

    built = []
    original = exports.dashboard_xlsx
    monkeypatch.setattr(exports, "dashboard_xlsx", lambda data: built.append(1) or original(data))
    first = export(client, world.reviewer, world)
    again = export(client, world.reviewer, world)
    assert len(built) == 1 and again.content == first.content
    assert AuditEntry.objects.filter(action="dashboard.export").count() == 2  # each download audited
    export(client, world.reviewer, world, ngay="11/05/2022")  # another date: another file
    assert len(built) == 2
    open_work = Assignment.objects.filter(task__directive=world.directive, completed_on=None).first()
    world.complete(open_work, datetime.date(2022, 5, 9))  # a write bumps the data version
    export(client, world.reviewer, world)
    assert len(built) == 3
