"""The Party document header of a report comes from the tree of units as it stood on the
report's "as of" date: a report about 30/06/2022 is issued under 2022's names and parent,
one about today under today's, after a rename, a move and the demo merge; editable still."""

import datetime

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reports.pdf.header import default_header
from tasks.models import Unit
from tasks.services import reorganisation as reorg

D = datetime.date
BEFORE = D(2022, 6, 30)
RENAMED = "Đảng ủy phường Tương Giang (sau sắp xếp)"


def _reorganise(cast):
    call_command("demo_reorganisation")
    area = reorg.unit_create(actor=cast.office, key="dang-uy-khu-vuc", name="Đảng ủy Khu vực Ví dụ",
                             kind="party_cell", valid_from=D(2025, 7, 1))
    ward = Unit.objects.get(key="p-tuong-giang")
    reorg.unit_change(actor=cast.office, unit_id=ward.pk, effective=D(2025, 7, 1), name=RENAMED, parent_id=area.pk)
    tracking = Unit.objects.get(key="duqs")
    reorg.unit_change(actor=cast.office, unit_id=tracking.pk, effective=D(2025, 7, 1),
                      name="Đảng ủy Quân sự thành phố Từ Sơn")
    return ward


def test_the_header_of_a_ward_s_own_report_follows_the_tree_of_its_date(cast, directive):
    _reorganise(cast)
    client = Client()
    client.force_login(cast.tuong_giang)
    url = reverse("reports:report_new")
    then = client.get(url, {"as_of": "30/06/2022"}).context["form"].initial
    assert (then["parent_organ"], then["issuing_organ"], then["number"]) == (
        "ĐẢNG BỘ THÀNH PHỐ TỪ SƠN", "ĐẢNG ỦY PHƯỜNG TƯƠNG GIANG", "-BC/ĐU")
    assert "Đảng ủy phường Tương Giang được giao" in then["results"]
    assert then["recipients"].splitlines()[0] == "Đảng ủy Quân sự thành phố (b/c)"
    today = datetime.date.today().strftime("%d/%m/%Y")
    now = client.get(url, {"as_of": today}).context["form"].initial
    assert (now["parent_organ"], now["issuing_organ"]) == ("ĐẢNG BỘ KHU VỰC VÍ DỤ", RENAMED.upper())
    assert f"{RENAMED} được giao" in now["results"]
    assert now["recipients"].splitlines()[0] == "Đảng ủy Quân sự thành phố Từ Sơn (b/c)"


def test_the_tracking_body_s_header_and_the_merged_wards(cast, directive):
    _reorganise(cast)
    then = default_header("directive_progress", directive, today=D(2022, 7, 5), as_of=BEFORE)
    now = default_header("directive_progress", directive, as_of=datetime.date.today())
    assert then.issuing_organ == "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ" and then.number == "-BC/ĐUQS"
    assert now.issuing_organ == "ĐẢNG ỦY QUÂN SỰ THÀNH PHỐ TỪ SƠN" and now.number == "-BC/ĐUQS"
    dinh_bang, new = Unit.objects.get(key="p-dinh-bang"), Unit.objects.get(key="p-vi-du-hop-nhat")
    old = default_header("unit", directive, dinh_bang, issuer=dinh_bang, as_of=BEFORE)
    assert old.issuing_organ == "ĐẢNG ỦY PHƯỜNG ĐÌNH BẢNG" and "của Đảng ủy phường Đình Bảng" in old.title
    merged = default_header("unit", directive, new, issuer=new, as_of=datetime.date.today())
    assert merged.issuing_organ == new.name.upper() and merged.number == "-BC/ĐU"


def test_the_organs_stay_editable(cast, directive):
    _reorganise(cast)
    client = Client()
    client.force_login(cast.tuong_giang)
    page = client.get(reverse("reports:report_new"), {"as_of": "30/06/2022"}).content.decode()
    assert 'name="parent_organ"' in page and 'value="ĐẢNG BỘ THÀNH PHỐ TỪ SƠN"' in page
    assert 'name="issuing_organ"' in page
