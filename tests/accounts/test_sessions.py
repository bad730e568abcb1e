"""Sessions end after 30 minutes idle and 12 hours in all."""

import datetime

import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from tests.accounts.conftest import login

PAGE = "accounts:profile"


def get(client):
    return client.get(reverse(PAGE))


def test_session_ends_after_thirty_idle_minutes(client, person):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, person.username)
        assert get(client).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert get(client).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29 + 31), tick=False):
        response = get(client)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_activity_keeps_the_session_alive_but_not_beyond_twelve_hours(client, person):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, person.username)
    minutes = 0
    while minutes < 12 * 60 - 25:
        minutes += 25
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            assert get(client).status_code == 200, minutes
    with time_machine.travel(start + datetime.timedelta(hours=12, minutes=1), tick=False):
        response = get(client)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        page = client.get(response.url).content.decode()
    assert "Phiên làm việc đã quá 12 giờ" in page
    entry = AuditEntry.objects.get(action="auth.session_expired")
    assert entry.actor == person and entry.changes == {"reason": "absolute"}


def test_session_cookie_is_http_only_and_ends_with_the_browser(client, person, settings):
    response = login(client, person.username)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and not cookie["max-age"]
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_ABSOLUTE_AGE == 12 * 3600
