"""The connections page: tokens shown once, stored hashed, revoked by their owner only; the
calendar address reset."""

import hashlib

from django.urls import reverse

from api.models import ApiToken, CalendarFeed
from audit.models import AuditEntry

URL = "/tai-khoan/ket-noi/"


def test_a_new_token_is_shown_once_and_stored_hashed(client, cast):
    client.force_login(cast.dinh_bang)
    response = client.post(URL, {"action": "create_token", "name": "  Phần mềm   của tỉnh ", "days": "90"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=cast.dinh_bang)
    raw = response.context["new_token"]
    assert raw.startswith("tsqp_") and raw in response.content.decode()
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest() and raw not in str(token.__dict__)
    assert token.name == "Phần mềm của tỉnh"
    assert 89 <= (token.expires_at - token.created_at).days <= 90
    assert raw not in client.get(URL).content.decode()
    assert AuditEntry.objects.filter(action="api.token_create", actor=cast.dinh_bang).count() == 1


def test_bad_token_input_keeps_what_was_typed(client, cast):
    client.force_login(cast.dinh_bang)
    response = client.post(URL, {"action": "create_token", "name": "Tỉnh", "days": "9999"})
    assert response.status_code == 400
    assert "Hãy chọn một thời hạn" in response.content.decode()
    assert 'value="Tỉnh"' in response.content.decode()
    empty = client.post(URL, {"action": "create_token", "name": "   ", "days": "30"})
    assert empty.status_code == 400 and "Hãy đặt tên gợi nhớ" in empty.content.decode()
    assert not ApiToken.objects.exists()


def test_only_the_owner_revokes_a_token(client, cast):
    from api import services

    token, _raw = services.token_create(user=cast.dinh_bang, name="x", days=30)
    client.force_login(cast.tuong_giang)
    client.post(URL, {"action": "revoke_token", "token": str(token.pk)})
    token.refresh_from_db()
    assert token.revoked_at is None
    for junk in ("abc", "9" * 40, ""):
        assert client.post(URL, {"action": "revoke_token", "token": junk}).status_code == 302
    assert client.post(URL, {"action": "revoke_token", "token": "\x00"}).status_code == 400  # the NUL middleware
    client.force_login(cast.dinh_bang)
    client.post(URL, {"action": "revoke_token", "token": str(token.pk)})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(action="api.token_revoke", actor=cast.dinh_bang).count() == 1


def test_anonymous_is_sent_to_sign_in(client, directive):
    for response in (client.get(URL), client.post(URL, {"action": "create_token", "name": "x", "days": "30"})):
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert not ApiToken.objects.exists()


def test_resetting_the_calendar_address_retires_the_old_one(client, cast):
    client.force_login(cast.dinh_bang)
    client.post(URL, {"action": "reset_calendar"})
    first = CalendarFeed.objects.get(user=cast.dinh_bang).secret
    assert client.get(f"/lich/{first}.ics").status_code == 200
    client.post(URL, {"action": "reset_calendar"})
    second = CalendarFeed.objects.get(user=cast.dinh_bang).secret
    assert second != first
    assert client.get(f"/lich/{first}.ics").status_code == 404
    assert client.get(f"/lich/{second}.ics").status_code == 200
    assert AuditEntry.objects.filter(action="calendar.reset", actor=cast.dinh_bang).count() == 1
    assert second in client.get(URL).content.decode()
