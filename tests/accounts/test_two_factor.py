"""Optional TOTP sign-in, and the Office's switch that makes it compulsory."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityPolicy
from audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, login


def code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.fixture
def device(person):
    return TOTPDevice.objects.create(user=person, name="điện thoại", confirmed=True)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_without_a_device_the_password_is_enough(client, person):
    assert login(client, person.username).status_code == 302
    assert signed_in(client)


def test_with_a_device_the_password_leads_to_the_code_page(client, person, device):
    response = login(client, person.username)
    assert response.status_code == 302 and response.url == reverse("accounts:login_otp")
    assert not signed_in(client)
    assert not AuditEntry.objects.filter(action="auth.login").exists()
    page = client.get(response.url)
    assert page.status_code == 200 and "mã 6 chữ số" in page.content.decode()


def test_the_right_code_signs_in(client, person, device):
    login(client, person.username)
    response = client.post(reverse("accounts:login_otp"), {"token": code(device)})
    assert response.status_code == 302
    assert signed_in(client)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert AuditEntry.objects.filter(action="auth.login", actor=person).exists()


def test_a_wrong_code_is_refused_next_to_the_field_and_audited(client, person, device):
    login(client, person.username)
    response = client.post(reverse("accounts:login_otp"), {"token": "000000" if code(device) != "000000" else "111111"})
    html = response.content.decode()
    assert response.status_code == 200 and not signed_in(client)
    assert 'aria-describedby="id_token_error"' in html and "Mã xác thực không đúng" in html
    assert AuditEntry.objects.filter(action="auth.otp_failed", actor=person).exists()


def test_wrong_codes_count_towards_the_lockout(client, person, device):
    wrong = "000000" if code(device) != "000000" else "111111"
    login(client, person.username)
    for _ in range(5):
        response = client.post(reverse("accounts:login_otp"), {"token": wrong}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()
    # The right code does not help once locked.
    response = client.post(reverse("accounts:login_otp"), {"token": code(device)}, REMOTE_ADDR="203.0.113.7")
    assert not signed_in(client)


def test_the_code_page_without_a_password_sends_back_to_login(client, db):
    response = client.get(reverse("accounts:login_otp"))
    assert response.status_code == 302 and response.url == reverse("login")


def test_enrolment_shows_an_inline_qr_code_and_confirms_with_a_first_code(client, person):
    client.force_login(person)
    page = client.get(reverse("accounts:two_factor"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<script>" not in html.split("</main>")[0]
    pending = TOTPDevice.objects.get(user=person, confirmed=False)
    secret = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', html).group(1)
    assert secret.replace(" ", "")
    response = client.post(reverse("accounts:two_factor"), {"action": "confirm", "token": code(pending)})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.confirmed
    assert AuditEntry.objects.filter(action="auth.otp_enrolled", object_id=str(person.pk)).exists()
    client.logout()
    assert login(client, person.username).url == reverse("accounts:login_otp")


def test_a_session_without_the_code_cannot_replace_the_device(client, person, device):
    client.force_login(person)  # signed in without giving a code
    response = client.get(reverse("accounts:two_factor"))
    assert response.status_code == 302 and response.url == reverse("accounts:login_otp")
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login_otp"))


def test_required_but_not_enrolled_is_sent_to_enrolment(client, person):
    person.is_staff = True
    person.save()
    SecurityPolicy.objects.update_or_create(pk=1, defaults={"require_2fa_admins": True})
    response = login(client, person.username)
    assert response.status_code == 302 and response.url == reverse("accounts:two_factor")
    # Every other page leads back to enrolment until it is done.
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response.url == reverse("accounts:two_factor")
    pending = TOTPDevice.objects.filter(user=person, confirmed=False).first() or None
    client.get(reverse("accounts:two_factor"))
    pending = TOTPDevice.objects.get(user=person, confirmed=False)
    client.post(reverse("accounts:two_factor"), {"action": "confirm", "token": code(pending)})
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_required_device_cannot_be_switched_off(client, person, device):
    person.is_staff = True
    person.save()
    SecurityPolicy.objects.update_or_create(pk=1, defaults={"require_2fa_admins": True})
    login(client, person.username)
    client.post(reverse("accounts:login_otp"), {"token": code(device)})
    response = client.post(reverse("accounts:two_factor"), {"action": "disable"}, follow=True)
    assert "không thể tắt" in response.content.decode()
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def test_an_optional_device_can_be_switched_off(client, person, device):
    login(client, person.username)
    client.post(reverse("accounts:login_otp"), {"token": code(device)})
    client.post(reverse("accounts:two_factor"), {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert AuditEntry.objects.filter(action="auth.otp_removed").exists()
    client.logout()
    assert login(client, person.username, PASSWORD).status_code == 302 and signed_in(client)


def test_office_requirement_for_reviewers_applies_to_the_tracking_body(client, cast):
    SecurityPolicy.objects.update_or_create(pk=1, defaults={"require_2fa_reviewers": True})
    cast.reviewer.set_password(PASSWORD)
    cast.reviewer.save()
    cast.dinh_bang.set_password(PASSWORD)
    cast.dinh_bang.save()
    assert login(client, cast.reviewer.username).url == reverse("accounts:two_factor")
    client.logout()
    assert login(client, cast.dinh_bang.username).url != reverse("accounts:two_factor")


def test_the_code_must_follow_the_password_within_five_minutes(client, person, device):
    import datetime

    import time_machine
    from django.utils import timezone

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, person.username)
    with time_machine.travel(start + datetime.timedelta(minutes=6), tick=False):
        response = client.post(reverse("accounts:login_otp"), {"token": code(device)})
    assert response.status_code == 302 and response.url == reverse("login")
    assert not signed_in(client)
