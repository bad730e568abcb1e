"""The API's long lists are paged without sorting or counting every row (api.paging), and
give exactly what the plain ORM's pages give: the same rows in the same order, the same
count and links."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import grants
from api import paging
from directives.models import Task
from tasks.models import Assignment, Submission, Unit

LIST = "/api/v1/assignments/"
ORDER = ("task__directive_id", "task__section__number", "task__position", "unit__name", "pk")


def plain_ids(directive, **filters):
    """The whole list as the view's ordering gives it, straight from the ORM."""
    rows = Assignment.objects.filter(task__directive=directive, is_cancelled=False, **filters)
    return list(rows.order_by(*ORDER).values_list("pk", flat=True))


def walk(client, params):
    """Every page by following the `next` links: ([ids], [page bodies])."""
    bodies = [client.get(LIST, params).json()]
    while bodies[-1]["next"]:
        bodies.append(client.get(bodies[-1]["next"]).json())
    return [row["id"] for body in bodies for row in body["results"]], bodies


def grouped_counts(queries):
    return [q["sql"] for q in queries if "GROUP BY" in q["sql"] and "tasks_assignment" in q["sql"]]


def test_every_page_of_the_tracking_body_is_the_plain_orm_page(cast, directive, token_client):
    expected = plain_ids(directive)
    ids, bodies = walk(token_client(cast.reviewer), {"directive": directive.pk})
    assert ids == expected
    assert len(bodies) == -(-len(expected) // 100) > 2
    assert {body["count"] for body in bodies} == {len(expected)}
    assert bodies[0]["previous"] is None and bodies[-1]["next"] is None
    assert bodies[2]["previous"].endswith(f"directive={directive.pk}&page=2")
    # Pages start and end inside tasks: the first row of page 2 shares its task with the
    # last row of page 1, and the closing tasks (no part) sort where the database puts NULLs.
    tasks = dict(Assignment.objects.values_list("pk", "task_id"))
    assert tasks[expected[99]] == tasks[expected[100]]
    assert Task.objects.filter(directive=directive, section=None).exists()


class _Undo(Exception):
    pass


def merge_across_a_page_boundary(directive):
    """Give the task after one that spans a page boundary the same part and position, at a
    boundary where its rows then come before the boundary (they interleave by unit name):
    the list's ids afterwards. Each try is undone (a savepoint) until one fits."""
    tasks = dict(Assignment.objects.values_list("pk", "task_id"))
    before = plain_ids(directive)
    for boundary in range(100, len(before), 100):
        across = tasks[before[boundary]]
        later = [tasks[pk] for pk in before[boundary:] if tasks[pk] != across]
        if tasks[before[boundary - 1]] != across or not later:
            continue
        place = Task.objects.filter(pk=across).values("section_id", "position").get()
        try:
            with transaction.atomic():
                Task.objects.filter(pk=later[0]).update(**place)
                expected = plain_ids(directive)
                if later[0] in {tasks[pk] for pk in expected[:boundary]}:
                    return expected
                raise _Undo
        except _Undo:
            continue
    pytest.fail("no page boundary where two tasks in one place would interleave")


def test_tasks_in_the_same_place_interleave_their_units_as_the_orm_does(cast, directive, token_client):
    """Two tasks in the same part and position: the list orders their rows together by unit
    name, so a page ends among both tasks' rows."""
    expected = merge_across_a_page_boundary(directive)
    ids, _bodies = walk(token_client(cast.reviewer), {"directive": directive.pk})
    assert ids == expected


@pytest.mark.parametrize("param, field, value, as_of", [
    ("group", "bucket", "open_overdue", "2023-01-31"),
    ("status", "status", "not_yet_due", "2022-01-05"),
])
def test_filtered_lists_page_as_the_orm_does(param, field, value, as_of, cast, directive, token_client):
    ids, bodies = walk(token_client(cast.reviewer), {"directive": directive.pk, param: value, "as_of": as_of})
    rows = Assignment.objects.filter(task__directive=directive, is_cancelled=False)
    expected = list(rows.with_status(datetime.date.fromisoformat(as_of)).filter(**{field: value})
                    .order_by(*ORDER).values_list("pk", flat=True))
    assert ids == expected and bodies[0]["count"] == len(expected) > 100


def test_an_officer_pages_their_unit_only(cast, directive, token_client):
    ids, bodies = walk(token_client(cast.dinh_bang), {})
    assert ids == plain_ids(directive, unit__key="p-dinh-bang")
    assert bodies[0]["count"] == len(ids)


def test_an_empty_list_has_one_empty_page_and_no_second(cast, directive, token_client):
    client = token_client(cast.reviewer)
    body = client.get(LIST, {"unit": 999999}).json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}
    assert client.get(LIST, {"unit": 999999, "page": 2}).status_code == 404
    assert client.get(LIST, {"directive": directive.pk, "page": 99}).status_code == 404
    last = client.get(LIST, {"directive": directive.pk, "page": "last"}).json()
    assert [row["id"] for row in last["results"]] == plain_ids(directive)[-len(last["results"]):]


def test_the_counts_are_read_once_per_data_version(cast, directive, token_client):
    client = token_client(cast.reviewer)
    params = {"directive": directive.pk}
    with CaptureQueriesContext(connection) as first:
        count = client.get(LIST, params).json()["count"]
    with CaptureQueriesContext(connection) as again:
        assert client.get(LIST, {**params, "page": 4}).json()["count"] == count
    assert len(grouped_counts(first.captured_queries)) == 1
    assert grouped_counts(again.captured_queries) == []
    # The token and its audit (3), the roles (2), the user's grants, read once a request (2),
    # the data version and the user's scope (3), the page (1); on PostgreSQL the page's
    # serial plan (savepoint and settings, 4).
    assert len(again.captured_queries) <= 15
    # A write (here, cancelling work) makes a new data version: counted again, and right.
    Assignment.objects.filter(pk=plain_ids(directive)[0]).update(is_cancelled=True)
    with CaptureQueriesContext(connection) as after:
        body = client.get(LIST, params).json()
    assert body["count"] == count - 1 and len(grouped_counts(after.captured_queries)) == 1
    assert [row["id"] for row in body["results"]] == plain_ids(directive)[:100]


def test_a_cached_figure_is_keyed_by_the_users_grants_too(cast, directive):
    """Grants are not data-versioned: a change of the units someone works for makes a new
    key, though the query's text stays the same."""
    rows = Assignment.objects.visible_to(cast.reviewer).filter(task__directive=directive)
    assert paging.cached_for(cast.reviewer, "test", rows, lambda: 1) == 1
    assert paging.cached_for(cast.reviewer, "test", rows, lambda: 2) == 1
    grants.add_member(Unit.objects.get(key="p-tuong-giang"), cast.reviewer)
    assert paging.cached_for(cast.reviewer, "test", rows, lambda: 3) == 3
    # A unit officer's short lists are counted at each request.
    own = Assignment.objects.visible_to(cast.dinh_bang)
    assert [paging.cached_for(cast.dinh_bang, "test", own, lambda n=n: n) for n in (1, 2)] == [1, 2]


def test_pending_submissions_are_paged_with_a_cached_count(cast, directive, token_client):
    client = token_client(cast.reviewer)
    assert client.get("/api/v1/submissions/", {"status": "pending"}).json()["count"] == 0
    work = Assignment.objects.filter(task__directive=directive).order_by("pk")[:150]
    Submission.objects.bulk_create(
        Submission(assignment=assignment, version=1, kind=Submission.Kind.PROGRESS, summary="Báo cáo",
                   submitted_by=cast.dinh_bang, submitted_at=timezone.now() - datetime.timedelta(minutes=n))
        for n, assignment in enumerate(work))
    expected = list(Submission.objects.filter(status="pending").order_by("-submitted_at", "-pk")
                    .values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as first:
        pages = [client.get("/api/v1/submissions/", {"status": "pending", "page": n}).json() for n in (1, 2)]
    assert [row["id"] for body in pages for row in body["results"]] == expected
    assert [body["count"] for body in pages] == [150, 150] and pages[1]["next"] is None
    counts = [q for q in first.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1  # the second page's count came from the cache
