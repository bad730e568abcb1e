"""Sign-in, sign-out, failed sign-ins and the lockout after five failures."""

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, login


def actions_of(username):
    return list(AuditEntry.objects.filter(actor_name=username).order_by("pk").values_list("action", flat=True))


def test_login_page_is_in_vietnamese_and_keeps_its_field_ids(client, db):
    html = client.get(reverse("login")).content.decode()
    assert 'id="id_username"' in html and 'id="id_password"' in html
    assert "Đăng nhập" in html and "Quên mật khẩu?" in html


def test_right_password_signs_in_and_is_audited_with_the_address(client, person):
    response = login(client, person.username)
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    entry = AuditEntry.objects.get(action="auth.login")
    assert entry.actor == person and entry.ip_address == "203.0.113.7"


def test_wrong_password_shows_a_vietnamese_message_and_keeps_the_username(client, person):
    response = login(client, person.username, "sai-mat-khau")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert f'value="{person.username}"' in html
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.actor == person and entry.changes["username"] == person.username


def test_failed_login_with_an_unknown_name_is_recorded_by_name(client, db):
    login(client, "khong.ton.tai", "x")
    entry = AuditEntry.objects.get(action="auth.login_failed")
    assert entry.actor is None and entry.actor_name == "khong.ton.tai"


def test_logout_is_a_post_and_is_audited(client, person):
    client.force_login(person)
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert "auth.logout" in actions_of(person.username)
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_inactive_account_cannot_sign_in(client, person):
    person.is_active = False
    person.save()
    response = login(client, person.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_pair_with_a_clear_message(client, person):
    for _ in range(4):
        assert login(client, person.username, "sai").status_code == 200
    response = login(client, person.username, "sai")
    html = response.content.decode()
    assert response.status_code == 429
    assert 'id="lockout-message"' in html and "tạm thời bị khóa" in html
    assert 'id="id_username"' in html  # still the login page, not a bare refusal
    # Even the right password is refused during the lock.
    response = login(client, person.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert actions_of(person.username).count("auth.lockout") == 1


def test_lockout_message_says_when_to_try_again(client, person):
    start = timezone.make_aware(datetime.datetime(2022, 5, 7, 9, 0))
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            response = login(client, person.username, "sai")
    assert "09:15" in response.content.decode() and "07/05/2022" in response.content.decode()


def test_lock_is_per_username_and_address(client, person, django_user_model):
    for _ in range(5):
        login(client, person.username, "sai", ip="203.0.113.7")
    # Same person from another address, and another person from the same address, may sign in.
    assert login(client, person.username, ip="198.51.100.9").status_code == 302
    client.logout()
    other = django_user_model.objects.create_user("tran.thi.binh", password=PASSWORD)
    assert login(client, other.username, ip="203.0.113.7").status_code == 302


def test_lock_ends_after_fifteen_minutes(client, person):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            login(client, person.username, "sai")
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        assert login(client, person.username).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert login(client, person.username).status_code == 302


def test_tries_during_the_lock_do_not_extend_it(client, person):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            login(client, person.username, "sai")
    with time_machine.travel(start + datetime.timedelta(minutes=10), tick=False):
        assert login(client, person.username, "sai").status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        assert login(client, person.username).status_code == 302


def test_a_successful_login_clears_earlier_failures(client, person):
    for _ in range(4):
        login(client, person.username, "sai")
    assert login(client, person.username).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, person.username, "sai").status_code == 200


def test_login_redirects_only_to_this_site(client, person):
    response = client.post(reverse("login") + "?next=https://evil.example/", {
        "username": person.username, "password": PASSWORD, "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response.url


def test_admin_login_goes_through_the_portal_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert client.get(response.url).url.startswith(reverse("login"))


def test_signed_in_non_staff_on_the_admin_does_not_loop(client, person):
    client.force_login(person)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and not response.url.startswith("/admin")
