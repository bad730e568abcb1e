""""Việc của đơn vị": the work of one's units, grouped by directive and part, most urgent first."""

import datetime
import re

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directives.models import Task
from tasks.models import Assignment, Unit
from tasks.services import submission_decide
from tasks.status import Status
from tests.tasks.helpers import first_assignment, make_submission
from tests.tasks.test_review import at, set_due

D = datetime.date

def get(client, user, **params):
    client.force_login(user)
    return client.get(reverse("tasks:workspace"), params)


def items(response):
    return [a for block in response.context["blocks"] for group in block.parts for a in group.items]


def test_ward_officer_sees_only_the_ward_s_work(client, cast, directive):
    response = get(client, cast.dinh_bang)
    seen = items(response)
    assert seen and {a.unit.key for a in seen} == {"p-dinh-bang"}
    assert len(seen) == Assignment.objects.filter(unit__key="p-dinh-bang").count()


def test_expected_document_is_derived_from_the_task(client, cast, directive):
    ward = {a.task.key: a.expected_kind_label for a in items(get(client, cast.dinh_bang))}
    assert ward["C.1"] == "Nghị quyết triển khai"
    department = {a.task.key: a.expected_kind_label for a in items(get(client, cast.department))}
    assert department["C.2"] == "Kế hoạch triển khai"
    duqs = {a.task.key: a.expected_kind_label for a in items(get(client, cast.reviewer))}
    assert duqs["C.3"] == "Báo cáo tiến độ"


def test_parts_follow_the_directive_and_closing_tasks_come_last(client, cast, directive):
    block = get(client, cast.dinh_bang).context["blocks"][0]
    numbers = [g.section.number if g.section else None for g in block.parts]
    assert numbers[-1] is None and numbers[:-1] == sorted(numbers[:-1])


def test_work_is_sorted_by_urgency(client, cast, directive):
    resolution = first_assignment("p-dinh-bang", directive, "resolution")
    dissemination = Assignment.objects.get(unit__key="p-dinh-bang", task__key="C.4")
    set_due(resolution, D(2022, 2, 3))
    set_due(dissemination, D(2022, 1, 19))
    with time_machine.travel(at(D(2022, 1, 15)), tick=False):
        submission = make_submission(cast.dinh_bang, resolution)
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=False, comment="Bổ sung.")
    with time_machine.travel(at(D(2022, 1, 20)), tick=False):
        response = get(client, cast.dinh_bang)
        urgent = response.context["urgent"]
        assert [a.pk for a in urgent[:2]] == [resolution.pk, dissemination.pk]
        assert [a.status for a in urgent[:2]] == [Status.RETURNED, Status.OVERDUE]
        closing = response.context["blocks"][0].parts[-1].items
        assert [a.task.key for a in closing][:2] == ["C.1", "C.4"]
        html = response.content.decode()
        assert "quá hạn 1 ngày" in html and "còn 14 ngày" in html


def test_one_table_read_as_cards_on_a_phone(client, cast, directive):
    """Each assignment is drawn once: a row of its part's table, which a phone shows as a
    card (static/css/portal-look.css, .table-cards) edged in its status's colour."""
    html = get(client, cast.dinh_bang).content.decode()
    assignment = Assignment.objects.filter(unit__key="p-dinh-bang").first()
    assert html.count(f'id="assignment-{assignment.pk}"') == 1 and "assignment-card-" not in html
    assert 'class="table table-sm align-middle workspace-table table-cards"' in html and "d-md-none" not in html
    assert re.search(rf'<tr id="assignment-{assignment.pk}" data-tone="\w+">', html)


def test_completed_work_can_be_hidden(client, cast, directive):
    resolution = first_assignment("p-dinh-bang", directive, "resolution")
    Assignment.objects.filter(pk=resolution.pk).update(completed_on=D(2022, 2, 1))
    shown = {a.pk for a in items(get(client, cast.dinh_bang))}
    hidden = {a.pk for a in items(get(client, cast.dinh_bang, done="0"))}
    assert resolution.pk in shown and resolution.pk not in hidden


def test_person_in_two_units_can_filter_by_unit(client, cast, directive):
    from accounts import grants

    grants.add_member(Unit.objects.get(key="p-tam-son"), cast.dinh_bang)
    both = {a.unit.key for a in items(get(client, cast.dinh_bang))}
    assert both == {"p-dinh-bang", "p-tam-son"}
    tam_son = Unit.objects.get(key="p-tam-son")
    assert {a.unit.key for a in items(get(client, cast.dinh_bang, unit=tam_son.pk))} == {"p-tam-son"}
    # Someone else's unit in the address is ignored, not shown.
    other = Unit.objects.get(key="p-tuong-giang")
    assert {a.unit.key for a in items(get(client, cast.dinh_bang, unit=other.pk))} == both


def test_people_without_a_unit_see_an_empty_workspace_and_no_link(client, cast, directive):
    response = get(client, cast.observer)
    assert items(response) == []
    assert 'id="workspace-empty"' in response.content.decode()
    assert 'id="nav-workspace"' not in response.content.decode()


def test_navigation_offers_the_workspace_to_members_and_the_queue_to_reviewers(client, cast, directive):
    ward = get(client, cast.dinh_bang).content.decode()
    assert 'id="nav-workspace"' in ward and 'id="nav-review-queue"' not in ward
    reviewer = get(client, cast.reviewer).content.decode()
    assert 'id="nav-workspace"' in reviewer and 'id="nav-review-queue"' in reviewer


def _add_tasks(directive, count):
    unit = Unit.objects.get(key="p-dinh-bang")
    for i in range(count):
        task = Task.objects.create(directive=directive, key=f"X.{i}", title=f"Nhiệm vụ thêm {i}", kind="one_off",
                                   deadline=D(2022, 6, 30), position=100 + i)
        Assignment.objects.create(task=task, unit=unit, original_due_date=task.deadline, due_date=task.deadline)


def test_query_count_does_not_grow_with_the_work(client, cast, directive):
    client.force_login(cast.dinh_bang)
    client.get(reverse("tasks:workspace"))  # warm up sessions and caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("tasks:workspace")).status_code == 200
        return len(queries)

    before = count()
    _add_tasks(directive, 15)
    assert count() == before
