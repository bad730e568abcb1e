"""The dashboard warmer (reports.dashboard.warming): run by the beat every minute, it computes
the default view of each published directive when the data it counts changed, under the key
the page itself reads, so the tracking body's next visit is answered from the cache."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from directives.models import Directive
from reports.dashboard import selectors, warming
from reports.tasks import warm_dashboards as warm_task
from tasks.models import Assignment, Membership
from tests.reports.conftest import TODAY
from tests.tasks.helpers import make_submission


@pytest.fixture(autouse=True)
def own_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests-dashboard-warming"}}
    cache.clear()
    yield
    cache.clear()


class Computed(list):
    """The keys of the directives whose figures were computed, and `pages`: the pages of the
    matrix and of the overdue list computed ("_matrix", "_overdue")."""

    def __init__(self):
        super().__init__()
        self.pages = []


@pytest.fixture
def computed(monkeypatch):
    """The directives whose figures were computed (not read from the cache); each page of the
    matrix and of the overdue list computed is in `computed.pages`."""
    calls = Computed()
    real = {name: getattr(selectors, name) for name in ("_figures", "_matrix", "_overdue")}

    def figures(scope, directive, *args):
        calls.append(directive.key)
        return real["_figures"](scope, directive, *args)

    def page_of(name):
        def compute(*args):
            calls.pages.append(name)
            return real[name](*args)
        return compute

    monkeypatch.setattr(selectors, "_figures", figures)
    monkeypatch.setattr(selectors, "_matrix", page_of("_matrix"))
    monkeypatch.setattr(selectors, "_overdue", page_of("_overdue"))
    return calls


def visit(client, world, **params):
    response = client.get(reverse("reports:dashboard", args=[world.directive.pk]), params)
    assert response.status_code == 200
    return response


def test_after_a_warm_run_the_default_view_is_read_from_the_cache(client, world, computed):
    assert warming.warm_dashboards(TODAY) == [world.directive]
    assert computed == [world.directive.key]
    client.force_login(world.reviewer)
    response = visit(client, world)
    assert computed == [world.directive.key]  # the page computed nothing
    assert computed.pages == ["_matrix", "_overdue"]  # those the warmer computed
    # The observer sees every unit too: the same entry.
    client.force_login(world.observer)
    visit(client, world)
    assert computed == [world.directive.key]
    assert response.context["data"].summary.assignments == Assignment.objects.filter(
        task__directive=world.directive, is_cancelled=False).count()


def test_nothing_is_recomputed_until_the_data_changes(world, computed):
    warming.warm_dashboards(TODAY)
    assert warming.warm_dashboards(TODAY) == []
    make_submission(world.dinh_bang, world.a["1.2"])
    assert warming.warm_dashboards(TODAY) == [world.directive]
    assert computed == [world.directive.key] * 2


def test_the_warmed_figures_are_those_the_page_computes(client, world):
    client.force_login(world.reviewer)
    make_submission(world.dinh_bang, world.a["1.2"])
    computed_by_page = visit(client, world).context["data"]
    cache.clear()
    warming.warm_dashboards(TODAY)
    served = visit(client, world).context["data"]
    assert served.summary == computed_by_page.summary
    assert [(u.unit_id, u.done_on_time, u.awaiting_review, u.last_activity) for u in served.units] == [
        (u.unit_id, u.done_on_time, u.awaiting_review, u.last_activity) for u in computed_by_page.units]
    assert [r.html for r in served.matrix.rows] == [r.html for r in computed_by_page.matrix.rows]


def test_other_views_are_left_to_their_first_request(client, world, computed):
    warming.warm_dashboards(TODAY)
    client.force_login(world.reviewer)
    visit(client, world, ngay="10/05/2022")
    visit(client, world, phan="1")
    client.force_login(world.dinh_bang)  # a unit officer: their own scope
    visit(client, world)
    assert len(computed) == 4


def test_drafts_and_directives_without_a_tracking_member_are_skipped(world, computed):
    Directive.objects.create(key="05-CT-TU-2022", number="05", symbol="CT/TU", document_type="CHỈ THỊ",
                             summary="Nháp", issued_on=TODAY, year=2022, tracking_unit=world.directive.tracking_unit,
                             status=Directive.Status.DRAFT)
    assert warming.warm_dashboards(TODAY) == [world.directive]  # not the draft
    cache.clear()
    Membership.objects.filter(unit=world.directive.tracking_unit).delete()
    assert warming.tracker(world.directive) is None
    assert warming.warm_dashboards(TODAY) == [] and computed == [world.directive.key]


def test_a_run_in_progress_keeps_a_second_one_out(world, computed):
    cache.add(warming.LOCK_KEY, 1, 60)
    assert warming.warm_dashboards(TODAY) == [] and computed == []
    cache.delete(warming.LOCK_KEY)
    assert warming.warm_dashboards(TODAY) == [world.directive]
    assert cache.get(warming.LOCK_KEY) is None  # released


@pytest.mark.usefixtures("migrated_schedule")
def test_the_beat_runs_the_warmer_every_minute(world, computed):
    task = PeriodicTask.objects.get(task=warm_task.name)
    assert task.enabled and task.crontab.minute == "*" and task.crontab.hour == "*"
    assert str(task.crontab.timezone) == "Asia/Ho_Chi_Minh"
    warm_task.apply()
    assert computed == [world.directive.key]
