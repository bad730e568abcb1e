from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from directives.models import Directive
from home import as_of
from tasks import selectors
from tasks.models import Assignment
from tasks.status import Status
from tasks.workspace_paging import workspace_page


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def workspace(request):
    """"Việc của đơn vị": the work of the user's units, most urgent first, a page at a time
    (tasks.workspace_paging); the filters stay in the page links, the "as of" date in the
    session."""
    user = request.user
    units = list(selectors.units_of(user))
    unit_id = _int(request.GET.get("unit"))
    if unit_id not in {u.pk for u in units}:
        unit_id = None
    directives = list(
        Directive.objects.visible_to(user)
        .filter(pk__in=Assignment.objects.visible_to(user, "submit").values("task__directive_id"))
        .order_by("-issued_on")
    )
    directive_id = _int(request.GET.get("directive"))
    if directive_id not in {d.pk for d in directives}:
        directive_id = None
    show_done = request.GET.get("done") != "0"
    work = workspace_page(
        user, units=units, directives=directives, unit_id=unit_id, directive_id=directive_id,
        show_done=show_done, as_of=as_of.get(request), number=request.GET.get("trang"),
    )
    query = {k: v for k, v in (("unit", unit_id), ("directive", directive_id)) if v}
    if not show_done:
        query["done"] = "0"
    return render(request, "tasks/workspace.html", {
        "work": work,
        "blocks": work.blocks,
        "page": work.page,
        "urgent": work.urgent,
        "urgent_more": max(0, work.urgent_total - len(work.urgent)),
        "counts": [(s, work.counts.get(s.value, 0)) for s in Status],
        "total": sum(work.counts.values()),
        "units": units,
        "unit_id": unit_id,
        "directives": directives,
        "directive_id": directive_id,
        "show_done": show_done,
        "several_units": len(units) > 1,
        "query": "&".join(f"{k}={v}" for k, v in query.items()),
    })
