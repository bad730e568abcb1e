from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

import audit
from accounts import roles
from audit import actions, export, selectors
from audit.forms import AuditFilterForm
from tuson_qp.paging import bounded_page

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
    """The trail, newest first, 50 a page. The changes of an entry (a whole directive's text
    at times) are not read here: the entry's own page shows them; the pager counts up to
    tuson_qp.paging.BOUND entries."""
    form, entries, _filters = _filtered(request)
    entries = entries.defer("changes").annotate(
        has_changes=ExpressionWrapper(~Q(changes={}), output_field=BooleanField()))
    page = bounded_page(entries, request.GET.get("trang"), per_page=PAGE_SIZE)
    type_labels = {}
    for entry in page:  # what each row prints, worked out once per type
        if entry.object_type not in type_labels:
            type_labels[entry.object_type] = entry.object_type_label
        entry.type_label = type_labels[entry.object_type]
        entry.url = reverse("audit:detail", args=[entry.pk])
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "audit/list.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })


@login_required
def entry_detail(request, pk):
    """One entry with everything it recorded, its changes included."""
    if not roles.can_view_audit(request.user):
        raise Http404
    entry = get_object_or_404(selectors.entries_for(request.user), pk=pk)
    return render(request, "audit/detail.html", {"entry": entry})


@login_required
def entry_export(request):
    form, entries, filters = _filtered(request)
    audit.record(actions.AUDIT_EXPORTED, request=request,
                 changes={k: str(v) for k, v in filters.items() if v not in (None, "")})
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(export.stream_rows(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{stamp}.csv"'
    return response
