"""Every URL that takes an object id, for every member of the cast: 200, 404 or a redirect to login.

The URLs are found by walking the URL configuration, so a new URL with an id and no row in
tests/permission_matrix_table.py fails `test_every_url_with_an_id_has_a_row`.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permission_matrix_table import (
    CAST, DONE, EXCLUDED_NAMESPACES, LOGIN, MATRIX, POST_MATRIX, REFUSED, World,
)


def _kwargs_of(pattern):
    regex = pattern.pattern.regex
    return set(regex.groupindex)


def walk(patterns=None, namespaces=(), inherited=frozenset(), prefix=""):
    """Yield (full URL name, route, keyword argument names) for every URL pattern."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        kwargs = inherited | _kwargs_of(entry)
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from walk(entry.url_patterns, ns, frozenset(kwargs), route)
        elif isinstance(entry, URLPattern):
            name = ":".join(namespaces + (entry.name or f"<unnamed {route}>",))
            yield name, route, kwargs


def urls_with_ids():
    found = {}
    for name, route, kwargs in walk():
        if kwargs and name.split(":")[0] not in EXCLUDED_NAMESPACES:
            found[name] = (route, kwargs)
    return found


def test_every_url_with_an_id_has_a_row():
    missing = {name: route for name, (route, _k) in urls_with_ids().items() if name not in MATRIX}
    assert not missing, (
        "URLs taking an object id without a row in tests/permission_matrix_table.py (MATRIX): "
        + ", ".join(f"{name} ({route})" for name, route in sorted(missing.items()))
    )


def test_the_table_has_no_rows_for_urls_that_are_gone():
    stale = set(MATRIX) - set(urls_with_ids())
    assert not stale, f"rows in MATRIX for URLs that no longer take an id or no longer exist: {sorted(stale)}"


def test_every_row_names_the_whole_cast_and_a_case():
    for name, cases in MATRIX.items():
        assert cases, name
        for case in cases:
            assert set(case.expect) == set(CAST), name


def test_the_walk_finds_urls_with_ids():
    # Guards the guard: if walking found nothing, the test above would pass vacuously.
    found = urls_with_ids()
    assert "directives:detail" in found and found["directives:detail"][1] == {"pk"}


CELLS = [pytest.param(name, i, id=f"{name}#{i}") for name, cases in sorted(MATRIX.items())
         for i in range(len(cases))]


@pytest.mark.parametrize("url_name, index", CELLS)
def test_cell(url_name, index, cast, directive):
    case = MATRIX[url_name][index]
    url = reverse(url_name, kwargs=case.kwargs(World(cast, directive)))
    wrong = []
    for person in CAST:
        client = Client()
        if person != "anonymous":
            client.force_login(getattr(cast, person))
        response = client.get(url)
        wanted = case.expect[person]
        if wanted == LOGIN:
            ok = response.status_code == 302 and response.url.startswith(reverse("login"))
        else:
            ok = response.status_code == wanted
        if not ok:
            got = f"{response.status_code} {response.get('Location', '')}".strip()
            wrong.append(f"{person}: expected {wanted}, got {got}")
    assert not wrong, f"{url_name} {url} ({case.note}): " + "; ".join(wrong)


def admin_urls_with_ids():
    for name, route, kwargs in walk():
        if name.startswith("admin:") and kwargs:
            yield name, kwargs


def test_admin_urls_turn_away_non_staff(cast):
    values = {"app_label": "tasks", "content_type_id": "1", "object_id": "1", "url": "x", "model_name": "unit"}
    urls = []
    for name, kwargs in admin_urls_with_ids():
        try:
            urls.append(reverse(name, kwargs={k: values.get(k, "1") for k in kwargs}))
        except Exception:  # a converter that refuses our dummy value; covered by the others
            continue
    assert len(urls) > 10
    for person in (None, cast.dinh_bang, cast.reviewer, cast.observer):
        client = Client()
        if person is not None:
            client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response.url, (person, url)


POST_CELLS = [pytest.param(name, i, id=f"POST {name}#{i}") for name, cases in sorted(POST_MATRIX.items())
              for i in range(len(cases))]


@pytest.mark.parametrize("url_name, index", POST_CELLS)
def test_post_cell(url_name, index, cast, directive):
    """Who achieves what by POSTing an action that has no id in its address."""
    case = POST_MATRIX[url_name][index]
    world = World(cast, directive)
    url = reverse(url_name, kwargs=case.kwargs(world))
    # The refused first: a success before them would hide a refusal that does not happen.
    people = sorted(CAST, key=lambda person: case.expect[person] == DONE)
    wrong = []
    for person in people:
        client = Client()
        if person != "anonymous":
            client.force_login(getattr(cast, person))
        before = case.count(world)
        response = client.post(url, case.data(world))
        grew = case.count(world) > before
        wanted = case.expect[person]
        if wanted == LOGIN:
            ok = response.status_code == 302 and response.url.startswith(reverse("login")) and not grew
        elif wanted == REFUSED:
            ok = response.status_code < 500 and not grew
        else:
            ok = response.status_code < 400 and grew
        if not ok:
            wrong.append(f"{person}: expected {wanted}, got {response.status_code}, took effect: {grew}")
    assert not wrong, f"POST {url_name} {url} ({case.note}): " + "; ".join(wrong)


def test_every_post_row_names_the_whole_cast():
    for name, cases in POST_MATRIX.items():
        for case in cases:
            assert set(case.expect) == set(CAST), name
