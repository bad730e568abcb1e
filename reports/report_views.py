"""Pages of the PDF reports: request form, list, detail with progress, status, download.

The file is sent only to those allowed to see the data in it (Report.objects.visible_to);
anyone else gets 404, as for every object out of scope.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

import audit
from accounts.permissions import OutOfReach, get_object_for_user
from audit import actions
from home import as_of as as_of_date
from reports.models import Report
from reports.pdf.header import PARTY_ORGAN_KINDS, default_header
from reports.pdf.services import previous_header, report_request, reports_expire_stale
from tasks.downloads import stored_file_response
from reports.report_forms import (
    ReportChoiceForm, ReportRequestForm, initial_for, kinds_for, may_see_whole,
    reportable_directives, reportable_units,
)

POLL_SECONDS = 2


def _report_for(user, pk):
    return get_object_for_user(
        Report.objects.select_related("directive", "unit", "requested_by"), user, pk
    )


@login_required
@require_GET
def report_list(request):
    reports = (Report.objects.listed_for(request.user)
               .select_related("directive", "unit", "requested_by").order_by("-queued_at", "-pk"))
    page = Paginator(reports, 25).get_page(request.GET.get("trang"))
    can_request = reportable_directives(request.user).exists()
    return render(request, "reports/report_list.html", {"page": page, "can_request": can_request})


def _choice(queryset, value, fallback=None):
    try:
        return queryset.get(pk=value) if value else fallback
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        return fallback


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request):
    user = request.user
    directives = reportable_directives(user)
    if request.method == "POST":
        form = ReportRequestForm(request.POST, user=user)
        if form.is_valid():
            d = form.cleaned_data
            try:
                report = report_request(
                    user=user, kind=d["kind"], directive=d["directive"], unit=d["unit"],
                    as_of=d["as_of"], header=form.header(), request=request,
                )
            except OutOfReach:
                form.add_error(None, _("Bạn không có quyền xem số liệu của báo cáo này."))
            else:
                messages.success(request, _("Đã ghi nhận yêu cầu; báo cáo đang được tạo."))
                return redirect("reports:report_detail", pk=report.pk)
        chosen = form.cleaned_data.get("directive")
        choice = ReportChoiceForm(user=user, directive=chosen or directives.first(), initial={
            "kind": request.POST.get("kind"), "directive": chosen, "unit": request.POST.get("unit")})
        return render(request, "reports/report_form.html",
                      {"form": form, "choice": choice, "has_directives": True})

    # GET: the choice of kind, directive and unit (the "Điền mặc định" button) sets the defaults.
    directive = _choice(directives, request.GET.get("directive"), directives.first())
    if directive is None:
        return render(request, "reports/report_form.html", {"form": None, "has_directives": False})
    kinds = [k for k, _label in kinds_for(user, directive)]
    kind = request.GET.get("kind") if request.GET.get("kind") in kinds else kinds[0]
    units = reportable_units(user, directive)
    unit = _choice(units, request.GET.get("unit"), units.first() if kind == Report.Kind.UNIT else None)
    today = timezone.localdate()
    # A unit's Party committee asking for its own report issues it under its own name.
    own = (kind == Report.Kind.UNIT and unit is not None and unit.kind in PARTY_ORGAN_KINDS
           and not may_see_whole(user, directive))
    header = default_header(kind, directive, unit, today=today, issuer=unit if own else None,
                            previous=previous_header(user, directive, kind))
    form = ReportRequestForm(user=user, directive=directive,
                             initial=initial_for(header, kind, directive, unit,
                                                 as_of=as_of_date.for_directive(request, directive)[0]))
    choice = ReportChoiceForm(user=user, directive=directive,
                              initial={"kind": kind, "directive": directive, "unit": unit})
    return render(request, "reports/report_form.html",
                  {"form": form, "choice": choice, "has_directives": True})


def _status_payload(report):
    return {
        "id": report.pk,
        "status": report.status,
        "label": report.get_status_display(),
        "finished": report.is_finished,
        "page_count": report.page_count,
        "error": report.error if report.status == Report.Status.FAILED else "",
        "download_url": (reverse("reports:report_download", args=[report.pk])
                         if report.status == Report.Status.READY else None),
    }


@login_required
@require_GET
def report_detail(request, pk):
    reports_expire_stale()
    report = _report_for(request.user, pk)
    return render(request, "reports/report_detail.html", {
        "report": report, "status_json_url": reverse("reports:report_status", args=[pk]),
        "poll_seconds": POLL_SECONDS,
    })


@login_required
@require_GET
def report_status(request, pk):
    reports_expire_stale()
    report = _report_for(request.user, pk)
    response = JsonResponse(_status_payload(report))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def report_download(request, pk):
    report = _report_for(request.user, pk)
    if report.status != Report.Status.READY or not report.file:
        raise Http404
    audit.record(actions.REPORT_DOWNLOADED, actor=request.user, obj=report, unit=report.unit,
                 request=request, changes={"sha256": report.sha256})
    return stored_file_response(report.file.name, content_type="application/pdf",
                                filename=report.filename, size=report.size)
