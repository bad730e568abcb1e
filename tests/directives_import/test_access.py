"""Only the Office imports directives: everyone else gets 404 on every import URL, GET or POST."""

import pytest
from django.urls import reverse

from directives.models import ImportDraft

NOT_OFFICE = ["dinh_bang", "dinh_bang_head", "tuong_giang", "reviewer", "observer", "department"]


def urls(draft):
    return [
        reverse("directives:import_start"),
        reverse("directives:import_draft", args=[draft.pk]),
        reverse("directives:import_publish", args=[draft.pk]),
        reverse("directives:import_discard", args=[draft.pk]),
    ]


@pytest.mark.parametrize("person", NOT_OFFICE)
def test_anyone_but_the_office_gets_404_on_every_import_url(client, cast, draft, person):
    client.force_login(getattr(cast, person))
    for url in urls(draft):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"block": "header", "revision": draft.revision, "status": "published",
                                 "text": "x"}).status_code == 404, url
    assert ImportDraft.objects.filter(pk=draft.pk, status=ImportDraft.Status.OPEN).exists()


def test_a_reviewer_cannot_paste_a_directive(client, cast, seed_text):
    client.force_login(cast.reviewer)
    assert client.post(reverse("directives:import_start"), {"text": seed_text}).status_code == 404
    assert not ImportDraft.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, draft):
    client.logout()  # the draft was pasted by the Office through this client
    for url in urls(draft):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_a_draft_id_that_does_not_exist_is_404_for_the_office(office):
    assert office.get(reverse("directives:import_draft", args=[999999])).status_code == 404


def test_an_administrator_is_office_too(client, cast, draft):
    client.force_login(cast.admin)
    assert client.get(reverse("directives:import_draft", args=[draft.pk])).status_code == 200
