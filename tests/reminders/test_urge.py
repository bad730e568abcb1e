"""The urge form (đôn đốc): only the tracking body, sent at once, audited."""

import datetime
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from notifications.models import Notification
from reminders.models import DeliveryStatus, ReminderLog, Rule, Urge
from tests.reminders.conftest import TODAY

DAY = datetime.timedelta(days=1)


@pytest.fixture
def late_work(world, travel):
    travel(TODAY, 9, 0)
    return world.task(TODAY - 4 * DAY, title="Kế hoạch huấn luyện dân quân")


def url(assignment):
    return reverse("reminders:urge", args=[assignment.pk])


def post(client, assignment, message="Đề nghị đồng chí khẩn trương hoàn thành.", token=None, **extra):
    data = {"message": message, "client_token": str(token or uuid.uuid4()), **extra}
    return client.post(url(assignment), data)


def test_reviewer_sees_the_urge_form(client, world, late_work):
    client.force_login(world.rita)
    response = client.get(url(late_work))
    assert response.status_code == 200
    assert "Kế hoạch huấn luyện dân quân" in response.content.decode()
    assert 'name="message"' in response.content.decode()


@pytest.mark.parametrize("who", ["alice", "hana", "bob", "office"])
def test_anyone_but_the_tracking_body_gets_404(client, world, late_work, who):
    client.force_login(getattr(world, who))
    assert client.get(url(late_work)).status_code == 404
    assert post(client, late_work).status_code == 404
    assert not Urge.objects.exists() and mail.outbox == []


def test_anonymous_is_sent_to_log_in(client, late_work):
    response = client.get(url(late_work))
    assert response.status_code == 302 and reverse("login") in response.url


def test_an_urge_goes_out_at_once_by_mail_and_bell_with_the_message(client, world, late_work, django_capture_on_commit_callbacks):
    client.force_login(world.rita)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, late_work, "Đề nghị phường nộp kế hoạch trước thứ Sáu.")
    assert response.status_code == 302 and response.url == url(late_work)
    [message] = mail.outbox
    assert message.to == ["alice@tuson.local"]
    assert message.subject.startswith("[Đôn đốc] ")
    assert "Đề nghị phường nộp kế hoạch trước thứ Sáu." in message.body
    assert "Đỗ Thị Rạng" in message.body
    assert "Đề nghị phường nộp kế hoạch trước thứ Sáu." in message.alternatives[0][0]
    bell = Notification.objects.get(recipient=world.alice)
    assert bell.kind == Notification.Kind.URGE and "trước thứ Sáu" in bell.body
    assert set(ReminderLog.objects.filter(rule=Rule.URGE).values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_an_urge_is_audited(client, world, late_work, django_capture_on_commit_callbacks):
    client.force_login(world.rita)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, late_work, "Khẩn trương hoàn thành.")
    entry = AuditEntry.objects.get(action="reminder.urge")
    assert entry.actor_id == world.rita.pk and entry.object_id == str(late_work.pk)
    assert entry.unit_id == world.ward_a.pk
    assert entry.changes["message"] == "Khẩn trương hoàn thành." and entry.changes["recipients"] == ["alice"]


def test_the_same_form_posted_twice_urges_once(client, world, late_work, django_capture_on_commit_callbacks):
    client.force_login(world.rita)
    token = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, late_work, token=token)
        post(client, late_work, token=token)
    assert Urge.objects.count() == 1 and len(mail.outbox) == 1


def test_an_empty_message_is_refused_in_vietnamese(client, world, late_work):
    client.force_login(world.rita)
    response = post(client, late_work, "   ")
    assert response.status_code == 200
    assert "Hãy nhập nội dung đôn đốc." in response.content.decode()
    assert not Urge.objects.exists()


def test_a_too_long_message_is_refused_and_kept(client, world, late_work):
    client.force_login(world.rita)
    text = "Đôn đốc " * 300
    response = post(client, late_work, text)
    page = response.content.decode()
    assert "dài quá 2000 ký tự" in page
    assert text.strip()[:100] in page
    assert 'aria-describedby="id_message_helptext id_message_error"' in page


def test_completed_work_cannot_be_urged(client, world, late_work):
    late_work.completed_on = TODAY
    late_work.save()
    client.force_login(world.rita)
    assert "không cần đôn đốc" in client.get(url(late_work)).content.decode()
    response = post(client, late_work)
    assert "không cần đôn đốc" in response.content.decode()
    assert not Urge.objects.exists()


def test_the_urge_returns_to_a_safe_next_page_only(client, world, late_work, travel,
                                                  django_capture_on_commit_callbacks):
    client.force_login(world.rita)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, late_work, next="/theo-doi/?don-vi=1")
        assert response.url == "/theo-doi/?don-vi=1"
        travel(TODAY + DAY, 9, 0)  # one urge a day per assignment
        client.force_login(world.rita)
        response = post(client, late_work, next="https://evil.example/")
        assert response.url == url(late_work)


def test_the_assignment_page_offers_the_urge_to_the_tracking_body_only(client, world, late_work):
    page = reverse("tasks:assignment_detail", args=[late_work.pk])
    client.force_login(world.rita)
    html = client.get(page).content.decode()
    assert f'href="{url(late_work)}?next={page}"' in html
    client.force_login(world.alice)
    assert 'id="urge-link"' not in client.get(page).content.decode()


def test_the_assignment_page_offers_no_urge_for_completed_work(client, world, late_work):
    late_work.completed_on = TODAY
    late_work.save()
    client.force_login(world.rita)
    html = client.get(reverse("tasks:assignment_detail", args=[late_work.pk])).content.decode()
    assert "Theo dõi, thẩm định" in html and 'id="urge-link"' not in html


def test_the_assignment_page_offers_no_urge_for_cancelled_work(client, world, late_work):
    late_work.is_cancelled = True
    late_work.save()
    client.force_login(world.rita)
    response = client.get(reverse("tasks:assignment_detail", args=[late_work.pk]))
    assert response.status_code == 200 and 'id="urge-link"' not in response.content.decode()
