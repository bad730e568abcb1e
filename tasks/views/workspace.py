from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from directives.models import Directive
from home import as_of
from tasks import selectors
from tasks.models import Assignment
from tasks.status import Status


# The head of the list; the rest is in the parts below, in the same order.
URGENT_SHOWN = 10


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def workspace(request):
    """"Việc của đơn vị": the work of the user's units, most urgent first."""
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
    blocks, urgent, counts = selectors.workspace(
        user, unit_id=unit_id, directive_id=directive_id, show_done=show_done, as_of=as_of.get(request),
    )
    return render(request, "tasks/workspace.html", {
        "blocks": blocks,
        "urgent": urgent[:URGENT_SHOWN],
        "urgent_more": max(0, len(urgent) - URGENT_SHOWN),
        "counts": [(s, counts.get(s.value, 0)) for s in Status],
        "total": sum(counts.values()),
        "units": units,
        "unit_id": unit_id,
        "directives": directives,
        "directive_id": directive_id,
        "show_done": show_done,
        "several_units": len(units) > 1,
    })
