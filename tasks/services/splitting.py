"""Splitting one unit into several on a date, with a plan the Office edits: each open
assignment (with its pending submissions, extension and explanation requests, and the
reminders that follow its unit) and each member goes to one of the successors, by default
the one the Office names first; completed work stays with the unit that did it. Confirming
re-plans under lock and moves everything in one transaction; audited."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from accounts import grants
from tasks.actions import UNIT_SPLIT
from tasks.models import (
    Assignment, ExplanationRequest, ExtensionRequest, Membership, Reorganisation, Submission, Unit, UnitVersion,
)
from tasks.services.errors import WorkflowError
from tasks.services.reorganisation import _apply_current, _ensure_history, open_work

DUE_SOON_DAYS = 7


@dataclass
class SplitRow:
    """One open assignment of the unit split, and where it goes."""

    assignment: Assignment
    target: Unit
    pending_submissions: int = 0
    pending_extensions: int = 0
    open_explanations: int = 0
    due_soon: bool = False
    outcome: str = "move"  # move | cancel (an untouched duplicate of the target's) | blocked


@dataclass
class SplitPlan:
    source: Unit
    targets: list
    default: Unit
    effective: datetime.date
    rows: list = field(default_factory=list)
    members: list = field(default_factory=list)  # (Membership, target Unit)
    completed_kept: int = 0

    @property
    def ok(self):
        return not self.blocked

    @property
    def blocked(self):
        return [r for r in self.rows if r.outcome == "blocked"]

    def moving_to(self, target):
        return [r for r in self.rows if r.outcome == "move" and r.target.pk == target.pk]

    def by_target(self):
        """[(target, moving rows, members)] for the preview's summary."""
        return [(t, self.moving_to(t), [m for m, to in self.members if to.pk == t.pk]) for t in self.targets]

    def _sum(self, name):
        return sum(int(getattr(r, name)) for r in self.rows if r.outcome != "blocked")

    @property
    def pending_submissions(self):
        return self._sum("pending_submissions")

    @property
    def pending_extensions(self):
        return self._sum("pending_extensions")

    @property
    def open_explanations(self):
        return self._sum("open_explanations")

    @property
    def due_soon(self):
        return self._sum("due_soon")


def _check(source, targets, default, effective):
    if len(targets) < 2:
        raise WorkflowError(_("Hãy chọn ít nhất hai đơn vị nhận khi chia tách."), field="targets")
    if source.pk in {t.pk for t in targets}:
        raise WorkflowError(_("Đơn vị bị chia tách không được nằm trong các đơn vị nhận."), field="targets")
    if default.pk not in {t.pk for t in targets}:
        raise WorkflowError(_("Đơn vị nhận mặc định phải là một trong các đơn vị nhận."), field="default")
    if source.valid_to and source.valid_to < effective:
        raise WorkflowError(_("Đơn vị đã thôi hoạt động trước ngày này."), field="effective")
    if source.valid_from and effective <= source.valid_from:
        raise WorkflowError(_("Ngày chia tách phải sau ngày thành lập đơn vị (%(day)s).")
                            % {"day": f"{source.valid_from:%d/%m/%Y}"}, field="effective")
    for target in targets:
        if (target.valid_to and target.valid_to < effective) or (target.valid_from and target.valid_from > effective):
            raise WorkflowError(_("%(unit)s không hoạt động vào ngày chia tách.") % {"unit": target.name},
                                field="targets")


def split_plan(source, targets, default, effective, *, assignment_targets=None, member_targets=None):
    """The plan of splitting `source` into `targets` on `effective`. `assignment_targets`
    ({assignment id: target id}) and `member_targets` ({user id: target id}) override the
    default target row by row; ids not among the targets are ignored."""
    targets = list(targets)
    _check(source, targets, default, effective)
    by_id = {t.pk: t for t in targets}
    chosen = {int(k): by_id[v] for k, v in (assignment_targets or {}).items() if v in by_id}
    plan = SplitPlan(source, targets, default, effective)
    held = {}
    for task_id, unit_id in Assignment.objects.filter(unit__in=targets).values_list("task_id", "unit_id"):
        held.setdefault(unit_id, set()).add(task_id)
    work = list(open_work([source]).select_related("task").order_by("task__position", "task__key", "pk"))
    ids = [a.pk for a in work]
    pending = _count_by(Submission.objects.filter(assignment_id__in=ids, status="pending"))
    extensions = _count_by(ExtensionRequest.objects.filter(assignment_id__in=ids, status="pending"))
    explanations = _count_by(ExplanationRequest.objects.filter(assignment_id__in=ids, answered_at__isnull=True))
    touched = set(Submission.objects.filter(assignment_id__in=ids).values_list("assignment_id", flat=True)) | \
        set(ExtensionRequest.objects.filter(assignment_id__in=ids).values_list("assignment_id", flat=True))
    soon = timezone.localdate() + datetime.timedelta(days=DUE_SOON_DAYS)
    for a in work:
        target = chosen.get(a.pk, default)
        row = SplitRow(a, target, pending.get(a.pk, 0), extensions.get(a.pk, 0), explanations.get(a.pk, 0),
                       a.due_date <= soon)
        if a.task_id in held.get(target.pk, set()):
            row.outcome = "blocked" if a.pk in touched else "cancel"  # reported on or asked about
        else:
            held.setdefault(target.pk, set()).add(a.task_id)
        plan.rows.append(row)
    member_choice = {int(k): by_id[v] for k, v in (member_targets or {}).items() if v in by_id}
    plan.members = [(m, member_choice.get(m.user_id, default))
                    for m in Membership.objects.filter(unit=source).select_related("user").order_by("user__username")]
    plan.completed_kept = Assignment.objects.filter(unit=source, completed_on__isnull=False).count()
    return plan


def _count_by(queryset):
    found = {}
    for assignment_id in queryset.values_list("assignment_id", flat=True):
        found[assignment_id] = found.get(assignment_id, 0) + 1
    return found


def split_apply(*, actor, source_id, target_ids, default_id, effective, assignment_targets=None,
                member_targets=None, note="", request=None):
    """Split in one transaction, re-planned under lock; returns the Reorganisation."""
    with transaction.atomic():
        units = {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=[source_id, *target_ids])}
        if source_id not in units or default_id not in units:
            raise WorkflowError(_("Hãy chọn trong danh sách."))
        source = units[source_id]
        targets = [units[pk] for pk in target_ids if pk in units and pk != source_id]
        plan = split_plan(source, targets, units[default_id], effective, assignment_targets=assignment_targets,
                          member_targets=member_targets)
        if not plan.ok:
            raise WorkflowError(_("%(count)s nhiệm vụ trùng với nhiệm vụ đơn vị nhận đã có và đã được báo cáo; "
                                  "hãy chọn đơn vị nhận khác hoặc xử lý trước khi chia tách.")
                                % {"count": len(plan.blocked)})
        now = timezone.now()
        list(Assignment.objects.select_for_update().filter(pk__in=[r.assignment.pk for r in plan.rows]))
        for target in targets:
            Assignment.objects.filter(pk__in=[r.assignment.pk for r in plan.moving_to(target)]).update(
                unit=target, updated_at=now)
        cancelled = [r.assignment.pk for r in plan.rows if r.outcome == "cancel"]
        Assignment.objects.filter(pk__in=cancelled).update(is_cancelled=True, updated_at=now)
        for membership, target in plan.members:
            if not Membership.objects.filter(user=membership.user, unit=target).exists():
                grants.add_member(target, membership.user, membership.role, actor=actor, request=request)
        _ensure_history(source)
        UnitVersion.objects.filter(unit=source, valid_to__isnull=True).update(
            valid_to=effective - datetime.timedelta(days=1))
        source.valid_to = effective - datetime.timedelta(days=1)
        _apply_current(source)
        moved = [r for r in plan.rows if r.outcome == "move"]
        record = Reorganisation.objects.create(
            kind=Reorganisation.Kind.SPLIT, effective_on=effective, note=note[:300], created_by=actor,
            summary={"moved": {str(r.assignment.pk): r.target.pk for r in moved},
                     "moved_from": {str(r.assignment.pk): source.pk for r in moved},
                     "cancelled": cancelled, "members": {str(m.user_id): t.pk for m, t in plan.members},
                     "completed_kept": plan.completed_kept},
        )
        record.sources.set([source])
        record.targets.set(targets)
        audit.record(UNIT_SPLIT, actor=actor, obj=source, unit=source, request=request, changes={
            "source": source.key, "targets": [t.key for t in targets], "effective": effective,
            "moved": {t.key: len(plan.moving_to(t)) for t in targets}, "cancelled": len(cancelled),
            "members": len(plan.members)})
    return record
