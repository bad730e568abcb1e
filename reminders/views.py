from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from accounts.permissions import get_object_for_user
from reminders import selectors, services
from reminders.channels import channel_labels
from reminders.forms import LogFilterForm, UrgeForm
from reminders.models import Urge
from reminders.rules import OPEN_BUCKETS
from tasks.models import Assignment
from tasks.status import Status
from tuson_qp.redirects import safe_next

PAGE_SIZE = 50


@login_required
def log_list(request):
    if not selectors.can_view_log(request.user):
        raise Http404
    form = LogFilterForm(request.GET or None, user=request.user)
    rows = selectors.logs_for(request.user)
    if form.is_bound:
        rows = selectors.filter_logs(rows, **form.filters()) if form.is_valid() else rows.none()
    page = Paginator(rows.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "reminders/log_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "channel_labels": channel_labels(),
    })


def _safe_next(request):
    return safe_next(request, request.POST.get("next") or request.GET.get("next") or "")


@login_required
@require_http_methods(["GET", "POST"])
def urge(request, assignment_id):
    """Đôn đốc: only the tracking body of the assignment's directive; anyone else gets 404."""
    queryset = Assignment.objects.with_status().select_related("task__directive", "unit")
    assignment = get_object_for_user(queryset, request.user, assignment_id, "review")
    is_open = assignment.bucket in OPEN_BUCKETS and not assignment.is_cancelled
    next_url = _safe_next(request)
    if request.method == "POST":
        form = UrgeForm(request.POST)
        if form.is_valid():
            try:
                made = services.urge_assignment(
                    assignment, request.user, form.cleaned_data["message"],
                    client_token=form.cleaned_data["client_token"], request=request,
                )
            except services.UrgeRefused as exc:
                form.add_error(None, str(exc))
            else:
                count = made.logs.values("recipient_id").distinct().count()
                messages.success(request, ngettext(
                    "Đã gửi đôn đốc tới %(n)d cán bộ của %(unit)s.",
                    "Đã gửi đôn đốc tới %(n)d cán bộ của %(unit)s.", count,
                ) % {"n": count, "unit": assignment.unit.name})
                return redirect(next_url or reverse("reminders:urge", args=[assignment.pk]))
    else:
        form = UrgeForm()
    recent = selectors.filter_logs(selectors.logs_for(request.user), assignment=assignment)
    return render(request, "reminders/urge.html", {
        "assignment": assignment,
        "is_open": is_open,
        "status_label": Status(assignment.status).label,
        "form": form,
        "next": next_url,
        "urges": Urge.objects.filter(assignment=assignment).select_related("author")[:10],
        "recent": recent.order_by("-created_at", "-pk")[:20],
        "channel_labels": channel_labels(),
        "title": _("Đôn đốc thực hiện nhiệm vụ"),
    })
