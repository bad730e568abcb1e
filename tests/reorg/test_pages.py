"""The Office's unit tree pages: who may use them, the tree as of a date, a rename with its
date, and a merge previewed then confirmed."""

import datetime
import io

from django.core.management import call_command

from audit.models import AuditEntry
from tasks.models import Assignment, Unit, UnitVersion


def test_only_the_office_sees_and_changes_the_tree(client, cast, directive):
    unit = Unit.objects.get(key="p-dinh-bang")
    for person in (cast.reviewer, cast.observer, cast.dinh_bang, cast.dinh_bang_head):
        client.force_login(person)
        assert client.get("/to-chuc/").status_code == 404
        assert client.post(f"/to-chuc/{unit.pk}/", {"action": "change", "name": "X", "kind": "ward",
                                                     "effective": "01/07/2025"}).status_code == 404
        assert client.post("/to-chuc/hop-nhat/", {"action": "apply"}).status_code == 404
    assert not UnitVersion.objects.exists()
    client.force_login(cast.office)
    assert client.get("/to-chuc/").status_code == 200


def test_a_rename_from_a_date_and_the_tree_of_each_day(client, cast, directive):
    unit = Unit.objects.get(key="p-dinh-bang")
    old = unit.name
    client.force_login(cast.office)
    response = client.post(f"/to-chuc/{unit.pk}/", {"action": "change", "name": "Đảng ủy phường Đình Bảng mới",
                                                      "short_name": "", "kind": "ward", "effective": "01/07/2025"})
    assert response.status_code == 302
    assert old in client.get("/to-chuc/", {"ngay": "30/06/2022"}).content.decode()
    assert "Đảng ủy phường Đình Bảng mới" in client.get("/to-chuc/").content.decode()
    bad = client.post(f"/to-chuc/{unit.pk}/", {"action": "change", "name": "Y", "kind": "ward", "effective": "32/13/2025"})
    assert bad.status_code == 400 and "dd/mm/yyyy" in bad.content.decode() and 'value="Y"' in bad.content.decode()
    assert client.get("/to-chuc/", {"ngay": "x\x00"}).status_code == 400


def test_a_merge_is_previewed_then_confirmed(client, cast, directive):
    client.force_login(cast.office)
    target = Unit.objects.get(key="p-tam-son")
    source = Unit.objects.get(key="p-tuong-giang")
    data = {"sources": [source.pk], "target": target.pk, "effective": "01/07/2025", "note": "thử"}
    preview = client.post("/to-chuc/hop-nhat/", {**data, "action": "preview"})
    page = preview.content.decode()
    assert preview.status_code == 200 and "Những gì sẽ chuyển" in page
    assert source.assignments.filter(is_cancelled=False).exists()  # nothing moved by a preview
    confirm = client.post("/to-chuc/hop-nhat/", {**data, "action": "apply"})
    assert confirm.status_code == 302
    assert not Assignment.objects.filter(unit=source, is_cancelled=False, completed_on__isnull=True).exists()
    assert AuditEntry.objects.filter(action="unit.merge").exists()
    same = client.post("/to-chuc/hop-nhat/", {"sources": [target.pk], "target": target.pk,
                                              "effective": "01/07/2025", "action": "preview"})
    assert same.status_code == 400 and "không được nằm trong" in same.content.decode()


def test_the_demo_reorganisation_shows_both_views(cast, directive):
    out = io.StringIO()
    call_command("demo_reorganisation", stdout=out)
    lines = out.getvalue().splitlines()
    then = next(line for line in lines if line.startswith("2022 view"))
    now = next(line for line in lines if line.startswith("today's view"))
    assert "Đảng ủy phường Đình Bảng" in then and "Ví dụ" not in then
    assert "Ví dụ" in now and "Đình Bảng" not in now
    new = Unit.objects.get(key="p-vi-du-hop-nhat")
    assert Unit.objects.get(key="p-dinh-bang").successor == new
    assert Assignment.objects.filter(unit=new).exists()
    from tasks.unit_history import existing_on

    assert existing_on(Unit.objects.filter(key="p-dinh-bang"), datetime.date(2022, 6, 30)).exists()
    assert not existing_on(Unit.objects.filter(key="p-dinh-bang"), datetime.date(2026, 1, 1)).exists()
    call_command("demo_reorganisation")  # twice changes nothing
    assert Unit.objects.filter(key="p-vi-du-hop-nhat").count() == 1
