"""Urging several units at once: choose rows, one text with placeholders pre-filled from the
directive's template, a preview, then one urge per unit, each audited and notified; never
twice for the same assignment on the same day (a database constraint)."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEntry
from notifications.models import Notification
from reminders import services
from reminders.models import Urge, UrgeTemplate
from tests.reminders.conftest import TODAY

DAY = datetime.timedelta(days=1)
URL = reverse("reminders:urge_many")
TEXT = "Kính gửi {don_vi}: nhiệm vụ {nhiem_vu} hạn {thoi_han}, quá {so_ngay_qua_han} ngày."


@pytest.fixture
def late(world, travel):
    travel(TODAY, 9, 0)
    return [world.task(TODAY - 4 * DAY, title="Kế hoạch huấn luyện"),
            world.task(TODAY - 2 * DAY, unit=world.ward_b, title="Báo cáo diễn tập")]


def post(client, ids, step, message=None, **extra):
    data = {"assignment": [str(i) for i in ids], "step": step, **extra}
    if message is not None:
        data["message"] = message
    return client.post(URL, data)


def test_choosing_rows_opens_the_text_prefilled_from_the_template(client, world, late):
    UrgeTemplate.objects.create(directive=world.directive, text="Mẫu riêng: {don_vi}")
    client.force_login(world.rita)
    response = post(client, [a.pk for a in late], "choose")
    assert response.status_code == 200
    assert response.context["form"].initial["message"] == "Mẫu riêng: {don_vi}"
    assert [a.pk for a in response.context["chosen"]] == sorted([a.pk for a in late],
                                                              key=lambda pk: [a for a in late if a.pk == pk][0].unit.name)


def test_the_preview_fills_the_placeholders_per_unit_and_sends_nothing(client, world, late):
    client.force_login(world.rita)
    response = post(client, [a.pk for a in late], "preview", TEXT)
    html = response.content.decode()
    assert "Kính gửi Đảng ủy phường Đình Bảng: nhiệm vụ" in html
    assert "quá 4 ngày" in html and "quá 2 ngày" in html
    assert (TODAY - 4 * DAY).strftime("%d/%m/%Y") in html
    assert not Urge.objects.exists() and mail.outbox == []


def test_sending_makes_one_urge_per_unit_audited_and_notified(client, world, late, django_capture_on_commit_callbacks):
    client.force_login(world.rita)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, [a.pk for a in late], "send", TEXT, next="/theo-doi/")
    assert response.status_code == 302 and response.url == "/theo-doi/"
    urges = {u.assignment_id: u for u in Urge.objects.all()}
    assert set(urges) == {a.pk for a in late}
    assert urges[late[0].pk].message.startswith("Kính gửi Đảng ủy phường Đình Bảng")
    assert urges[late[1].pk].message.startswith("Kính gửi Đảng ủy phường Tam Sơn")
    assert all(u.urged_on == TODAY for u in urges.values())
    assert AuditEntry.objects.filter(action="reminder.urge").count() == 2
    assert Notification.objects.filter(kind="urge", recipient=world.alice).count() == 1
    assert Notification.objects.filter(kind="urge", recipient=world.bob).count() == 1


def test_a_unit_is_not_urged_twice_for_the_same_task_on_the_same_day(client, world, late, django_capture_on_commit_callbacks):
    client.force_login(world.rita)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, [late[0].pk], "send", TEXT)
        response = post(client, [a.pk for a in late], "send", TEXT)
    assert Urge.objects.filter(assignment=late[0]).count() == 1
    assert Urge.objects.filter(assignment=late[1]).count() == 1
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("đã được đôn đốc về nhiệm vụ" in m for m in shown)
    # The single urge page obeys the same rule.
    response = client.post(reverse("reminders:urge", args=[late[0].pk]), {"message": "Lần nữa"})
    assert "mỗi ngày chỉ đôn đốc một lần" in response.content.decode()


def test_the_database_refuses_a_second_urge_the_same_day(world, late):
    Urge.objects.create(assignment=late[0], author=world.rita, message="1", urged_on=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Urge.objects.create(assignment=late[0], author=world.rita, message="2", urged_on=TODAY)
    Urge.objects.create(assignment=late[0], author=world.rita, message="3", urged_on=TODAY + DAY)


def test_the_next_day_the_unit_may_be_urged_again(world, late, travel, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.urge_many(world.rita, [late[0].pk], TEXT)
        travel(TODAY + DAY, 9, 0)
        [outcome] = services.urge_many(world.rita, [late[0].pk], TEXT)
    assert outcome.urge is not None and Urge.objects.count() == 2


def test_an_unknown_placeholder_is_refused_and_the_text_kept(client, world, late):
    client.force_login(world.rita)
    response = post(client, [late[0].pk], "preview", "Gửi {ten_don_vi} {don_vi}")
    html = response.content.decode()
    assert "Không có ô thay thế {ten_don_vi}" in html
    assert "Gửi {ten_don_vi} {don_vi}" in html
    assert not Urge.objects.exists()


@pytest.mark.parametrize("who", ["alice", "hana", "bob", "office"])
def test_anyone_but_the_tracking_body_urges_nothing(client, world, late, who, django_capture_on_commit_callbacks):
    client.force_login(getattr(world, who))
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, [a.pk for a in late], "send", TEXT)
    assert response.status_code == 302
    assert not Urge.objects.exists() and mail.outbox == []


def test_anonymous_and_get_are_turned_away(client, world, late):
    response = post(client, [late[0].pk], "send", TEXT)
    assert response.status_code == 302 and reverse("login") in response.url
    client.force_login(world.rita)
    assert client.get(URL).status_code == 405


def test_completed_work_is_dropped_from_the_selection(client, world, late):
    late[0].completed_on = TODAY
    late[0].save()
    client.force_login(world.rita)
    response = post(client, [a.pk for a in late], "choose")
    assert [a.pk for a in response.context["chosen"]] == [late[1].pk]


def test_the_tracking_body_edits_the_template_audited(client, world, late):
    url = reverse("reminders:urge_template", args=[world.directive.pk])
    client.force_login(world.rita)
    assert client.get(url).status_code == 200
    response = client.post(url, {"message": "Đề nghị {don_vi} hoàn thành {nhiem_vu}."})
    assert response.status_code == 302
    assert UrgeTemplate.objects.get(directive=world.directive).text == "Đề nghị {don_vi} hoàn thành {nhiem_vu}."
    assert AuditEntry.objects.filter(action="reminder.urge_template").count() == 1
    bad = client.post(url, {"message": "Đề nghị {xyz}"})
    assert bad.status_code == 200 and "Không có ô thay thế {xyz}" in bad.content.decode()


@pytest.mark.parametrize("who", ["alice", "hana", "bob", "office"])
def test_only_the_tracking_body_edits_the_template(client, world, who):
    url = reverse("reminders:urge_template", args=[world.directive.pk])
    client.force_login(getattr(world, who))
    assert client.get(url).status_code == 404
    assert client.post(url, {"message": "x"}).status_code == 404
    assert not UrgeTemplate.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(2))
def test_reviewers_urging_at_once_make_one_urge(world, travel, round_):
    import threading

    from django.db import connection

    from accounts import grants
    from tests.conftest import require_service, uses_postgres

    require_service("PostgreSQL", uses_postgres(), "the unique index under concurrent inserts is the point")
    from django.contrib.auth import get_user_model

    travel(TODAY, 9, 0)
    work = world.task(TODAY - 3 * DAY)
    people = [world.rita]
    for i in range(3):
        user = get_user_model().objects.create_user(f"duqs-{i}", last_name=f"Cán bộ {i}")
        grants.add_member(world.duqs, user)
        people.append(user)
    start = threading.Barrier(len(people))
    results = []

    def urge(user):
        try:
            start.wait()
            [outcome] = services.urge_many(user, [work.pk], TEXT)
            results.append("won" if outcome.urge else outcome.refused)
        finally:
            connection.close()

    threads = [threading.Thread(target=urge, args=(u,)) for u in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results.count("won") == 1, results
    assert all("mỗi ngày chỉ đôn đốc một lần" in r for r in results if r != "won")
    assert Urge.objects.filter(assignment=work).count() == 1
    assert AuditEntry.objects.filter(action="reminder.urge").count() == 1
