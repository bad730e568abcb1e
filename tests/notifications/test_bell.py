"""The bell: an unread count (one query per page), a list, marking read, links to the item."""

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notify
from tasks.models import Assignment
from tasks.notifying import notify_new_assignments


def test_bell_shows_the_unread_count(client, cast, directive):
    items = [notify([cast.dinh_bang], "reminder", f"Nhắc việc {i}", url="/viec/")[0] for i in range(3)]
    Notification.objects.filter(pk=items[0].pk).update(read_at=timezone.now())
    notify([cast.tuong_giang], "reminder", "Của người khác")
    client.force_login(cast.dinh_bang)
    html = client.get(reverse("directives:list")).content.decode()
    assert '<span class="badge rounded-pill text-bg-warning" id="notification-count">2</span>' in html
    assert "Thông báo: 2 chưa đọc" in html


def test_no_badge_when_everything_is_read(client, cast, directive):
    client.force_login(cast.dinh_bang)
    html = client.get(reverse("directives:list")).content.decode()
    assert 'id="nav-notifications"' in html
    # The badge is there for the page's polling to fill, hidden while there is nothing unread.
    assert 'id="notification-count" hidden></span>' in html


def test_the_count_costs_one_query_however_often_it_is_shown(cast, directive):
    notify([cast.dinh_bang], "reminder", "Nhắc việc")
    request = RequestFactory().get("/")
    request.user = cast.dinh_bang
    template = Template("{% load notifications_tags %}{% unread_notifications %}{% unread_notifications %}")
    with CaptureQueriesContext(connection) as queries:
        assert template.render(Context({"request": request})) == "11"
    assert len([q for q in queries if "notifications_notification" in q["sql"]]) == 1


def test_list_shows_only_one_s_own_items(client, cast, directive):
    notify([cast.dinh_bang], "reminder", "Của Đình Bảng")
    notify([cast.tuong_giang], "reminder", "Của Tương Giang")
    client.force_login(cast.dinh_bang)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "Của Đình Bảng" in html and "Của Tương Giang" not in html


def test_opening_an_item_marks_it_read_and_goes_to_it(client, cast, directive):
    [item] = notify([cast.dinh_bang], "returned", "Văn bản bị trả lại", url="/viec/5/#van-ban-9")
    client.force_login(cast.dinh_bang)
    response = client.get(reverse("notifications:open", args=[item.pk]))
    assert response.status_code == 302 and response.url == "/viec/5/#van-ban-9"
    item.refresh_from_db()
    assert item.read_at is not None


def test_an_item_pointing_elsewhere_is_not_followed(client, cast, directive):
    [item] = notify([cast.dinh_bang], "reminder", "Lạ", url="https://example.com/phishing")
    client.force_login(cast.dinh_bang)
    assert client.get(reverse("notifications:open", args=[item.pk])).url == reverse("notifications:list")


def test_someone_else_s_item_is_404(client, cast, directive):
    [item] = notify([cast.tuong_giang], "reminder", "Của Tương Giang")
    client.force_login(cast.dinh_bang)
    assert client.get(reverse("notifications:open", args=[item.pk])).status_code == 404
    assert client.post(reverse("notifications:mark_read", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_one_and_mark_all_read(client, cast, directive):
    items = [notify([cast.dinh_bang], "reminder", f"Nhắc {i}")[0] for i in range(3)]
    other = notify([cast.tuong_giang], "reminder", "Khác")[0]
    client.force_login(cast.dinh_bang)
    client.post(reverse("notifications:mark_read", args=[items[0].pk]))
    assert Notification.objects.filter(recipient=cast.dinh_bang, read_at__isnull=True).count() == 2
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(recipient=cast.dinh_bang, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_new_assignments_are_announced_once_per_unit(cast, directive):
    ids = Assignment.objects.filter(unit__key__in=["p-dinh-bang", "p-tuong-giang"]).values_list("pk", flat=True)
    notify_new_assignments(ids)
    mine = Notification.objects.filter(recipient=cast.dinh_bang, kind="assigned")
    assert mine.count() == 1
    assert "Đình Bảng được giao" in mine.get().title and mine.get().url.startswith(reverse("tasks:workspace"))
    assert Notification.objects.filter(recipient=cast.dinh_bang_head, kind="assigned").count() == 1
    assert Notification.objects.filter(recipient=cast.tuong_giang, kind="assigned").count() == 1
    assert not Notification.objects.filter(recipient=cast.tam_son).exists()
    one = Assignment.objects.filter(unit__key="p-tam-son").first()
    notify_new_assignments([one.pk])
    assert Notification.objects.get(recipient=cast.tam_son).url == reverse("tasks:assignment_detail", args=[one.pk])


def test_the_count_endpoint_answers_the_users_own_unread_count(client, cast, directive):
    notify([cast.dinh_bang], "reminder", "Nhắc việc 1")
    notify([cast.dinh_bang], "reminder", "Nhắc việc 2")
    notify([cast.tuong_giang], "reminder", "Của người khác")
    client.force_login(cast.dinh_bang)
    response = client.get(reverse("notifications:count"))
    assert response.status_code == 200
    assert response.json() == {"unread": 2, "label": "Thông báo: 2 chưa đọc"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    notify([cast.dinh_bang], "urge", "Đôn đốc")
    assert client.get(reverse("notifications:count")).json()["unread"] == 3
    client.force_login(cast.tuong_giang)
    assert client.get(reverse("notifications:count")).json()["unread"] == 1


def test_the_count_endpoint_refuses_the_signed_out_and_writes(client, cast, directive):
    assert client.get(reverse("notifications:count")).status_code == 401
    client.force_login(cast.dinh_bang)
    assert client.post(reverse("notifications:count")).status_code == 405


def test_every_page_loads_the_bell_script(client, cast, directive):
    client.force_login(cast.dinh_bang)
    html = client.get(reverse("directives:list")).content.decode()
    assert "js/notification-bell.js" in html and reverse("notifications:count") in html


def test_polling_the_count_does_not_keep_an_idle_session_alive(client, cast, directive, settings):
    from django.contrib.sessions.models import Session

    client.force_login(cast.dinh_bang)
    client.get(reverse("directives:list"))
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timezone.timedelta(minutes=5))
    before = Session.objects.get(session_key=key).expire_date
    assert client.get(reverse("notifications:count")).status_code == 200
    assert Session.objects.get(session_key=key).expire_date == before
    client.get(reverse("directives:list"))  # a page the person opens does renew it
    assert Session.objects.get(session_key=key).expire_date > before
