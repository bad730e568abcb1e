"""Password change and reset by e-mail, in Vietnamese."""

import re

from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, login

NEW = "Mat-khau-Moi-2023!"


def test_password_change_keeps_the_session_and_is_audited(client, person):
    client.force_login(person)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "Đổi mật khẩu" in page.content.decode()
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    assert client.get(reverse("accounts:profile")).status_code == 200
    person.refresh_from_db()
    assert person.check_password(NEW)
    assert AuditEntry.objects.filter(action="auth.password_changed", actor=person).exists()


def test_a_wrong_old_password_is_explained_next_to_the_field(client, person):
    client.force_login(person)
    response = client.post(reverse("password_change"), {
        "old_password": "sai", "new_password1": NEW, "new_password2": NEW})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_old_password_error"' in html and 'aria-describedby="id_old_password_error"' in html


def test_password_reset_sends_a_vietnamese_mail_with_a_working_link(client, person):
    page = client.get(reverse("password_reset"))
    assert "Quên mật khẩu" in page.content.decode()
    response = client.post(reverse("password_reset"), {"email": person.email})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Đặt lại mật khẩu" in message.subject
    assert "Kính gửi đồng chí Nguyễn Văn An" in message.body and "Tên đăng nhập: nguyen.van.an" in message.body
    link = re.search(r"https?://\S+/dat-lai-mat-khau/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200 and "Đặt mật khẩu mới" in form_page.content.decode()
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response.url == reverse("password_reset_complete")
    assert login(client, person.username, NEW).status_code == 302
    assert AuditEntry.objects.filter(action="auth.password_reset_done", actor=person).exists()


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "khong-co@tuson.local"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []
    assert AuditEntry.objects.get(action="auth.password_reset_requested").changes == {"email": "khong-co@tuson.local"}


def test_a_bad_reset_link_explains_itself(client, db):
    response = client.get(reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "sai-ma"}))
    assert response.status_code == 200 and 'id="invalid-link"' in response.content.decode()


def test_resetting_the_password_lifts_a_lockout(client, person):
    for _ in range(5):
        login(client, person.username, "sai")
    assert login(client, person.username).status_code == 429
    client.post(reverse("password_reset"), {"email": person.email})
    link = re.search(r"/dat-lai-mat-khau/\S+/", mail.outbox[0].body).group(0)
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert login(client, person.username, NEW).status_code == 302
