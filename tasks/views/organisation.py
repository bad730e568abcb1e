"""The tree of units as dated data, managed by the Office: the tree as of a date, a unit's
history with its changes, and merging or splitting units with a preview."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import roles
from tasks.forms.organisation import MergeForm, SplitForm, UnitChangeForm, UnitCloseForm, UnitCreateForm, row_choices
from tasks.models import Reorganisation, Unit
from tasks.services import reorganisation as reorg
from tasks.services import splitting
from tasks.services.errors import WorkflowError
from tasks.unit_history import existing_on, units_as_of


def _office_only(request):
    if not (request.user.is_active and roles.is_office(request.user)):
        raise Http404


def _day(raw):
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime((raw or "").strip()[:10], fmt).date()
        except ValueError:
            continue
    return None


@login_required
@require_http_methods(["GET", "POST"])
def tree(request):
    _office_only(request)
    raw = request.GET.get("ngay", "")
    day = _day(raw) or timezone.localdate()
    bad_day = bool(raw) and _day(raw) is None
    form = UnitCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            unit = reorg.unit_create(actor=request.user, key=d["key"], name=" ".join(d["name"].split()),
                                     short_name=d["short_name"].strip(), kind=d["kind"], parent=d["parent"],
                                     valid_from=d["valid_from"], request=request)
        except WorkflowError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Đã thành lập %(name)s.") % {"name": unit.name})
            return redirect("organisation:unit", pk=unit.pk)
    units = list(existing_on(Unit.objects.all(), day).order_by("kind", "name"))
    names = units_as_of([u.pk for u in units], day)
    children = {}
    for u in units:
        children.setdefault(names[u.pk].parent_id, []).append(u.pk)
    rows = []

    def walk(parent, depth):
        for pk in sorted(children.get(parent, []), key=lambda pk: (names[pk].kind, names[pk].name)):
            rows.append((names[pk], depth))
            walk(pk, depth + 1)

    walk(None, 0)
    shown = {r[0].pk for r in rows}
    rows += [(names[pk], 0) for pk in names if pk not in shown]  # parent not existing that day
    return render(request, "organisation/tree.html", {
        "rows": rows, "day": day, "bad_day": bad_day, "raw": raw[:20], "form": form,
        "reorganisations": Reorganisation.objects.prefetch_related("sources", "targets")[:10],
    }, status=400 if form.errors or bad_day else 200)


@login_required
@require_http_methods(["GET", "POST"])
def unit(request, pk):
    _office_only(request)
    unit = get_object_or_404(Unit, pk=pk)
    change = UnitChangeForm(unit=unit)
    close = UnitCloseForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "change":
                change = UnitChangeForm(request.POST, unit=unit)
                if change.is_valid():
                    values = change.changes()
                    if not values:
                        change.add_error(None, _("Không có gì thay đổi so với hiện tại."))
                    else:
                        reorg.unit_change(actor=request.user, unit_id=unit.pk,
                                          effective=change.cleaned_data["effective"], request=request, **values)
                        messages.success(request, _("Đã lưu thay đổi; các trang và báo cáo về ngày trước đó vẫn "
                                                    "dùng tên cũ."))
                        return redirect("organisation:unit", pk=unit.pk)
            elif action == "close":
                close = UnitCloseForm(request.POST)
                if close.is_valid():
                    reorg.unit_close(actor=request.user, unit_id=unit.pk, last_day=close.cleaned_data["last_day"],
                                     request=request)
                    messages.success(request, _("Đã ghi nhận giải thể đơn vị."))
                    return redirect("organisation:unit", pk=unit.pk)
        except WorkflowError as error:
            target = change if action == "change" else close
            target.add_error(None, error.message)
    return render(request, "organisation/unit.html", {
        "unit": unit, "versions": unit.versions.select_related("parent").order_by("valid_from"),
        "change": change, "close": close, "predecessors": unit.predecessors.all(),
    }, status=400 if change.errors or close.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def merge(request):
    _office_only(request)
    form = MergeForm(request.POST or None)
    plan = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if request.POST.get("action") == "apply":
                record = reorg.merge_apply(actor=request.user, source_ids=[u.pk for u in d["sources"]],
                                           target_id=d["target"].pk, effective=d["effective"], note=d["note"],
                                           request=request)
                messages.success(request, _("Đã hợp nhất %(count)s đơn vị vào %(target)s.")
                                 % {"count": record.sources.count(), "target": d["target"].name})
                return redirect("organisation:unit", pk=d["target"].pk)
            plan = reorg.merge_plan(list(d["sources"]), d["target"], d["effective"])
        except WorkflowError as error:
            form.add_error(None, error.message)
    return render(request, "organisation/merge.html", {"form": form, "plan": plan},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def split(request, pk):
    """Split a unit into several: the targets and the default one, then a preview where each
    open assignment and each member can be sent to another target, then the confirmation."""
    _office_only(request)
    source = get_object_or_404(Unit, pk=pk)
    form = SplitForm(request.POST or None, source=source)
    plan = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        choices = {"assignment_targets": row_choices(request.POST, "a-"),
                   "member_targets": row_choices(request.POST, "m-")}
        try:
            if request.POST.get("action") == "apply":
                record = splitting.split_apply(
                    actor=request.user, source_id=source.pk, target_ids=[u.pk for u in d["targets"]],
                    default_id=d["default"].pk, effective=d["effective"], note=d["note"], request=request, **choices)
                messages.success(request, _("Đã chia tách %(source)s thành %(count)s đơn vị.")
                                 % {"source": source.name, "count": record.targets.count()})
                return redirect("organisation:unit", pk=source.pk)
            plan = splitting.split_plan(source, list(d["targets"]), d["default"], d["effective"], **choices)
        except WorkflowError as error:
            form.add_error(None, error.message)
    return render(request, "organisation/split.html", {"form": form, "plan": plan, "source": source},
                  status=400 if form.errors else 200)
