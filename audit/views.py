from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

import audit
from accounts import roles
from audit import actions, export, selectors
from audit.forms import AuditFilterForm

PAGE_SIZE = 50


def _filtered(request):
    if not roles.can_view_audit(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    entries = selectors.entries_for(request.user)
    filters = form.filters() if form.is_bound else {}
    if filters is None:  # invalid filters show the errors and no rows
        entries = entries.none()
        filters = {}
    return form, selectors.filter_entries(entries, **filters), filters


@login_required
def entry_list(request):
    form, entries, _filters = _filtered(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "audit/list.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })


@login_required
def entry_export(request):
    form, entries, filters = _filtered(request)
    audit.record(actions.AUDIT_EXPORTED, request=request,
                 changes={k: str(v) for k, v in filters.items() if v not in (None, "")})
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(export.stream_rows(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{stamp}.csv"'
    return response
