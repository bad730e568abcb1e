"""The unit workspace a page at a time: 50 rows in the whole list's order, the filters kept in
the page links, the counts, the urgent work and the index of parts over the whole list, the
user's scope on every page, and no error on any page number typed in the address."""

import datetime
import re

import pytest
from django.urls import reverse

from directives.models import Task
from tasks.models import Assignment, Unit
from tasks.workspace_paging import PER_PAGE

D = datetime.date


def _add_tasks(directive, unit_key, count):
    unit = Unit.objects.get(key=unit_key)
    for i in range(count):
        task = Task.objects.create(directive=directive, key=f"X.{i}", title=f"Nhiệm vụ thêm {i}", kind="one_off",
                                   deadline=D(2022, 6, 30), position=100 + i)
        Assignment.objects.create(task=task, unit=unit, original_due_date=task.deadline, due_date=task.deadline)


@pytest.fixture
def big_ward(cast, directive):
    """Đình Bảng with more than two pages of work; Tương Giang with some of the same tasks."""
    _add_tasks(directive, "p-dinh-bang", 2 * PER_PAGE)
    return Assignment.objects.filter(unit__key="p-dinh-bang", is_cancelled=False)


def get(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("tasks:workspace"), params)
    assert response.status_code == 200
    return response


def rows(response):
    return [a.pk for block in response.context["blocks"] for group in block.parts for a in group.items]


def test_the_pages_hold_the_whole_list_once_in_order(client, cast, big_ward):
    first = get(client, cast.dinh_bang)
    page = first.context["page"]
    assert page.paginator.num_pages == 3 and len(rows(first)) == PER_PAGE
    seen = rows(first) + rows(get(client, cast.dinh_bang, trang=2)) + rows(get(client, cast.dinh_bang, trang=3))
    assert len(seen) == len(set(seen)) == big_ward.count()
    # The order of the whole list: parts in the directive's order, the closing tasks last.
    numbers = []
    for n in (1, 2, 3):
        for block in get(client, cast.dinh_bang, trang=n).context["blocks"]:
            numbers += [g.section.number if g.section else 10**6 for g in block.parts]
    assert numbers == sorted(numbers)


def test_counts_urgent_work_and_the_index_cover_the_whole_list(client, cast, big_ward):
    second = get(client, cast.dinh_bang, trang=2)
    assert second.context["total"] == big_ward.count()
    work = second.context["work"]
    assert sum(p.count for entry in work.index for p in entry.parts) == big_ward.count()
    assert second.context["urgent"] == []  # listed on the first page only
    first = get(client, cast.dinh_bang)
    assert len(first.context["urgent"]) + first.context["urgent_more"] == work.urgent_total
    html = second.content.decode()
    assert 'id="workspace-index"' in html
    # A part that runs over the page break says so on both sides.
    last_group = first.context["blocks"][-1].parts[-1]
    assert last_group.continues and "còn tiếp ở trang sau" in first.content.decode()
    opening = second.context["blocks"][0].parts[0]
    same_part = (opening.part.directive_id, opening.part.section_id) == (
        last_group.part.directive_id, last_group.part.section_id)
    assert opening.continued == same_part


def test_page_links_keep_the_filters(client, cast, big_ward, directive):
    from accounts import grants

    tam_son = Unit.objects.get(key="p-tam-son")
    grants.add_member(tam_son, cast.dinh_bang)
    ward = Unit.objects.get(key="p-dinh-bang")
    response = get(client, cast.dinh_bang, unit=ward.pk, directive=directive.pk, done="0")
    html = response.content.decode()
    links = set(re.findall(r'href="\?([^"#]*trang=2)', html))
    assert links and all(f"unit={ward.pk}" in link and f"directive={directive.pk}" in link and "done=0" in link
                         for link in links)
    second = get(client, cast.dinh_bang, unit=ward.pk, directive=directive.pk, done="0", trang=2)
    assert {a.unit_id for block in second.context["blocks"] for g in block.parts for a in g.items} == {ward.pk}
    assert not any(a.is_done for block in second.context["blocks"] for g in block.parts for a in g.items)


@pytest.mark.parametrize("typed", ["abc", "0", "-3", "2.5", "9" * 30, "%00", ""])
def test_any_page_number_gives_a_page(client, cast, big_ward, typed):
    response = get(client, cast.dinh_bang, trang=typed)
    number = response.context["page"].number
    assert number in (1, 3)  # unreadable: the first page; past the end: the last
    assert rows(response)


def test_every_page_stays_within_the_user_s_units(client, cast, big_ward, directive):
    _add_tasks(directive, "p-tuong-giang", 0)
    ward = Unit.objects.get(key="p-dinh-bang")
    other = Unit.objects.get(key="p-tuong-giang")
    for n in (1, 2, 3):
        response = get(client, cast.dinh_bang, trang=n, unit=other.pk)  # another ward: ignored
        assert {a.unit_id for block in response.context["blocks"] for g in block.parts for a in g.items} == {ward.pk}
        assert all(u.pk == ward.pk for block in response.context["blocks"] for u in block.units)
    assert rows(get(client, cast.tuong_giang)) and not set(rows(get(client, cast.tuong_giang))) & set(
        big_ward.values_list("pk", flat=True))
