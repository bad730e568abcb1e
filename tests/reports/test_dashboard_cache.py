"""The dashboard's cache (reports.dashboard.caching) and the data version behind its key
(reports.versioning, bumped by database triggers): a write through any path shows at once, no
two scopes share an entry, another date or filter is another entry."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reminders.models import DeliveryStatus, ReminderLog, Rule, Urge
from reports.dashboard.filters import DashboardFilters
from reports.dashboard.selectors import dashboard_data
from reports.versioning import WATCHED_MODELS, read_version
from tasks.models import Assignment, Reorganisation, Submission, UnitVersion
from tasks.services import extension_decide, extension_request_create, submission_decide
from tests.reports.conftest import TODAY, at, d
from tests.tasks.helpers import make_submission


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """A cache of this test's own: clearing a shared Redis would flush other processes' data."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "tests-dashboard-cache"}}
    cache.clear()
    yield
    cache.clear()


def page(client, world, **params):
    response = client.get(reverse("reports:dashboard", args=[world.directive.pk]), params)
    assert response.status_code == 200
    return response


def figures(summary):
    return (summary.assignments, summary.fallen_due, summary.done_on_time, summary.done_late,
            summary.open_within, summary.open_overdue, summary.awaiting_review, summary.returned,
            summary.late_days, summary.extensions_granted, summary.done_fallen_due)


def shown(client, world, **params):
    """(figures on the page, number of queries it took)."""
    with CaptureQueriesContext(connection) as queries:
        response = page(client, world, **params)
    return figures(response.context["data"].summary), len(queries)


def fresh(world, user, as_of=TODAY, filters=None):
    """The figures computed now, without the cache."""
    return figures(dashboard_data(world.directive, user, as_of, filters).summary)


@pytest.fixture
def reviewer_client(client, world):
    client.force_login(world.reviewer)
    page(client, world)  # settles the session; fills the cache for today
    return client


def assert_cached_then_changed(client, world, change):
    before, _ = shown(client, world)
    again, hit_queries = shown(client, world)
    assert again == before
    change()
    after, miss_queries = shown(client, world)
    assert after == fresh(world, world.reviewer)
    assert after != before
    assert miss_queries > hit_queries  # recomputed, not served from the cache
    return before, after


def test_a_hit_answers_with_fewer_queries_and_the_same_figures(reviewer_client, world):
    first, _ = shown(reviewer_client, world)
    cache.clear()
    cold, cold_queries = shown(reviewer_client, world)
    warm, warm_queries = shown(reviewer_client, world)
    assert first == cold == warm == fresh(world, world.reviewer)
    assert warm_queries < cold_queries


def test_a_submission_shows_at_once(reviewer_client, world):
    before, after = assert_cached_then_changed(
        reviewer_client, world, lambda: make_submission(world.dinh_bang, world.a["1.2"]))
    assert after[6] == before[6] + 1  # awaiting review


def test_a_review_shows_at_once(reviewer_client, world):
    pending = world.a["C.2"].submissions.get(status=Submission.Status.PENDING)
    before, after = assert_cached_then_changed(reviewer_client, world, lambda: submission_decide(
        user=world.reviewer, submission_id=pending.pk, accept=True, complete=True))
    assert (after[3], after[5], after[6]) == (before[3] + 1, before[5] - 1, before[6] - 1)


def test_an_extension_shows_at_once(reviewer_client, world):
    def extend():
        request = extension_request_create(user=world.dinh_bang, assignment_id=world.a["1.2"].pk,
                                           requested_due_date=d(31, 5), reason="Chờ kinh phí")
        extension_decide(user=world.reviewer, extension_id=request.pk, approve=True)

    before, after = assert_cached_then_changed(reviewer_client, world, extend)
    assert after[5] == before[5] - 1  # no longer overdue today
    assert after[9] == before[9] + 1  # one more extension granted


def test_a_raw_queryset_update_shows_at_once(reviewer_client, world):
    before, after = assert_cached_then_changed(reviewer_client, world, lambda: Assignment.objects.filter(
        pk=world.a["1.2"].pk).update(completed_on=d(15, 5)))
    assert after[3] == before[3] + 1  # completed late


def test_a_delete_shows_at_once(reviewer_client, world):
    before, after = assert_cached_then_changed(
        reviewer_client, world, lambda: Assignment.objects.filter(pk=world.dep["1.1"].pk).delete())
    assert after[0] == before[0] - 1


def test_the_last_reminder_shows_at_once(reviewer_client, world):
    def overdue_row(response):
        return next(r for r in response.context["data"].overdue if r.assignment_id == world.a["1.2"].pk)

    assert overdue_row(page(reviewer_client, world)).last_contact is None
    ReminderLog.objects.create(
        assignment=world.a["1.2"], rule=Rule.OVERDUE, occurrence="2022-05-19", recipient=world.dinh_bang,
        channel="email", occurrence_date=d(19, 5), status=DeliveryStatus.SENT, sent_at=at(d(19, 5), 7))
    assert overdue_row(page(reviewer_client, world)).last_contact.rule == Rule.OVERDUE


def test_a_renamed_unit_shows_at_once(reviewer_client, world):
    def names(response):
        return {row.name for row in response.context["data"].units}

    assert "Đảng ủy phường Đình Bảng" in names(page(reviewer_client, world))
    type(world.ward_a).objects.filter(pk=world.ward_a.pk).update(name="Đảng ủy phường Đình Bảng mới")
    assert "Đảng ủy phường Đình Bảng mới" in names(page(reviewer_client, world))


def test_two_scopes_never_share_an_entry(client, world):
    """Đình Bảng's officer fills the cache first; Tương Giang's officer, then the tracking body,
    ask for the very same URL and each gets their own figures."""
    units = {}
    for who in ("dinh_bang", "tuong_giang", "reviewer"):
        client.force_login(getattr(world, who))
        page(client, world)  # settles the session
        response = page(client, world, ngay="10/05/2022")
        units[who] = {row.unit_id for row in response.context["data"].units}
        assert figures(response.context["data"].summary) == fresh(world, getattr(world, who), d(10, 5))
    assert units["dinh_bang"] == {world.ward_a.pk}
    assert units["tuong_giang"] == {world.ward_b.pk}
    assert {world.ward_a.pk, world.ward_b.pk, world.dept.pk} <= units["reviewer"]


def test_same_scope_shares_an_entry(client, world):
    """The officer and the head of the same unit see the same figures: one entry."""
    client.force_login(world.dinh_bang)
    page(client, world)
    _, miss = shown(client, world, ngay="10/05/2022")
    client.force_login(world.dinh_bang_head)
    page(client, world)
    _, hit = shown(client, world, ngay="10/05/2022")
    assert hit < miss


def test_another_date_or_filter_is_another_entry(reviewer_client, world):
    today, _ = shown(reviewer_client, world)
    earlier, _ = shown(reviewer_client, world, ngay="10/05/2022")
    part_one, _ = shown(reviewer_client, world, ngay="10/05/2022", phan="1")
    assert earlier == fresh(world, world.reviewer, d(10, 5)) != today
    assert part_one == fresh(world, world.reviewer, d(10, 5), DashboardFilters(part="1")) != earlier


def test_the_export_is_cached_and_follows_writes(reviewer_client, world):
    url = reverse("reports:dashboard_export", args=[world.directive.pk])
    params = {"dinh_dang": "csv", "bang": "qua-han"}
    first = reviewer_client.get(url, params).content
    assert reviewer_client.get(url, params).content == first
    Assignment.objects.filter(pk=world.dep["1.1"].pk).update(completed_on=d(19, 5))
    assert reviewer_client.get(url, params).content != first


def _any_field_update(model):
    """Rewrite one column of one row with its own value: a write that changes nothing."""
    obj = model.objects.order_by("pk").first()
    assert obj is not None, f"the world has no {model._meta.label}"
    field = next(f for f in model._meta.concrete_fields if not f.primary_key)
    return lambda: model.objects.filter(pk=obj.pk).update(**{field.attname: getattr(obj, field.attname)})


@pytest.mark.parametrize("label", WATCHED_MODELS)
def test_every_write_to_a_watched_table_bumps_the_version(world, label):
    ReminderLog.objects.create(
        assignment=world.a["1.2"], rule=Rule.OVERDUE, occurrence="2022-05-19", recipient=world.dinh_bang,
        channel="email", occurrence_date=d(19, 5), status=DeliveryStatus.SENT, sent_at=at(d(19, 5), 7))
    Urge.objects.create(assignment=world.a["1.2"], author=world.reviewer, message="Đề nghị khẩn trương")
    unit = world.a["1.2"].unit
    UnitVersion.objects.create(unit=unit, name=unit.name, kind=unit.kind)
    Reorganisation.objects.create(kind=Reorganisation.Kind.MERGE, effective_on=d(1, 7), created_by=world.reviewer)
    model = apps.get_model(label)
    update = _any_field_update(model)
    versions = [read_version()]
    update()
    versions.append(read_version())
    obj = model.objects.order_by("-pk").first()
    if label == "directives.Directive":
        obj.save()  # deleting the directive would cascade; a save() is the admin's write
    else:
        model.objects.filter(pk=obj.pk).delete()
    versions.append(read_version())
    assert len(set(versions)) == 3, versions


def test_a_write_elsewhere_does_not_bump_the_version(world):
    """Sign-ins (last_login) and requests for explanation are not on the dashboard."""
    from tasks.services import explanation_request_create

    before = read_version()
    world.dinh_bang.last_login = at(TODAY)
    world.dinh_bang.save(update_fields=["last_login"])
    explanation_request_create(user=world.reviewer, assignment_id=world.a["1.2"].pk,
                               question="Vì sao chưa báo cáo?")
    assert read_version() == before


def test_the_version_survives_a_rolled_back_write(world):
    """A version reached again after a rollback is still a new version (the salt)."""
    from django.db import transaction

    before = read_version()
    try:
        with transaction.atomic():
            Assignment.objects.filter(pk=world.a["1.2"].pk).update(completed_on=d(15, 5))
            rolled_back = read_version()
            raise RuntimeError
    except RuntimeError:
        pass
    assert read_version() == before
    Assignment.objects.filter(pk=world.a["1.2"].pk).update(completed_on=d(16, 5))
    assert read_version() not in (before, rolled_back)


def test_another_page_reuses_the_counts(client, world, monkeypatch):
    """Turning a page of the unit table or the overdue list recomputes that page only: the
    counts per unit and per part (the costly part) come from the cache, and agree."""
    from reports.dashboard import counting

    client.force_login(world.reviewer)
    page(client, world)
    counted = []
    original = counting.count
    monkeypatch.setattr(counting, "count", lambda *args, **kwargs: counted.append(args[1]) or original(*args, **kwargs))
    with CaptureQueriesContext(connection) as first:
        one = page(client, world, ngay="10/05/2022")
    assert counted == [d(10, 5)]
    with CaptureQueriesContext(connection) as second:
        two = page(client, world, ngay="10/05/2022", trang_qh="2", trang_dv="2")
    assert counted == [d(10, 5)]
    assert len(second) <= len(first)  # the figures themselves are read per data version: no query of theirs
    assert figures(two.context["data"].summary) == figures(one.context["data"].summary)
    assert [u.open_overdue for u in two.context["data"].units] == [u.open_overdue for u in one.context["data"].units]


def test_another_page_of_the_unit_table_recomputes_neither_matrix_nor_overdue_list(client, world):
    client.force_login(world.reviewer)
    page(client, world)
    first = page(client, world, ngay="10/05/2022")
    with CaptureQueriesContext(connection) as queries:
        second = page(client, world, ngay="10/05/2022", trang_dv="2", sap_xep="-qua-han")
    # The status's deadline in force looks up extensions: no query does.
    status_queries = [q for q in queries if "tasks_extensionrequest" in q["sql"] and "CASE" in q["sql"]]
    assert status_queries == []  # no status computed: counts, matrix and overdue page cached
    assert second.context["data"].overdue == first.context["data"].overdue
    assert [r.html for r in second.context["data"].matrix.rows] == [r.html for r in first.context["data"].matrix.rows]


def test_each_language_has_its_own_entry(reviewer_client, world):
    vietnamese = page(reviewer_client, world, ngay="10/05/2022")
    reviewer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = reviewer_client.get(reverse("reports:dashboard", args=[world.directive.pk]), {"ngay": "10/05/2022"})
    kind = {row.unit_id: row.kind_label for row in vietnamese.context["data"].units}[world.ward_a.pk]
    kind_en = {row.unit_id: row.kind_label for row in english.context["data"].units}[world.ward_a.pk]
    assert kind == "Đảng ủy phường"
    assert kind_en != kind


def test_the_scope_names_the_units_and_the_tracked_directives(world):
    """Officers of the same unit(s) share a scope; the directives their units track are part
    of it; those who see every unit share "all"."""
    from accounts import grants
    from directives.models import Directive
    from reports.dashboard.caching import scope_key
    from reports.dashboard.selectors import sees_whole

    assert scope_key(world.dinh_bang, False) == scope_key(world.dinh_bang_head, False)
    assert scope_key(world.dinh_bang, False) != scope_key(world.tuong_giang, False)
    assert sees_whole(world.reviewer, world.directive) and sees_whole(world.observer, world.directive)
    assert scope_key(world.reviewer, True) == scope_key(world.observer, True) == "all"

    other = Directive.objects.create(
        key="05-CT-TU-2022", number="05", symbol="CT/TU", document_type="CHỈ THỊ", summary="Khác",
        issued_on=d(4, 1), year=2022, tracking_unit=world.ward_a, status=Directive.Status.PUBLISHED)
    before = scope_key(world.dinh_bang, False)
    grants.grant_tracking(other)  # Đình Bảng now tracks a directive: it sees that one's work too
    assert scope_key(world.dinh_bang, False) == scope_key(world.dinh_bang_head, False) != before
    grants.remove_member(world.ward_a, world.dinh_bang_head)
    grants.add_member(world.ward_b, world.dinh_bang_head)
    assert scope_key(world.dinh_bang_head, False) == scope_key(world.tuong_giang, False)
    assert scope_key(world.dinh_bang_head, False) != scope_key(world.dinh_bang, False)


def test_the_figures_are_served_from_redis_as_in_production(client, world, settings):
    """Production shares the cache between web workers through Redis: entries survive the
    round trip (pickling) and a hit costs fewer queries. Keys under a prefix of this test's
    own, left to expire: clearing the Redis database would flush other processes' data."""
    import uuid

    from tests.conftest import require_service
    from tests.reminders.worker_support import broker_url, redis_answers

    url = broker_url()
    require_service("Redis", redis_answers(url), url)
    settings.CACHES = {"default": {"BACKEND": "tuson_qp.redis_cache.RedisCache",
                                   "LOCATION": url, "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
                                   "TIMEOUT": 120}}
    client.force_login(world.reviewer)
    page(client, world)  # settles the session
    cold, cold_queries = shown(client, world, ngay="10/05/2022")
    warm, warm_queries = shown(client, world, ngay="10/05/2022")
    assert cold == warm == fresh(world, world.reviewer, as_of=d(10, 5))
    assert warm_queries < cold_queries


def test_turning_a_page_names_and_ranks_no_unit_again(client, world, monkeypatch):
    """The unit table's rows (names as of the date, ranks) are a piece every page shares: a
    page of the matrix or of the overdue list describes no unit again; a new sort or page of
    the unit table is the same figures (no query for them)."""
    from reports.dashboard import selectors

    described = []
    describe = selectors._describe_units
    monkeypatch.setattr(selectors, "_describe_units", lambda units, found: described.append(1) or describe(units, found))
    client.force_login(world.reviewer)
    page(client, world)
    page(client, world, ngay="10/05/2022")
    assert len(described) == 2  # the unit table's rows, once per date
    overdue = page(client, world, ngay="10/05/2022", trang_qh="2", trang="2")
    assert len(described) == 2
    with CaptureQueriesContext(connection) as sorted_again:
        resorted = page(client, world, ngay="10/05/2022", sap_xep="-qua-han", trang_dv="2")
    with CaptureQueriesContext(connection) as warm:
        page(client, world, ngay="10/05/2022")
    assert len(sorted_again) == len(warm)
    assert [u.unit_id for u in resorted.context["data"].units] == [u.unit_id for u in overdue.context["data"].units]


def test_a_page_reads_its_pieces_in_one_read_and_writes_them_in_one(client, world, monkeypatch):
    """The figures, the matrix's page and the overdue list's page are read from the cache
    together (one get_many) and what was computed is written together (one set_many, nothing
    when every piece was there); another page of the matrix reads the figures in the same read."""
    from reports.dashboard import caching

    client.force_login(world.reviewer)
    page(client, world)
    calls = []

    class Spy:
        """The cache, with the dashboard's reads and writes noted: (method, number of keys)."""

        def __getattr__(self, name):
            method = getattr(cache, name)

            def noted(*args, **kwargs):
                calls.append((name, len(args[0]) if name.endswith("_many") else 1))
                return method(*args, **kwargs)
            return noted

    monkeypatch.setattr(caching, "cache", Spy())
    page(client, world, ngay="10/05/2022")
    assert calls == [("get_many", 3), ("set_many", 3)]
    calls.clear()
    page(client, world, ngay="10/05/2022")
    assert calls == [("get_many", 3)]
    calls.clear()
    page(client, world, ngay="10/05/2022", trang_qh="2")
    assert calls == [("get_many", 3), ("set_many", 1)]


def test_a_unit_row_comes_back_from_the_cache_whole():
    """UnitRow pickles as its fields' values (UnitRow.__reduce__): every field comes back, a
    field added later included."""
    import dataclasses
    import datetime
    import pickle
    from decimal import Decimal

    from reports.dashboard.data import UnitRow

    samples = {int: 7, str: "Phường Đình Bảng", bool: True, tuple: ("dinh bang", "đình bảng")}
    values = {}
    for f in dataclasses.fields(UnitRow):
        if f.name.startswith("last_"):
            values[f.name] = datetime.date(2022, 5, 10)
        elif f.name == "score":
            values[f.name] = Decimal("87.5")
        else:
            values[f.name] = samples[type(f.default)] if type(f.default) in samples else 3
    row = UnitRow(**values)
    again = pickle.loads(pickle.dumps(row, pickle.HIGHEST_PROTOCOL))
    assert again == row and again.__dict__ == row.__dict__
    assert again.last_activity == datetime.date(2022, 5, 10) and again.score == Decimal("87.5")
