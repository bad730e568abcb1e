"""A new "require two-factor" policy ends, at their next request, the open sessions of the
people it now applies to who have not given a code; nobody else is signed out."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, login
from tests.accounts.test_two_factor import code


def _signed_in_with_password(client, user):
    user.set_password(PASSWORD)
    user.save()
    assert login(client, user.username).status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def _require(**switches):
    services.security_policy_update(**{"require_2fa_reviewers": False, "require_2fa_admins": False, **switches})


def test_a_reviewers_session_ends_when_reviewers_must_use_two_factor(client, cast):
    _signed_in_with_password(client, cast.reviewer)
    _require(require_2fa_reviewers=True)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.filter(action="auth.session_expired").get()
    assert entry.actor == cast.reviewer and entry.changes == {"reason": "2fa_policy"}
    # Signing in again leads to enrolment.
    assert login(client, cast.reviewer.username).url == reverse("accounts:two_factor")


def test_people_the_policy_does_not_cover_keep_working(client, cast):
    _signed_in_with_password(client, cast.dinh_bang)
    _require(require_2fa_reviewers=True, require_2fa_admins=True)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_an_administrator_who_gave_a_code_keeps_working(client, cast):
    device = TOTPDevice.objects.create(user=cast.admin, name="điện thoại", confirmed=True)
    cast.admin.set_password(PASSWORD)
    cast.admin.save()
    login(client, cast.admin.username)
    client.post(reverse("accounts:login_otp"), {"token": code(device)})
    assert client.get(reverse("accounts:profile")).status_code == 200
    _require(require_2fa_admins=True)
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.parametrize("switch", ["require_2fa_admins", "require_2fa_reviewers"])
def test_switching_a_requirement_off_signs_nobody_out(client, cast, switch):
    _require(**{switch: True})
    _signed_in_with_password(client, cast.observer)
    _require()
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_the_office_is_told_when_the_rule_applies(client, cast):
    client.force_login(cast.office)
    client.get(reverse("accounts:profile"))
    response = client.post(reverse("accounts:security_policy"), {"require_2fa_reviewers": "on"}, follow=True)
    assert "lần truy cập tiếp theo" in response.content.decode()


def test_a_policy_saved_in_the_admin_applies_the_same_way(client, cast):
    from accounts.models import SecurityPolicy

    _signed_in_with_password(client, cast.reviewer)
    SecurityPolicy.objects.update_or_create(pk=1, defaults={"require_2fa_reviewers": True})
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
