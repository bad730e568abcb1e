"""Updating assignments by spreadsheet: what each role may change, row-level refusals, all or
nothing, a stale preview, and the audit."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from tasks.models import Assignment, AssignmentProgress, BulkUpdate, ExtensionRequest


def _download(client):
    response = client.get("/viec/bang-tinh/tai-xuong/")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _upload(client, book, name="tien-do.xlsx"):
    out = io.BytesIO()
    book.save(out)
    response = client.post("/viec/bang-tinh/", {"tep": SimpleUploadedFile(name, out.getvalue())})
    assert response.status_code == 302, response.content[:500]
    return BulkUpdate.objects.latest("pk")


def _row_of(sheet, assignment):
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == assignment.pk:
            return row
    raise AssertionError(f"no row for {assignment.pk}")


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.dinh_bang)
    return client


def test_the_sheet_holds_the_officer_own_unit_only(officer, cast, directive):
    sheet = _download(officer).active
    ids = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert ids == set(Assignment.objects.filter(unit__key="p-dinh-bang", is_cancelled=False).values_list("pk", flat=True))
    assert [c.value for c in sheet[1]][:3] == ["Mã dòng", "Văn bản", "Mã nhiệm vụ"]


def test_progress_and_notes_are_previewed_then_applied_with_audit(officer, cast, directive):
    book = _download(officer)
    sheet = book.active
    first, second = list(sheet.iter_rows(min_row=2))[:2]
    first[8].value, first[9].value = 60, "Đã tổ chức hội nghị quán triệt"
    second[8].value = "100"
    bulk = _upload(officer, book)
    assert bulk.errors == [] and len(bulk.changes) == 2
    page = officer.get(f"/viec/bang-tinh/{bulk.pk}/").content.decode()
    assert "Đã tổ chức hội nghị quán triệt" in page and "Xác nhận cập nhật tất cả" in page
    assert not AssignmentProgress.objects.exists()  # nothing before confirming
    response = officer.post(f"/viec/bang-tinh/{bulk.pk}/", {"action": "apply"})
    assert response.status_code == 302
    a, b = Assignment.objects.get(pk=first[0].value), Assignment.objects.get(pk=second[0].value)
    assert (a.progress.percent, a.progress.note, b.progress.percent) == (60, "Đã tổ chức hội nghị quán triệt", 100)
    assert a.progress.updated_by == cast.dinh_bang
    entries = AuditEntry.objects.filter(action="assignment.change", actor=cast.dinh_bang)
    assert entries.count() == 2
    assert entries.filter(object_id=str(a.pk)).get().changes["progress_percent"] == [None, 60]
    bulk.refresh_from_db()
    assert bulk.status == "applied"
    # Applying twice changes nothing more.
    officer.post(f"/viec/bang-tinh/{bulk.pk}/", {"action": "apply"})
    assert AuditEntry.objects.filter(action="assignment.change").count() == 2


def test_every_bad_row_is_named_and_nothing_is_applied(officer, cast, directive):
    book = _download(officer)
    sheet = book.active
    rows = list(sheet.iter_rows(min_row=2))
    rows[0][8].value = 55  # a good row: still not applied while others fail
    rows[1][8].value = 150
    rows[2][2].value = "Z.9"  # a changed key
    rows[3][8].value = "=1+1"
    rows[4][7].value = datetime.datetime(2023, 12, 31)  # a unit may not move a deadline
    other = Assignment.objects.filter(unit__key="p-tuong-giang").first()
    sheet.append([other.pk, "03-CT/TU", other.task.key, other.task.title, "p-tuong-giang", "x", "x", None, 10, ""])
    bulk = _upload(officer, book)
    messages = {e["row"]: e["message"] for e in bulk.errors}
    assert set(messages) == {3, 4, 5, 6, sheet.max_row}
    assert "từ 0 đến 100" in messages[3]
    assert "đã bị sửa" in messages[4]
    assert "công thức" in messages[5]
    assert "Chỉ cơ quan theo dõi" in messages[6]
    assert "không thuộc phạm vi" in messages[sheet.max_row]
    page = officer.get(f"/viec/bang-tinh/{bulk.pk}/").content.decode()
    assert "Dòng 3" in page and "Xác nhận cập nhật tất cả" not in page
    officer.post(f"/viec/bang-tinh/{bulk.pk}/", {"action": "apply"})
    assert not AssignmentProgress.objects.exists()
    assert not AuditEntry.objects.filter(action="assignment.change").exists()


def test_unknown_columns_and_files_that_are_not_sheets(officer, cast, directive):
    book = _download(officer)
    book.active.cell(1, 11).value = "Cột thêm"
    bulk = _upload(officer, book)
    assert bulk.errors == [{"row": 1, "message": "Cột “Cột thêm” không có trong mẫu; hãy xóa cột này hoặc dùng mẫu tải từ cổng."}]
    response = officer.post("/viec/bang-tinh/", {"tep": SimpleUploadedFile("x.xlsx", b"%PDF-1.4 not a sheet")})
    bulk = BulkUpdate.objects.latest("pk")
    assert bulk.errors and not bulk.changes and bulk.errors[0]["row"] == 0
    empty = officer.post("/viec/bang-tinh/", {})
    assert empty.status_code == 400 and "Hãy chọn tệp bảng tính" in empty.content.decode()


def test_the_tracking_body_moves_a_deadline_later_as_a_recorded_extension(client, cast, directive):
    client.force_login(cast.reviewer)
    book = _download(client)
    target = Assignment.objects.filter(unit__key="p-dinh-bang", completed_on__isnull=True).first()
    row = _row_of(book.active, target)
    new = target.due_date + datetime.timedelta(days=30)
    row[7].value = datetime.datetime.combine(new, datetime.time())
    bulk = _upload(client, book)
    assert bulk.errors == [] and bulk.changes[0]["changes"] == {"due_date": [target.due_date.isoformat(), new.isoformat()]}
    client.post(f"/viec/bang-tinh/{bulk.pk}/", {"action": "apply"})
    target.refresh_from_db()
    assert (target.due_date, target.extension_count) == (new, 1)
    extension = ExtensionRequest.objects.get(assignment=target)
    assert (extension.status, extension.decided_by, extension.requested_due_date) == ("approved", cast.reviewer, new)
    # An earlier deadline is refused.
    book = _download(client)
    _row_of(book.active, target)[7].value = "01/01/2022"
    assert "chỉ lùi thời hạn" in _upload(client, book).errors[0]["message"]


def test_a_preview_gone_stale_is_refused_whole(officer, cast, directive):
    book = _download(officer)
    rows = list(book.active.iter_rows(min_row=2))
    rows[0][8].value, rows[1][8].value = 10, 20
    bulk = _upload(officer, book)
    AssignmentProgress.objects.create(assignment_id=rows[1][0].value, percent=90, updated_by=cast.dinh_bang_head)
    officer.post(f"/viec/bang-tinh/{bulk.pk}/", {"action": "apply"})
    assert list(AssignmentProgress.objects.values_list("percent", flat=True)) == [90]
    bulk.refresh_from_db()
    assert bulk.status == "preview"


def test_nobody_applies_or_sees_another_person_upload(client, officer, cast, directive):
    book = _download(officer)
    next(book.active.iter_rows(min_row=2))[8].value = 10
    bulk = _upload(officer, book)
    for person in (cast.dinh_bang_head, cast.reviewer, cast.office, cast.tuong_giang):
        client.force_login(person)
        assert client.get(f"/viec/bang-tinh/{bulk.pk}/").status_code == 404
        assert client.post(f"/viec/bang-tinh/{bulk.pk}/", {"action": "apply"}).status_code == 404
    assert not AssignmentProgress.objects.exists()


def _untouched(unit_key):
    return Assignment.objects.filter(unit__key=unit_key, received_on__isnull=True, submissions__isnull=True,
                                     extension_requests__isnull=True).first()


def test_the_tracking_body_gives_untouched_work_to_another_unit(client, cast, directive,
                                                              django_capture_on_commit_callbacks):
    from notifications.models import Notification
    from tasks.models import Unit

    client.force_login(cast.reviewer)
    target = _untouched("p-dinh-bang")
    free = Unit.objects.filter(is_active=True, memberships__isnull=False).exclude(
        assignments__task=target.task).order_by("key").first()
    taken = Unit.objects.filter(assignments__task=target.task).exclude(pk=target.unit_id).first()
    book = _download(client)
    _row_of(book.active, target)[4].value = free.key
    bulk = _upload(client, book)
    assert bulk.errors == [] and bulk.changes[0]["changes"] == {"unit": ["p-dinh-bang", free.key]}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/viec/bang-tinh/{bulk.pk}/", {"action": "apply"})
    target.refresh_from_db()
    assert target.unit == free
    assert AuditEntry.objects.get(action="assignment.change", object_id=str(target.pk)).changes["unit"] == [
        "p-dinh-bang", free.key]
    assert Notification.objects.filter(recipient__memberships__unit=free).exists()
    if taken is not None:
        book = _download(client)
        _row_of(book.active, target)[4].value = taken.key
        assert "đã được giao nhiệm vụ này" in _upload(client, book).errors[0]["message"]


def test_nobody_else_reassigns_and_reported_work_stays(client, officer, cast, directive, resolution_assignment):
    from tests.tasks.helpers import make_submission

    book = _download(officer)
    _row_of(book.active, resolution_assignment)[4].value = "p-tuong-giang"
    assert "chỉ cơ quan theo dõi giao lại" in _upload(officer, book).errors[0]["message"]
    make_submission(cast.dinh_bang, resolution_assignment)
    client.force_login(cast.reviewer)
    book = _download(client)
    _row_of(book.active, resolution_assignment)[4].value = "p-tam-son"
    assert "không giao lại" in _upload(client, book).errors[0]["message"]
    resolution_assignment.refresh_from_db()
    assert resolution_assignment.unit.key == "p-dinh-bang"
