"""Units as dated data: rename, move and close with history, and a merge that moves open work,
members and pending submissions in one transaction while completed work stays put and
permissions follow."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from tasks.models import Assignment, Membership, Reorganisation, Submission, Unit, UnitVersion
from tasks.services import reorganisation as reorg
from tasks.services.errors import WorkflowError
from tasks.unit_history import UnitHistory, unit_as_of, units_as_of
from tests.tasks.helpers import first_assignment, make_submission

D = datetime.date


def test_a_rename_keeps_the_old_name_for_earlier_days(cast, directive):
    unit = Unit.objects.get(key="p-dinh-bang")
    old = unit.name
    reorg.unit_change(actor=cast.office, unit_id=unit.pk, effective=D(2025, 7, 1), name="Đảng ủy phường Từ Sơn mới")
    assert unit_as_of(unit, D(2022, 6, 30)).name == old
    assert unit_as_of(unit, D(2025, 7, 1)).name == "Đảng ủy phường Từ Sơn mới"
    unit.refresh_from_db()
    assert unit.name == "Đảng ủy phường Từ Sơn mới"  # in force today
    assert AuditEntry.objects.get(action="unit.change").changes["name"] == [old, "Đảng ủy phường Từ Sơn mới"]


def test_a_move_and_a_future_rename(cast, directive):
    unit, parent = Unit.objects.get(key="p-tam-son"), Unit.objects.get(key="duqs")
    reorg.unit_change(actor=cast.office, unit_id=unit.pk, effective=D(2024, 1, 1), parent_id=parent.pk)
    future = datetime.date.today() + datetime.timedelta(days=400)
    reorg.unit_change(actor=cast.office, unit_id=unit.pk, effective=future, name="Tên sau này")
    unit.refresh_from_db()
    assert unit.parent == parent and unit.name != "Tên sau này"  # not yet in force
    assert units_as_of([unit.pk], future)[unit.pk].name == "Tên sau này"
    assert unit_as_of(unit, D(2023, 12, 31)).parent_id != parent.pk
    with pytest.raises(WorkflowError):  # a change before a later one would rewrite it
        reorg.unit_change(actor=cast.office, unit_id=unit.pk, effective=D(2024, 6, 1), name="x")


def test_a_unit_with_open_work_cannot_just_close(cast, directive):
    unit = Unit.objects.get(key="p-dinh-bang")
    with pytest.raises(WorkflowError, match="chưa hoàn thành"):
        reorg.unit_close(actor=cast.office, unit_id=unit.pk, last_day=D(2025, 6, 30))
    empty = reorg.unit_create(actor=cast.office, key="to-thu", name="Tổ công tác thử", kind="department")
    reorg.unit_close(actor=cast.office, unit_id=empty.pk, last_day=D(2025, 6, 30))
    empty.refresh_from_db()
    assert not empty.is_active and empty.valid_to == D(2025, 6, 30)


def _merge_into_new(cast):
    new = reorg.unit_create(actor=cast.office, key="p-tu-son-moi", name="Đảng ủy phường Từ Sơn (ví dụ)",
                            kind="ward", valid_from=D(2025, 7, 1))
    sources = [Unit.objects.get(key="p-dinh-bang"), Unit.objects.get(key="p-tam-son")]
    return new, sources


def test_the_merge_preview_says_what_moves(cast, directive):
    pending = make_submission(cast.dinh_bang, first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION))
    new, sources = _merge_into_new(cast)
    plan = reorg.merge_plan(sources, new, D(2025, 7, 1))
    open_count = Assignment.objects.filter(unit__in=sources, completed_on__isnull=True, is_cancelled=False).count()
    assert len(plan.moving) + len(plan.cancelled) == open_count
    assert plan.cancelled  # both wards had the same tasks: the untouched duplicate is cancelled
    assert plan.pending_submissions == 1 and pending.assignment in plan.moving
    assert {m.user for m in plan.members} >= {cast.dinh_bang, cast.tam_son}
    assert plan.ok


def test_a_merge_moves_work_and_members_and_keeps_completed_work(cast, directive):
    resolution = first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)
    pending = make_submission(cast.dinh_bang, resolution)
    done = Assignment.objects.filter(unit__key="p-dinh-bang").exclude(pk=resolution.pk).first()
    Assignment.objects.filter(pk=done.pk).update(completed_on=D(2022, 3, 1))
    new, sources = _merge_into_new(cast)
    record = reorg.merge_apply(actor=cast.office, source_ids=[u.pk for u in sources], target_id=new.pk,
                               effective=D(2025, 7, 1), note="Ví dụ minh họa")
    assert isinstance(record, Reorganisation) and record.kind == "merge"
    pending.refresh_from_db()
    assert pending.assignment.unit == new and pending.status == "pending"
    assert Assignment.objects.get(pk=done.pk).unit.key == "p-dinh-bang"  # completed stays with who did it
    assert not Assignment.objects.filter(unit__in=sources, completed_on__isnull=True, is_cancelled=False).exists()
    assert Membership.objects.filter(user=cast.dinh_bang, unit=new).exists()
    assert Membership.objects.filter(user=cast.dinh_bang, unit__key="p-dinh-bang").exists()  # history kept
    for unit in sources:
        unit.refresh_from_db()
        assert unit.successor == new and unit.valid_to == D(2025, 6, 30) and not unit.is_active
        assert unit_as_of(unit, D(2022, 6, 30)).name == unit.name  # 2022 keeps 2022's names
    assert AuditEntry.objects.filter(action="unit.merge").exists()


def test_after_a_merge_nobody_sees_more_than_the_successor_and_their_history(cast, directive):
    new, sources = _merge_into_new(cast)
    reorg.merge_apply(actor=cast.office, source_ids=[u.pk for u in sources], target_id=new.pk, effective=D(2025, 7, 1))
    visible = set(Assignment.objects.visible_to(cast.dinh_bang).values_list("unit__key", flat=True))
    assert visible <= {"p-tu-son-moi", "p-dinh-bang"}
    other = Assignment.objects.filter(unit__key="p-tuong-giang").first()
    client = Client()
    client.force_login(cast.dinh_bang)
    assert client.get(reverse("tasks:assignment_detail", args=[other.pk])).status_code == 404
    moved = Assignment.objects.filter(unit=new).first()
    assert client.get(reverse("tasks:assignment_detail", args=[moved.pk])).status_code == 200
    client.force_login(cast.tuong_giang)
    assert client.get(reverse("tasks:assignment_detail", args=[moved.pk])).status_code == 404


def test_a_merge_is_refused_whole_when_a_duplicate_was_reported_on(cast, directive):
    new = Unit.objects.get(key="p-tam-son")
    source = Unit.objects.get(key="p-dinh-bang")
    make_submission(cast.dinh_bang, first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION))
    before = list(Assignment.objects.order_by("pk").values_list("pk", "unit_id", "is_cancelled"))
    with pytest.raises(WorkflowError, match="đã được báo cáo"):
        reorg.merge_apply(actor=cast.office, source_ids=[source.pk], target_id=new.pk, effective=D(2025, 7, 1))
    assert list(Assignment.objects.order_by("pk").values_list("pk", "unit_id", "is_cancelled")) == before


def test_a_duplicate_only_acknowledged_is_cancelled_not_blocking(cast, directive):
    target = Unit.objects.get(key="p-tam-son")
    source = Unit.objects.get(key="p-dinh-bang")
    duplicate = Assignment.objects.filter(unit=source, task__in=Assignment.objects.filter(unit=target).values(
        "task_id")).order_by("pk").first()
    Assignment.objects.filter(pk=duplicate.pk).update(received_on=D(2022, 1, 10))
    plan = reorg.merge_plan([source], target, D(2025, 7, 1))
    assert plan.ok and duplicate in plan.cancelled
    record = reorg.merge_apply(actor=cast.office, source_ids=[source.pk], target_id=target.pk, effective=D(2025, 7, 1))
    duplicate.refresh_from_db()
    assert duplicate.is_cancelled and duplicate.received_on == D(2022, 1, 10) and duplicate.unit == source
    assert duplicate.pk in record.summary["cancelled"]


def test_a_unit_history_read_once_names_units_as_units_as_of_does(cast, directive):
    """tasks.unit_history.UnitHistory answers as units_as_of on every day around the versions
    (the dashboard keeps one per data version): overlapping, open-ended and none covering."""
    unit = Unit.objects.get(key="p-dinh-bang")
    UnitVersion.objects.create(unit=unit, valid_to=D(2022, 3, 31), name="Tên cũ", kind=unit.kind)
    UnitVersion.objects.create(unit=unit, valid_from=D(2022, 4, 1), valid_to=D(2022, 6, 30),
                               name="Tên giữa", short_name="Giữa", kind=unit.kind)
    UnitVersion.objects.create(unit=unit, valid_from=D(2022, 6, 1), name="Tên chồng", kind=unit.kind)
    closed = Unit.objects.get(key="p-tam-son")
    UnitVersion.objects.create(unit=closed, valid_from=D(2023, 1, 1), valid_to=D(2023, 2, 1), name="Chỉ đầu 2023",
                               kind=closed.kind)
    ids = list(Unit.objects.values_list("pk", flat=True))
    history = UnitHistory()
    names = set()
    for day in (D(2021, 12, 25) + datetime.timedelta(days=n) for n in range(0, 450, 6)):
        assert history.as_of(ids, day) == units_as_of(ids, day), day
        names.add(history.as_of([unit.pk], day)[unit.pk].name)
    assert {"Tên cũ", "Tên giữa", "Tên chồng"} <= names
