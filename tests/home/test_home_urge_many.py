"""Urging several units at once from the reviewer's home page: the block "units with the most
overdue work" ticks units (each stands for its longest-overdue assignment) and posts them to
the existing reminders:urge_many flow — the text pre-filled from the directive's template, a
preview, then one urge per unit, audited and notified, never twice the same day for the same
task; nobody but the tracking body urges anything."""

import re

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from notifications.models import Notification
from reminders.models import Urge, UrgeTemplate

from .test_home_page import block, home

URL = reverse("reminders:urge_many")
TEXT = "Đề nghị {don_vi} hoàn thành ngay nhiệm vụ {nhiem_vu} (hạn {thoi_han})."


def choices(client, world):
    """{unit name: assignment id} offered by the home page's checkboxes."""
    _count, html = block(home(client, world.reviewer), "reviewer-overdue_units")
    assert 'action="/nhac-viec/don-doc/nhieu-don-vi/"' in html and 'name="step" value="choose"' in html
    boxes = re.findall(r'name="assignment" value="(\d+)" id="urge-unit-\d+" form="home-urge-form">\s*'
                       r'<span class="visually-hidden">Chọn ([^<]+) để đôn đốc</span>', html)
    return {unit: int(pk) for pk, unit in boxes}


def test_each_unit_is_offered_with_its_longest_overdue_task(client, world):
    offered = choices(client, world)
    assert offered["Đình Bảng"] == world.a["1.2"].pk
    assert offered["Phòng Văn hóa và Thông tin"] == world.dep["1.1"].pk
    assert offered["Tương Giang"] == world.b["2.1"].pk


def test_the_units_ticked_on_the_home_page_are_urged_once_each(client, world, django_capture_on_commit_callbacks):
    UrgeTemplate.objects.create(directive=world.directive, text=TEXT)
    offered = choices(client, world)
    ticked = [offered["Đình Bảng"], offered["Tương Giang"]]
    # "Đôn đốc các đơn vị đã chọn": the text comes pre-filled from the directive's template.
    response = client.post(URL, {"assignment": ticked, "step": "choose", "next": "/"})
    assert response.status_code == 200
    assert response.context["form"].initial["message"] == TEXT
    assert sorted(a.pk for a in response.context["chosen"]) == sorted(ticked)
    # The preview shows each unit's own message and sends nothing.
    response = client.post(URL, {"assignment": ticked, "step": "preview", "message": TEXT, "next": "/"})
    html = response.content.decode()
    assert "Đề nghị Đảng ủy phường Đình Bảng hoàn thành ngay nhiệm vụ 1.2" in html
    assert "Đề nghị Đảng ủy phường Tương Giang hoàn thành ngay nhiệm vụ 2.1" in html
    assert not Urge.objects.exists()
    # Sent: one urge per unit, audited, under each unit's bell; back to the home page.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"assignment": ticked, "step": "send", "message": TEXT, "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert sorted(Urge.objects.values_list("assignment_id", flat=True)) == sorted(ticked)
    assert AuditEntry.objects.filter(action="reminder.urge").count() == 2
    assert Notification.objects.filter(kind="urge", recipient=world.dinh_bang).count() == 1
    assert Notification.objects.filter(kind="urge", recipient=world.tuong_giang).count() == 1

    # The same units again the same day: refused for the same task, nothing doubled.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"assignment": ticked, "step": "send", "message": TEXT, "next": "/"})
    assert Urge.objects.count() == 2 and AuditEntry.objects.filter(action="reminder.urge").count() == 2
    shown = [str(m) for m in response.wsgi_request._messages]
    assert sum("đã được đôn đốc về nhiệm vụ" in m for m in shown) == 2


def test_nothing_ticked_is_a_message_back_on_the_home_page(client, world):
    choices(client, world)
    response = client.post(URL, {"step": "choose", "next": "/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Hãy chọn ít nhất một nhiệm vụ" in response.content.decode()


@pytest.mark.parametrize("who", ["dinh_bang", "dinh_bang_head", "tuong_giang", "office", "observer"])
def test_only_the_tracking_body_sees_the_choice_or_urges(client, world, who, django_capture_on_commit_callbacks):
    offered = choices(client, world)
    client.force_login(getattr(world, who))
    assert 'id="home-urge-form"' not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"assignment": list(offered.values()), "step": "send", "message": TEXT})
    assert response.status_code == 302
    assert not Urge.objects.exists() and not AuditEntry.objects.filter(action="reminder.urge").exists()


def test_a_refusal_names_its_unit_and_the_count_is_of_units(client, world, django_capture_on_commit_callbacks):
    offered = choices(client, world)
    ticked = [offered["Phòng Văn hóa và Thông tin"], offered["Đình Bảng"], world.a["C.2"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"assignment": ticked, "step": "send", "message": TEXT, "next": "/"})
    shown = [str(m) for m in response.wsgi_request._messages]
    # Two tasks of Đình Bảng: two urges, one unit; the department has nobody to receive it.
    assert "Đã gửi đôn đốc về 2 nhiệm vụ tới 1 đơn vị." in shown
    assert any(m.startswith("Phòng Văn hóa và Thông tin, nhiệm vụ 1.1: Đơn vị chưa có cán bộ") for m in shown)
    assert Urge.objects.count() == 2
