"""Splitting a unit into several: the plan with a default target and per-row choices, one
transaction, completed work kept, members and their permissions moved, refusals whole, and
the Office's pages (preview, edit a row, confirm)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from reminders.recipients import RecipientDirectory
from tasks.models import Assignment, Membership, Reorganisation, Submission, Unit
from tasks.services import reorganisation as reorg
from tasks.services import splitting
from tasks.services.errors import WorkflowError
from tasks.unit_history import holders_as_of, unit_as_of
from tests.tasks.helpers import first_assignment, make_submission

D = datetime.date
EFFECTIVE = D(2025, 7, 1)


def _two_new(cast):
    north = reorg.unit_create(actor=cast.office, key="p-bac", name="Đảng ủy phường Bắc (ví dụ)", kind="ward",
                              valid_from=EFFECTIVE)
    south = reorg.unit_create(actor=cast.office, key="p-nam", name="Đảng ủy phường Nam (ví dụ)", kind="ward",
                              valid_from=EFFECTIVE)
    return north, south


def _open(unit):
    return Assignment.objects.filter(unit=unit, is_cancelled=False, completed_on__isnull=True)


def test_a_split_while_a_submission_waits_and_a_reminder_is_due(cast, directive):
    source = Unit.objects.get(key="p-dinh-bang")
    resolution = first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)
    pending = make_submission(cast.dinh_bang, resolution)
    due = _open(source).exclude(pk=resolution.pk).order_by("pk").first()
    Assignment.objects.filter(pk=due.pk).update(due_date=datetime.date.today() + datetime.timedelta(days=2))
    done = _open(source).exclude(pk__in=[resolution.pk, due.pk]).order_by("pk").first()
    Assignment.objects.filter(pk=done.pk).update(completed_on=D(2022, 3, 1))
    north, south = _two_new(cast)
    open_before = _open(source).count()

    plan = splitting.split_plan(source, [north, south], north, EFFECTIVE, assignment_targets={pending.assignment_id: south.pk},
                                member_targets={cast.dinh_bang_head.pk: south.pk})
    assert len(plan.rows) == open_before and plan.ok
    assert plan.pending_submissions == 1 and plan.due_soon >= 1 and plan.completed_kept >= 1
    assert [r.target for r in plan.rows if r.assignment.pk == pending.assignment_id] == [south]
    assert {m.user: t for m, t in plan.members}[cast.dinh_bang] == north  # the default
    assert not _open(north).exists()  # a plan moves nothing

    record = splitting.split_apply(
        actor=cast.office, source_id=source.pk, target_ids=[north.pk, south.pk], default_id=north.pk,
        effective=EFFECTIVE, assignment_targets={pending.assignment_id: south.pk},
        member_targets={cast.dinh_bang_head.pk: south.pk}, note="Ví dụ")
    assert record.kind == Reorganisation.Kind.SPLIT and set(record.targets.all()) == {north, south}
    pending.refresh_from_db()
    assert pending.status == "pending" and pending.assignment.unit == south  # still waits for review, at south
    assert Assignment.objects.get(pk=due.pk).unit == north
    assert Assignment.objects.get(pk=done.pk).unit == source  # completed work stays with who did it
    assert not _open(source).exists() and _open(north).count() + _open(south).count() == open_before
    # The reminder of the due work now goes to the members of the unit that holds it.
    directory = RecipientDirectory.load()
    assert cast.dinh_bang.pk in directory.unit_members(north.pk)
    assert Membership.objects.filter(user=cast.dinh_bang_head, unit=south).exists()
    assert Membership.objects.filter(user=cast.dinh_bang, unit=source).exists()  # history kept
    source.refresh_from_db()
    assert source.valid_to == D(2025, 6, 30) and not source.is_active
    assert unit_as_of(source, D(2022, 6, 30)).name == source.name
    assert holders_as_of(D(2025, 6, 30))[pending.assignment_id] == source.pk  # before: still the old unit's
    assert pending.assignment_id not in holders_as_of(EFFECTIVE)
    entry = AuditEntry.objects.get(action="unit.split")
    assert entry.changes["targets"] == ["p-bac", "p-nam"]


def test_after_a_split_nobody_sees_more_than_their_successor_and_history(cast, directive):
    source = Unit.objects.get(key="p-dinh-bang")
    north, south = _two_new(cast)
    first = _open(source).order_by("pk").first()
    splitting.split_apply(actor=cast.office, source_id=source.pk, target_ids=[north.pk, south.pk],
                          default_id=south.pk, effective=EFFECTIVE, assignment_targets={first.pk: north.pk},
                          member_targets={cast.dinh_bang.pk: north.pk})
    visible = set(Assignment.objects.visible_to(cast.dinh_bang).values_list("unit__key", flat=True))
    assert "p-bac" in visible and visible <= {"p-bac", "p-dinh-bang"}  # not the south ward's work
    client = Client()
    client.force_login(cast.dinh_bang)
    assert client.get(reverse("tasks:assignment_detail", args=[first.pk])).status_code == 200
    elsewhere = _open(south).first()
    assert client.get(reverse("tasks:assignment_detail", args=[elsewhere.pk])).status_code == 404
    client.force_login(cast.tuong_giang)
    assert client.get(reverse("tasks:assignment_detail", args=[first.pk])).status_code == 404


def test_a_split_is_refused_whole(cast, directive):
    source = Unit.objects.get(key="p-dinh-bang")
    taken = Unit.objects.get(key="p-tam-son")  # already has the same tasks
    north, _south = _two_new(cast)
    make_submission(cast.dinh_bang, first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION))
    before = list(Assignment.objects.order_by("pk").values_list("pk", "unit_id", "is_cancelled"))
    with pytest.raises(WorkflowError, match="đã được báo cáo"):
        splitting.split_apply(actor=cast.office, source_id=source.pk, target_ids=[taken.pk, north.pk],
                              default_id=taken.pk, effective=EFFECTIVE)
    with pytest.raises(WorkflowError, match="hai đơn vị"):
        splitting.split_plan(source, [north], north, EFFECTIVE)
    with pytest.raises(WorkflowError, match="không hoạt động"):
        splitting.split_plan(source, [north, taken], taken, D(2024, 1, 1))  # north is founded later
    assert list(Assignment.objects.order_by("pk").values_list("pk", "unit_id", "is_cancelled")) == before
    assert not Reorganisation.objects.exists()


def test_the_split_page_previews_edits_a_row_and_confirms(client, cast, directive):
    source = Unit.objects.get(key="p-dinh-bang")
    north, south = _two_new(cast)
    url = reverse("organisation:split", args=[source.pk])
    for person in (cast.reviewer, cast.observer, cast.dinh_bang_head):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "apply"}).status_code == 404
    client.force_login(cast.office)
    assert client.get(url).status_code == 200
    data = {"targets": [north.pk, south.pk], "default": north.pk, "effective": "01/07/2025", "note": "thử"}
    preview = client.post(url, {**data, "action": "preview"})
    page = preview.content.decode()
    assert preview.status_code == 200 and "Những gì sẽ chuyển" in page
    row = _open(source).order_by("pk").first()
    assert f'name="a-{row.pk}"' in page and f'name="m-{cast.dinh_bang.pk}"' in page
    bad = client.post(url, {**data, "targets": [north.pk], "action": "preview"})
    assert bad.status_code == 400 and "hai đơn vị" in bad.content.decode()
    crafted = client.post(url, {**data, "action": "preview", "a-x": "1", f"a-{row.pk}": "99999999999999999999"})
    assert crafted.status_code == 200
    done = client.post(url, {**data, "action": "apply", f"a-{row.pk}": str(south.pk)})
    assert done.status_code == 302
    assert Assignment.objects.get(pk=row.pk).unit == south
    assert not _open(source).exists()
