"""The home page's number of SQL queries does not depend on how much work there is: counted
at one size, asserted (assertNumQueries) after adding 60 wards × 4 tasks of work (and 30
more tasks for Đình Bảng), both with the dashboard's figures computed and from its cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.dashboard import facts

from .conftest import AS_OF, choose_as_of


def clear_caches():
    """The dashboard's figures computed again: the cache emptied, and the assignments' facts
    the process keeps forgotten."""
    cache.clear()
    facts.forget()


@pytest.mark.parametrize("who", ["dinh_bang", "dinh_bang_head", "reviewer", "office", "observer"])
def test_the_number_of_queries_does_not_grow_with_the_data(client, world, django_assert_num_queries, who):
    client.force_login(getattr(world, who))
    client.get("/")  # the first request of a session settles its two-factor state
    choose_as_of(client, AS_OF)
    client.get("/")
    clear_caches()
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")

    world.grow(units=60, tasks=4)
    world.grow_unit(world.ward_a, tasks=30)
    clear_caches()
    with django_assert_num_queries(len(cold)):
        response = client.get("/")
    with django_assert_num_queries(len(warm)):
        client.get("/")
    assert response.status_code == 200
    assert len(cold) < 60
