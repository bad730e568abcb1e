"""The interface is Vietnamese first: English only when the user picks it."""

from django.conf import settings
from django.urls import reverse


def test_an_english_browser_still_gets_the_vietnamese_portal(client, cast, directive):
    client.force_login(cast.dinh_bang)
    html = client.get(reverse("directives:list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in html
    assert "Chỉ thị" in html


def test_choosing_english_switches_and_choosing_vietnamese_switches_back(client, cast, directive):
    client.force_login(cast.dinh_bang)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get(reverse("directives:list")).content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert 'lang="vi"' in client.get(reverse("directives:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_unknown_language_in_the_cookie_falls_back_to_vietnamese(client, cast, directive):
    client.force_login(cast.dinh_bang)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert 'lang="vi"' in client.get(reverse("directives:list")).content.decode()
