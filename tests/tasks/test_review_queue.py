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
    with CaptureQueriesContext(connection) as four:
        assert len(queue(client, cast.reviewer).context["page"]) == 4
    assert len(four) == len(three)
