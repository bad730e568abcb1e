"""Request-wide rules (tuson_qp/http_security.py): NUL characters are refused with a 400 page
before any view runs, and every response to a signed-in user is `private, no-store`."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.permission_matrix_table import MATRIX, World
from tests.test_permission_matrix import walk

REFUSED = "ký tự rỗng NUL"


def _refused(response):
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


@pytest.mark.parametrize("query", [{"q": "\x00"}, {"loai": "\x00"}, {"q": "a\x00b", "trang": "2"}, {"\x00": "1"}])
def test_nul_in_a_query_is_refused_with_a_400_page(client, cast, query):
    client.force_login(cast.office)
    _refused(client.get(reverse("accounts:person_list"), query))
    _refused(client.get(reverse("accounts:unit_list"), query))


def test_nul_in_a_form_value_is_refused(client, cast, directive):
    client.force_login(cast.dinh_bang)
    _refused(client.post(reverse("password_change"), {"old_password": "a\x00", "new_password1": "b"}))
    assignment = World(cast, directive).assignment("p-dinh-bang")
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    _refused(client.post(reverse("tasks:submission_create", args=[assignment.pk]),
                         {"summary": "Báo cáo\x00", "files": upload}))


def test_nul_in_the_path_or_a_cookie_is_refused(client, cast):
    _refused(client.get("/dat-lai-mat-khau/MQ%00/abc-def/"))
    client.force_login(cast.office)
    client.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value + "\x00"
    response = client.get(reverse("accounts:profile"))
    _refused(response)
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""  # the bad cookie is deleted


def test_anonymous_sign_in_with_nul_is_refused_not_crashed(client, db):
    _refused(client.post(reverse("login"), {"username": "admin\x00", "password": "x"}))


def test_ordinary_text_passes(client, cast):
    client.force_login(cast.office)
    assert client.get(reverse("accounts:person_list"), {"q": "Nguyễn % _ ' \" \\"}).status_code == 200


def _pages(world):
    """Every URL of the portal outside the admin: those with ids from the permission matrix."""
    for name, _route, kwargs in walk():
        if name.startswith("admin:") or name.startswith("<unnamed") or name == "logout":
            continue
        yield reverse(name, kwargs=MATRIX[name][0].kwargs(world) if kwargs else None)


@pytest.mark.parametrize("who", ["dinh_bang", "office"])
def test_every_response_to_a_signed_in_user_is_private_and_not_stored(cast, directive, who):
    client = Client()
    client.force_login(getattr(cast, who))
    checked = 0
    for url in _pages(World(cast, directive)):
        response = client.get(url)
        if response.status_code == 200 and hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= directives, (url, response.status_code, directives)
        assert "public" not in directives, url
        checked += 1
    assert checked > 40


def test_anonymous_answers_get_no_such_header(client, db):
    response = client.get(reverse("directives:list"))
    assert response.status_code == 302 and "Cache-Control" not in response
