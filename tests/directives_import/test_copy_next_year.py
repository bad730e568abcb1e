"""Next year's directive from this year's: a draft with everything copied and dates moved a
year, published like any import; the Office only."""

import datetime

from django.urls import reverse

from directives.import_services import draft_from_directive, draft_publish, publish_check
from directives.models import Directive, ImportDraft
from tasks.models import Assignment


def test_the_copy_holds_parts_tasks_units_and_dates_a_year_later(cast, directive):
    draft = draft_from_directive(user=cast.office, directive=directive)
    data = draft.data
    assert draft.source_type == "copy" and draft.unplaced == []
    assert data["directive"]["number"] == "" and data["directive"]["issued_on"] == "2023-01-04"
    assert "2023" in data["directive"]["summary"] and "2022" not in data["directive"]["summary"]
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5, 6]
    tasks = [t for s in data["sections"] for t in s["tasks"]] + data["closing_tasks"]
    assert len(tasks) == directive.tasks.count()
    original = directive.tasks.get(key=tasks[0]["key"])
    assert tasks[0]["deadline"] == original.deadline.replace(year=original.deadline.year + 1).isoformat()
    assert len({t["uid"] for t in tasks}) == len(tasks)
    assert data["distribution"] and data["documents"]


def test_the_copy_publishes_with_the_same_assignments(cast, directive):
    draft = draft_from_directive(user=cast.office, directive=directive)
    draft.data["directive"]["number"] = "07"
    draft.save(update_fields=["data"])
    check = publish_check(draft)
    assert check["problems"] == [] and check["key"] == "07-CT-TU-2023"
    new = draft_publish(draft, user=cast.office, status=Directive.Status.PUBLISHED)
    assert new.pk != directive.pk and new.year == 2023 and new.issued_on == datetime.date(2023, 1, 4)
    assert new.tasks.count() == directive.tasks.count()
    old_pairs = set(Assignment.objects.filter(task__directive=directive).values_list("task__key", "unit__key", "role"))
    new_pairs = set(Assignment.objects.filter(task__directive=new).values_list("task__key", "unit__key", "role"))
    assert new_pairs == old_pairs
    assert Assignment.objects.filter(task__directive=directive).count() == len(old_pairs)


def test_only_the_office_copies(client, cast, directive):
    url = reverse("directives:copy_next_year", args=[directive.pk])
    for person in (cast.reviewer, cast.observer, cast.dinh_bang, cast.dinh_bang_head):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert not ImportDraft.objects.exists()
    client.force_login(cast.office)
    assert "Tạo bản nháp" in client.get(url).content.decode()
    response = client.post(url)
    draft = ImportDraft.objects.get()
    assert response.status_code == 302 and response.url == reverse("directives:import_draft", args=[draft.pk])
    assert client.get(response.url).status_code == 200
