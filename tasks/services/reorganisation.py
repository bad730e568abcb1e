"""Changing the tree of units with history: rename, move, close, and merging several units
into one. Nothing is renamed in place for the past: each change opens a new UnitVersion from
its effective date, so a page or report about an earlier day keeps the names of that day.
Every change is audited; a merge moves everything in one transaction."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from accounts import grants
from tasks.models import (
    Assignment, ExplanationRequest, ExtensionRequest, Membership, Reorganisation, Submission, Unit, UnitVersion,
)
from tasks.services.errors import WorkflowError

from tasks.actions import UNIT_CHANGED, UNIT_CLOSED, UNIT_CREATED, UNITS_MERGED  # noqa: E402


def _today():
    return timezone.localdate()


def _version_fields(unit):
    return {"name": unit.name, "short_name": unit.short_name, "kind": unit.kind, "parent_id": unit.parent_id}


def _ensure_history(unit):
    """A unit that has never changed gets its first version (from its founding, or always)."""
    if not unit.versions.exists():
        UnitVersion.objects.create(unit=unit, valid_from=unit.valid_from, **_version_fields(unit))


def _apply_current(unit):
    """The unit's own fields follow the version in force today."""
    today = _today()
    current = unit.versions.filter(valid_from__lte=today).order_by("-valid_from").first() or \
        unit.versions.filter(valid_from__isnull=True).first()
    if current:
        for name, value in {"name": current.name, "short_name": current.short_name, "kind": current.kind,
                            "parent_id": current.parent_id}.items():
            setattr(unit, name, value)
    unit.is_active = (unit.valid_to is None or unit.valid_to >= today) and (
        unit.valid_from is None or unit.valid_from <= today)
    unit.save(update_fields=["name", "short_name", "kind", "parent", "is_active", "valid_to"])


def unit_create(*, actor, key, name, kind, short_name="", parent=None, valid_from=None, request=None):
    if Unit.objects.filter(key=key).exists():
        raise WorkflowError(_("Đã có đơn vị mã “%(key)s”.") % {"key": key}, field="key")
    with transaction.atomic():
        unit = Unit.objects.create(key=key, name=name, short_name=short_name, kind=kind, parent=parent,
                                   valid_from=valid_from,
                                   is_active=valid_from is None or valid_from <= _today())
        grants.ensure_unit_group(unit)
        UnitVersion.objects.create(unit=unit, valid_from=valid_from, created_by=actor, **_version_fields(unit))
        audit.record(UNIT_CREATED, actor=actor, obj=unit, unit=unit, request=request,
                     changes={"key": key, "name": name, "kind": kind, "valid_from": valid_from})
    return unit


def unit_change(*, actor, unit_id, effective, request=None, **values):
    """Rename, change the kind or move under another parent from `effective` on."""
    allowed = {"name", "short_name", "kind", "parent_id"}
    if not values or set(values) - allowed:
        raise ValueError(values)
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit_id)
        if values.get("parent_id") == unit.pk:
            raise WorkflowError(_("Một đơn vị không thể là cấp trên của chính nó."), field="parent")
        if unit.valid_from and effective < unit.valid_from:
            raise WorkflowError(_("Ngày hiệu lực trước ngày thành lập đơn vị (%(day)s).")
                                % {"day": f"{unit.valid_from:%d/%m/%Y}"}, field="effective")
        _ensure_history(unit)
        if unit.versions.filter(valid_from__gt=effective).exists():
            raise WorkflowError(_("Đơn vị đã có thay đổi từ sau ngày này; hãy chọn ngày hiệu lực muộn hơn."),
                                field="effective")
        covering = unit.versions.filter(valid_to__isnull=True).first()
        before = {k: getattr(covering, k) for k in values}
        if covering.valid_from == effective:
            for k, v in values.items():
                setattr(covering, k, v)
            covering.save()
        else:
            UnitVersion.objects.filter(pk=covering.pk).update(valid_to=effective - datetime.timedelta(days=1))
            fields = {**{k: getattr(covering, k) for k in ("name", "short_name", "kind", "parent_id")}, **values}
            UnitVersion.objects.create(unit=unit, valid_from=effective, created_by=actor, **fields)
        _apply_current(unit)
        audit.record(UNIT_CHANGED, actor=actor, obj=unit, unit=unit, request=request,
                     changes={"effective": effective, **{k: [before[k], v] for k, v in values.items()}})
    return unit


def open_work(units):
    return Assignment.objects.filter(unit__in=units, is_cancelled=False, completed_on__isnull=True)


def unit_close(*, actor, unit_id, last_day, request=None):
    """The unit exists no more after `last_day`. Open work must be merged or given away first."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit_id)
        count = open_work([unit]).count()
        if count:
            raise WorkflowError(_("Đơn vị còn %(count)s nhiệm vụ chưa hoàn thành: hãy hợp nhất vào đơn vị khác "
                                  "hoặc giao lại trước khi giải thể.") % {"count": count})
        _ensure_history(unit)
        UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
        unit.valid_to = last_day
        _apply_current(unit)
        audit.record(UNIT_CLOSED, actor=actor, obj=unit, unit=unit, request=request, changes={"last_day": last_day})
    return unit


@dataclass
class MergePlan:
    """What a merge of `sources` into `target` on `effective` moves, for the preview."""

    sources: list
    target: Unit
    effective: datetime.date
    moving: list = field(default_factory=list)     # open assignments that go to the target
    cancelled: list = field(default_factory=list)  # untouched duplicates of work the target already has
    blocked: list = field(default_factory=list)    # duplicates someone already reported on: refuse
    members: list = field(default_factory=list)    # memberships given to the target too
    pending_submissions: int = 0
    pending_extensions: int = 0
    open_explanations: int = 0
    due_soon: int = 0                              # moving work due within 7 days: its reminders follow
    completed_kept: int = 0                        # completed work stays with the unit that did it

    @property
    def ok(self):
        return not self.blocked


def merge_plan(sources, target, effective):
    if target in sources:
        raise WorkflowError(_("Đơn vị nhận không được nằm trong các đơn vị bị hợp nhất."), field="target")
    if not sources:
        raise WorkflowError(_("Hãy chọn ít nhất một đơn vị để hợp nhất."), field="sources")
    plan = MergePlan(list(sources), target, effective)
    taken = set(Assignment.objects.filter(unit=target).values_list("task_id", flat=True))
    seen = set(taken)
    for a in open_work(sources).select_related("task", "unit").order_by("task_id", "pk"):
        if a.task_id in seen:
            # Reported on (a submission) or asked about (an extension): refuse. An acknowledgement
            # of receipt alone is no report: the duplicate is cancelled, its receipt kept on it.
            touched = a.submissions.exists() or a.extension_requests.exists()
            (plan.blocked if touched else plan.cancelled).append(a)
        else:
            plan.moving.append(a)
            seen.add(a.task_id)
    moving_ids = [a.pk for a in plan.moving]
    plan.members = list(Membership.objects.filter(unit__in=sources).select_related("user", "unit"))
    plan.pending_submissions = Submission.objects.filter(assignment_id__in=moving_ids, status="pending").count()
    plan.pending_extensions = ExtensionRequest.objects.filter(assignment_id__in=moving_ids, status="pending").count()
    plan.open_explanations = ExplanationRequest.objects.filter(assignment_id__in=moving_ids,
                                                               answered_at__isnull=True).count()
    soon = _today() + datetime.timedelta(days=7)
    plan.due_soon = sum(1 for a in plan.moving if a.due_date <= soon)
    plan.completed_kept = Assignment.objects.filter(unit__in=sources, completed_on__isnull=False).count()
    return plan


def merge_apply(*, actor, source_ids, target_id, effective, note="", request=None):
    """Merge in one transaction, re-planned under lock; returns the Reorganisation."""
    with transaction.atomic():
        units = {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=[*source_ids, target_id])}
        sources = [units[pk] for pk in source_ids if pk in units]
        target = units[target_id]
        plan = merge_plan(sources, target, effective)
        if not plan.ok:
            raise WorkflowError(_("%(count)s nhiệm vụ của đơn vị cũ trùng với nhiệm vụ đơn vị nhận đã có và đã được "
                                  "báo cáo; hãy xử lý trước khi hợp nhất.") % {"count": len(plan.blocked)})
        Assignment.objects.select_for_update().filter(pk__in=[a.pk for a in plan.moving + plan.cancelled])
        Assignment.objects.filter(pk__in=[a.pk for a in plan.moving]).update(unit=target, updated_at=timezone.now())
        Assignment.objects.filter(pk__in=[a.pk for a in plan.cancelled]).update(is_cancelled=True,
                                                                                 updated_at=timezone.now())
        for m in plan.members:
            if not Membership.objects.filter(user=m.user, unit=target).exists():
                grants.add_member(target, m.user, m.role, actor=actor, request=request)
        last_day = effective - datetime.timedelta(days=1)
        for unit in sources:
            _ensure_history(unit)
            UnitVersion.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
            unit.valid_to, unit.successor = last_day, target
            unit.save(update_fields=["successor"])
            _apply_current(unit)
        record = Reorganisation.objects.create(
            kind=Reorganisation.Kind.MERGE, effective_on=effective, note=note[:300], created_by=actor,
            summary={"moved": [a.pk for a in plan.moving],
                     "moved_from": {str(a.pk): a.unit_id for a in plan.moving}, "cancelled": [a.pk for a in plan.cancelled],
                     "members": [m.user_id for m in plan.members], "completed_kept": plan.completed_kept},
        )
        record.sources.set(sources)
        record.targets.set([target])
        audit.record(UNITS_MERGED, actor=actor, obj=target, unit=target, request=request, changes={
            "sources": [u.key for u in sources], "target": target.key, "effective": effective,
            "moved": len(plan.moving), "cancelled": len(plan.cancelled), "members": len(plan.members)})
    return record
