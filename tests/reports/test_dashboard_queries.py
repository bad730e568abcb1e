"""The dashboard's number of SQL queries does not depend on how many units, tasks or
assignments there are: counted at one size, asserted (assertNumQueries) at a larger one that
fills several pages of the unit table and of the matrix. Both without the cache (cleared
before each measured request) and from it (the same request made twice)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reminders.models import DeliveryStatus, ReminderLog, Rule
from reports.dashboard import facts
from tasks.models import Assignment
from tests.reports.conftest import at, d

VIEWS = {
    "page": ("reports:dashboard", {}),
    "ranking sorted by last activity": ("reports:dashboard", {"che_do": "thi-dua", "sap_xep": "-hoat-dong"}),
    "filtered, second pages": ("reports:dashboard", {"loai": "ward", "vai_tro": "lead", "phan": "1",
                                                     "trang": "2", "trang_dv": "2", "trang_qh": "2"}),
    "xlsx": ("reports:dashboard_export", {}),
    "csv of the overdue list": ("reports:dashboard_export", {"dinh_dang": "csv", "bang": "qua-han"}),
}


@pytest.fixture(autouse=True)
def own_cache(settings):
    """A cache of this test's own: clearing a shared Redis would flush other processes' data."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests-dashboard-queries"}}


def clear_caches():
    """Every figure computed again: the cache emptied, and the assignments' facts the process
    keeps (reports.dashboard.facts) forgotten."""
    cache.clear()
    facts.forget()


def get(client, world, view):
    name, params = VIEWS[view]
    response = client.get(reverse(name, args=[world.directive.pk]), {"ngay": "10/05/2022", **params})
    assert response.status_code == 200
    return response


def remind_every_overdue_assignment(world):
    for a in Assignment.objects.filter(due_date__lt=d(10, 5), completed_on__isnull=True):
        ReminderLog.objects.get_or_create(
            assignment=a, rule=Rule.OVERDUE, occurrence="2022-05-08", recipient=world.reviewer,
            channel="email", defaults={"occurrence_date": d(8, 5), "status": DeliveryStatus.SENT,
                                       "sent_at": at(d(8, 5), 7)},
        )


@pytest.mark.parametrize("who", ["reviewer", "dinh_bang"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_number_of_queries_does_not_grow_with_the_data(client, world, django_assert_num_queries, view, who):
    client.force_login(getattr(world, who))
    remind_every_overdue_assignment(world)
    get(client, world, view)  # the first request of a session settles its two-factor state
    clear_caches()
    with CaptureQueriesContext(connection) as small:
        get(client, world, view)
    count = len(small)
    with CaptureQueriesContext(connection) as small_warm:
        get(client, world, view)
    warm = len(small_warm)

    world.grow(units=60, tasks=4)  # 240 more assignments: 2 pages of units, 3 of the matrix
    remind_every_overdue_assignment(world)
    if who == "dinh_bang":  # the officer's unit gets more work too
        world.grow_unit(world.ward_a, tasks=30)
    clear_caches()
    with django_assert_num_queries(count):
        response = get(client, world, view)
    with django_assert_num_queries(warm):
        get(client, world, view)
    assert count < 45  # with what is read once per data version: facts, histories, units' versions, tasks
    assert warm < count - 5  # a cache hit leaves out the dashboard's own queries
    if view == "page" and who == "reviewer":
        assert "Đảng ủy phường Thêm" in response.content.decode()  # the new units are on the page


@pytest.mark.parametrize("who", ["reviewer", "dinh_bang"])
def test_a_write_makes_the_next_request_recompute(client, world, who):
    """The data version in the key: after growing the data (no cache.clear()), the next
    request is a miss and shows the new figures."""
    client.force_login(getattr(world, who))
    get(client, world, "page")
    with CaptureQueriesContext(connection) as warm:
        get(client, world, "page")
    world.grow_unit(world.ward_a, tasks=3)
    with CaptureQueriesContext(connection) as after_write:
        get(client, world, "page")
    assert len(after_write) > len(warm)


@pytest.mark.parametrize("who, filtered", [("reviewer", False), ("observer", False), ("dinh_bang", True)])
def test_the_permission_filter_is_left_out_only_for_those_who_see_every_unit(client, world, who, filtered,
                                                                           monkeypatch):
    """The tracking body and observers see all the directive's assignments: the query that
    reads the assignments counted does without the permission filter; a unit officer's keeps
    it (within a request, it names the units the officer works for, read once:
    accounts.permissions)."""
    client.force_login(getattr(world, who))
    get(client, world, "page")
    clear_caches()
    read = []
    original = facts._read
    monkeypatch.setattr(facts, "_read", lambda base: read.append(str(base.query)) or original(base))
    get(client, world, "page")
    assert len(read) == 1
    own_units = f'"tasks_assignment"."unit_id" IN ({world.ward_a.pk})'
    assert (own_units in read[0]) is filtered
