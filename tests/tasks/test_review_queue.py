"""The tracking body's queue: pending submissions oldest first, filterable by unit, directive
and kind through the address (so a filtered queue can be bookmarked)."""

import datetime

import time_machine
from django.urls import reverse

from tasks.models import Assignment, Submission, Unit
from tests.tasks.helpers import first_assignment, make_submission
from tests.tasks.test_review import at

D = datetime.date


def queue(client, user, **params):
    client.force_login(user)
    return client.get(reverse("tasks:review_queue"), params)


def setup_queue(cast, directive):
    ward = first_assignment("p-dinh-bang", directive, "resolution")
    other = first_assignment("p-tuong-giang", directive, "resolution")
    department = first_assignment("phong-ldtbxh", directive, "plan")
    with time_machine.travel(at(D(2022, 1, 20)), tick=False):
        b = make_submission(cast.tuong_giang, other)
    with time_machine.travel(at(D(2022, 1, 25)), tick=False):
        c = make_submission(cast.department, department, kind=Submission.Kind.PLAN, number_symbol="12-KH/LĐTBXH")
    with time_machine.travel(at(D(2022, 1, 18)), tick=False):
        a = make_submission(cast.dinh_bang, ward)
    return a, b, c


def test_pending_submissions_come_oldest_first(client, cast, directive):
    a, b, c = setup_queue(cast, directive)
    page = queue(client, cast.reviewer).context["page"]
    assert [s.pk for s in page] == [a.pk, b.pk, c.pk]


def test_filters_by_unit_kind_and_directive(client, cast, directive):
    a, b, c = setup_queue(cast, directive)
    ward = Unit.objects.get(key="p-dinh-bang")
    assert [s.pk for s in queue(client, cast.reviewer, unit=ward.pk).context["page"]] == [a.pk]
    assert [s.pk for s in queue(client, cast.reviewer, kind="plan").context["page"]] == [c.pk]
    assert len(queue(client, cast.reviewer, directive=directive.pk).context["page"]) == 3
    response = queue(client, cast.reviewer, unit=ward.pk, kind="plan")
    assert list(response.context["page"]) == []
    assert 'id="queue-empty"' in response.content.decode()


def test_decided_submissions_leave_the_queue(client, cast, directive):
    from tasks.services import submission_decide

    a, b, c = setup_queue(cast, directive)
    submission_decide(user=cast.reviewer, submission_id=a.pk, accept=True)
    assert [s.pk for s in queue(client, cast.reviewer).context["page"]] == [b.pk, c.pk]


def test_units_office_and_observers_have_an_empty_queue(client, cast, directive):
    setup_queue(cast, directive)
    for person in (cast.dinh_bang, cast.office, cast.observer):
        assert list(queue(client, person).context["page"]) == [], person


def test_a_row_shows_its_submission_and_reads_nothing_more(client, cast, directive):
    """Each row is drawn from the queue's one query (only the columns it shows): one more
    submission waiting adds no query, and the row shows its unit, task, kind, number and links."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a, b, c = setup_queue(cast, directive)
    queue(client, cast.reviewer)  # settles the session
    with CaptureQueriesContext(connection) as three:
        page = queue(client, cast.reviewer).content.decode()
    assert f'href="{reverse("tasks:submission_review", args=[c.pk])}"' in page and "12-KH/LĐTBXH" in page
    assert f'href="{reverse("tasks:assignment_detail", args=[c.assignment_id])}"' in page
    assert c.assignment.task.key in page and (c.assignment.unit.short_name or c.assignment.unit.name) in page
    another = Assignment.objects.filter(unit__key="p-dinh-bang", task__directive=directive).exclude(
        pk=a.assignment_id).order_by("pk").first()
    make_submission(cast.dinh_bang, another, kind=Submission.Kind.PROGRESS)
    queue(client, cast.reviewer)  # the unit filter's choices, read again after a write, are cached
    with CaptureQueriesContext(connection) as four:
        assert len(queue(client, cast.reviewer).context["page"]) == 4
    assert len(four) == len(three)


def _offered_units(client, user):
    return [pk for pk, _name in queue(client, user).context["form"].fields["unit"].choices if pk]


def test_the_unit_filter_offers_the_units_with_work_to_review_and_follows_writes_and_grants(client, cast, directive):
    """The unit filter's choices (kept in the cache under the data version and the directives
    tracked) are the units whose work the user reviews; a unit given work shows at once; a
    user tracking another directive is offered that directive's units only."""
    from accounts import grants
    from directives.models import Directive, Task

    def reviewable(user):
        return list(Unit.objects.filter(pk__in=Assignment.objects.visible_to(user, "review").values("unit_id"))
                    .order_by("kind", "name").values_list("pk", flat=True))

    assert _offered_units(client, cast.reviewer) == reviewable(cast.reviewer) != []
    newcomer = Unit.objects.create(key="p-moi", name="Phường Mới", kind=Unit.Kind.WARD)
    assert newcomer.pk not in _offered_units(client, cast.reviewer)
    task = Task.objects.filter(directive=directive).order_by("pk").first()
    Assignment.objects.create(task=task, unit=newcomer, due_date=D(2022, 6, 30), original_due_date=D(2022, 6, 30))
    assert newcomer.pk in _offered_units(client, cast.reviewer) == reviewable(cast.reviewer)

    other = Directive.objects.create(
        key="05-CT-TU-2022", number="05", symbol="CT/TU", document_type="CHỈ THỊ", summary="Khác",
        issued_on=D(2022, 1, 4), year=2022, tracking_unit=Unit.objects.get(key="p-dinh-bang"),
        status=Directive.Status.PUBLISHED)
    grants.grant_tracking(other)
    other_task = Task.objects.create(directive=other, key="1.1", title="Việc khác", position=1, kind="one_off",
                                     deadline=D(2022, 6, 30))
    Assignment.objects.create(task=other_task, unit=newcomer, due_date=D(2022, 6, 30),
                              original_due_date=D(2022, 6, 30))
    assert _offered_units(client, cast.reviewer) == reviewable(cast.reviewer)  # cached under this version
    assert _offered_units(client, cast.dinh_bang) == [newcomer.pk] == reviewable(cast.dinh_bang)


def test_the_count_is_kept_until_a_write_and_follows_it(client, cast, directive):
    """The queue's count (up to the pager's bound) is kept in the cache under the data version,
    the directives tracked and the filters: a repeat counts nothing, a new or decided
    submission shows at once; a signature filter is counted each time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tasks.services import submission_decide

    def counted(**params):
        with CaptureQueriesContext(connection) as queries:
            page = queue(client, cast.reviewer, **params).context["page"]
        counts = [q for q in queries if q["sql"].startswith("SELECT COUNT(*)") and "tasks_submission" in q["sql"]]
        return page.count, len(counts)

    a, b, c = setup_queue(cast, directive)
    assert counted() == (3, 1)
    assert counted() == (3, 0)
    assert counted(kind="plan") == (1, 1) and counted(kind="plan") == (1, 0)
    another = Assignment.objects.filter(unit__key="p-dinh-bang", task__directive=directive).exclude(
        pk=a.assignment_id).order_by("pk").first()
    make_submission(cast.dinh_bang, another, kind=Submission.Kind.PROGRESS)
    assert counted() == (4, 1)
    submission_decide(user=cast.reviewer, submission_id=a.pk, accept=True)
    assert counted() == (3, 1)
    assert counted(signature="unsigned") == (3, 1) and counted(signature="unsigned") == (3, 1)
