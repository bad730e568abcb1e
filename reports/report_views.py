"""Pages of the reports: request form (with the drafted sections), list, detail with
progress, status, downloads (PDF and its DOCX twin), and sending ("Đã gửi").

Every report is loaded through Report.objects.visible_to (drafts: the author's unit; sent:
also the Office, observers and the units of its distribution list); anyone else gets 404, as
for every object out of scope.
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
from reports.pdf.header import PARTY_ORGAN_KINDS, Header, default_header
from reports.pdf.sections import draft_sections
from reports.pdf.services import previous_header, report_request
from reports.pdf.sharing import SendRefused, may_send, report_send
from tasks.downloads import stored_file_response
from reports.report_forms import (
    ReportChoiceForm, ReportRequestForm, initial_for, kinds_for, may_see_whole,
    reportable_directives, reportable_units,
)

POLL_SECONDS = 2


def _report_for(user, pk):
    return get_object_for_user(
        Report.objects.select_related("directive", "unit", "requested_by", "sent_by", "author_unit"),
        user, pk,
    )


@login_required
@require_GET
def report_list(request):
    reports = (Report.objects.listed_for(request.user)
               .select_related("directive", "unit", "requested_by", "sent_by", "author_unit")
               .order_by("-queued_at", "-pk"))
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
                    as_of=d["as_of"], header=form.header(), sections=form.sections(),
                    final=d.get("final"), request=request,
                    version_of=_previous_version(user, request.POST.get("version_of")),
                )
            except OutOfReach:
                form.add_error(None, _("Bạn không có quyền xem số liệu của báo cáo này."))
            else:
                messages.success(request, _("Đã ghi nhận yêu cầu; báo cáo đang được tạo."))
                return redirect("reports:report_detail", pk=report.pk)
        chosen = form.cleaned_data.get("directive")
        choice = ReportChoiceForm(user=user, directive=chosen or directives.first(), initial={
            "kind": request.POST.get("kind"), "directive": chosen, "unit": form.cleaned_data.get("unit"),
            "as_of": form.cleaned_data.get("as_of")})
        return render(request, "reports/report_form.html", {
            "form": form, "choice": choice, "has_directives": True,
            "version_of": request.POST.get("version_of", ""),
            "kind": request.POST.get("kind"), "as_of": form.cleaned_data.get("as_of")})

    # GET: the choice of kind, directive, unit and date (the "Điền" button) sets the defaults
    # and drafts the sections from the data of that date; "?phien-ban=<id>" starts from a
    # report the user may open (its header and texts, to generate a new version).
    source = _previous_version(user, request.GET.get("phien-ban"))
    if source is not None:
        directive, kind, unit = source.directive, source.kind, source.unit
    else:
        directive = _choice(directives, request.GET.get("directive"), directives.first())
        if directive is None:
            return render(request, "reports/report_form.html", {"form": None, "has_directives": False})
        kinds = [k for k, _label in kinds_for(user, directive)]
        kind = request.GET.get("kind") if request.GET.get("kind") in kinds else kinds[0]
        units = reportable_units(user, directive)
        unit = _choice(units, request.GET.get("unit"), units.first() if kind == Report.Kind.UNIT else None)
    today = timezone.localdate()
    as_of = _as_of(request, directive, today) if source is None else source.as_of
    if source is not None:
        header = Header.from_parameters({**source.header, "report_date": today.isoformat()})
        sections = source.sections or None
    else:
        # A unit's Party committee asking for its own report issues it under its own name.
        own = (kind == Report.Kind.UNIT and unit is not None and unit.kind in PARTY_ORGAN_KINDS
               and not may_see_whole(user, directive))
        header = default_header(kind, directive, unit, today=today, issuer=unit if own else None,
                                previous=previous_header(user, directive, kind), as_of=as_of)
        sections = None
    if sections is None and kind != Report.Kind.OVERDUE:
        sections = draft_sections(directive, user, as_of, unit, kind=kind)
    form = ReportRequestForm(user=user, directive=directive,
                             initial=initial_for(header, kind, directive, unit, as_of=as_of,
                                                 sections=sections))
    choice = ReportChoiceForm(user=user, directive=directive,
                              initial={"kind": kind, "directive": directive, "unit": unit, "as_of": as_of})
    return render(request, "reports/report_form.html", {
        "form": form, "choice": choice, "has_directives": True, "kind": kind, "as_of": as_of,
        "version_of": source.pk if source is not None else "", "source": source})


def _as_of(request, directive, today):
    """The date the drafts are computed for: the one typed in step 1, or the portal-wide
    "as of" date (home.as_of)."""
    from django import forms

    value = request.GET.get("as_of")
    if not value:
        return as_of_date.for_directive(request, directive)[0]
    try:
        day = ReportChoiceForm.base_fields["as_of"].clean(value)
    except forms.ValidationError:
        day = None
    if day is None or not directive.issued_on <= day <= today:
        messages.warning(request, _(
            "Ngày tính số liệu “%(value)s” không hợp lệ (phải theo dạng ngày/tháng/năm, từ ngày ban "
            "hành văn bản %(issued)s đến hôm nay); nội dung được soạn theo số liệu đến hôm nay.")
            % {"value": value, "issued": f"{directive.issued_on:%d/%m/%Y}"})
        return today
    return day


def _previous_version(user, value):
    """The report a new version starts from: one of the user's own unit (they may send it)."""
    try:
        report = Report.objects.visible_to(user).select_related("directive", "unit").get(pk=int(value))
    except (Report.DoesNotExist, ValueError, TypeError):
        return None
    return report if may_send(user, report) else None


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
    report = _report_for(request.user, pk)
    return render(request, "reports/report_detail.html", {
        "report": report, "status_json_url": reverse("reports:report_status", args=[pk]),
        "poll_seconds": POLL_SECONDS, "may_send": may_send(request.user, report),
        "shared_units": report.shared_units.order_by("kind", "name") if report.is_sent else [],
        "interrupted": report.parameters.get("interrupted", []),
    })


@login_required
@require_http_methods(["GET", "POST"])
def report_mark_sent(request, pk):
    """POST: mark the report sent ("Đã gửi"). A GET (a link followed) goes to its page."""
    report = _report_for(request.user, pk)
    if request.method == "GET":
        return redirect("reports:report_detail", pk=report.pk)
    try:
        report_send(report_id=report.pk, user=request.user, request=request)
    except SendRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã gửi báo cáo: các nơi nhận có tài khoản trên Cổng đã xem được."))
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_GET
def report_status(request, pk):
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


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_GET
def report_download_docx(request, pk):
    report = _report_for(request.user, pk)
    if report.status != Report.Status.READY or not report.docx_file:
        raise Http404
    audit.record(actions.REPORT_DOWNLOADED, actor=request.user, obj=report, unit=report.unit,
                 request=request, changes={"format": "docx"})
    return stored_file_response(report.docx_file.name, content_type=DOCX_TYPE, filename=report.docx_filename,
                                size=report.docx_file.size)
