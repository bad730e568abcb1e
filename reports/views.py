"""The compliance dashboard: the page per directive, its entry point, and its exports.

Views parse the GET parameters, authorise through the directive's visible queryset (out of
scope is 404), call `reports.dashboard.selectors.dashboard_data` (through the cache of
`reports.dashboard.caching`, keyed by the user's scope and the data version) and render.
"""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

import audit
from accounts import roles
from accounts.permissions import get_object_for_user, tracks, unit_ids
from directives.models import Directive, Section
from home import as_of as as_of_date
from reports.dashboard import caching, charts, export_files, exports
from reports.dashboard.filters import DashboardFilterForm
from reports.dashboard.matrix import LEGEND
from reports.dashboard.page import page_data, page_options, units_page
from reports.dashboard.selectors import sees_whole
from reports.tasks import build_dashboard_export
from reports.dashboard.ranking import vn_key
from reports.versioning import read_version
from tasks.models import Unit
from tasks.unit_history import history_under
from tuson_qp.links import url_maker

EXPORT_ACTION = "dashboard.export"
EXPORT_TABLES = [("tong-hop", _("theo phần")), ("don-vi", _("đơn vị")), ("ma-tran", _("ma trận")),
                 ("qua-han", _("quá hạn"))]


def _filter_choices(user, whole, day):
    """Wards offered in the filter: those that existed on `day`, named as then
    (tasks.unit_history, read once per data version): every one for those who see every
    unit (`whole`, selectors.sees_whole); otherwise the user's own wards and the wards their
    units belong to."""
    history = history_under(read_version(), Unit.objects.db)
    wards = history.existing_on(day, Unit.Kind.WARD)
    if not whole:
        own = set(unit_ids(user))
        near = own | {history.parent(pk) for pk in own}
        wards = [pk for pk in wards if pk in near]
    return sorted(history.as_of(wards, day).values(), key=lambda u: vn_key(u.name))


def _day_of(params, default):
    try:
        return datetime.datetime.strptime((params.get("ngay") or "")[:10], "%d/%m/%Y").date()
    except ValueError:
        return default


def _parse(request, pk):
    """(directive, filter form, tracks, whole): `tracks`, whether the user tracks the
    directive (it decides the urge buttons); `whole`, whether they see every unit of it
    (selectors.sees_whole: the scope and the wards offered)."""
    directive = get_object_for_user(Directive.objects.select_related("tracking_unit"), request.user, pk)
    tracking = tracks(request.user, directive.pk)
    whole = roles.sees_everything(request.user) or tracking  # selectors.sees_whole, tracks known
    sections = list(Section.objects.filter(directive=directive).order_by("number"))
    params = request.GET
    # Without a date of its own in the address, the page reads at the portal's "as of" date.
    day, _moved = as_of_date.for_directive(request, directive)
    if not params.get("ngay") and day != timezone.localdate():
        params = params.copy()
        params["ngay"] = f"{day:%d/%m/%Y}"
    form = DashboardFilterForm(
        params or None, directive=directive, sections=sections,
        wards=_filter_choices(request.user, whole, _day_of(params, day)),
    )
    return directive, form, tracking, whole


@login_required
@require_GET
def index(request):
    """To the dashboard of the directive the user tracks (or, failing that, can see), with the
    filters of a bookmarked address kept."""
    directive = _first_directive(request.user)
    if directive is None:
        return render(request, "reports/dashboard_none.html")
    url = reverse("reports:dashboard", args=[directive.pk])
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)


def _first_directive(user):
    visible = Directive.objects.visible_to(user, "view").exclude(status=Directive.Status.DRAFT)
    ordered = visible.order_by("-issued_on", "key")
    tracked = ordered.filter(pk__in=Directive.objects.visible_to(user, "track").values("pk")).first()
    return tracked or ordered.first()


@login_required
@require_GET
def dashboard(request, pk):
    user = request.user
    directive, form, tracking, whole = _parse(request, pk)
    ranking, options = page_options(request.GET)
    entry = caching.DashboardCache(directive, user, form.as_of, form.filters, whole=whole)
    data = page_data(entry, directive, user, form.as_of, form.filters, options)
    data.directive = directive
    return render(request, "reports/dashboard.html", {
        "directive": directive,
        "form": form,
        "data": data,
        "charts": charts.charts_for(data),
        "units": units_page(data, options),
        "ranking": ranking,
        "ranking_min_due": max(1, settings.DASHBOARD_RANKING_MIN_DUE),
        "sort": options["sort"],
        "sort_desc": options["desc"],
        "legend": [(state, abbr, meaning) for state, (abbr, meaning) in LEGEND.items()],
        "cell_link": url_maker("tasks:assignment_detail"),
        "urge_link": url_maker("reminders:urge") if tracking else None,  # who tracks it urges
        "export_tables": EXPORT_TABLES,
        # Any reorganisation recorded (from the units' history of the entry's data version).
        "has_merges": bool(history_under(entry.version, Unit.objects.db).reorganisations),
    })


@login_required
@require_GET
def dashboard_export(request, pk):
    """The dashboard as XLSX (all sheets) or as one CSV table, whole (no pagination). The file
    is cached like the figures (under the data version, the user's scope, the date, the
    filters and the language): asked for again before the next write, it is not rebuilt. An
    XLSX file not cached yet is built by Celery when there is a broker: the answer is then a
    page that asks again every few seconds until the file is there (reports.dashboard.export_files)."""
    directive, form, _tracks, whole = _parse(request, pk)
    entry = caching.DashboardCache(directive, request.user, form.as_of, form.filters, whole=whole)
    fmt = request.GET.get("dinh_dang", "xlsx")
    table = request.GET.get("bang", "don-vi")
    if fmt == "csv":
        if table not in exports.CSV_TABLES:
            table = "don-vi"
    else:
        fmt, table = "xlsx", ""
    if fmt == "xlsx" and not settings.CELERY_TASK_ALWAYS_EAGER:
        found = export_files.cached_file(entry, fmt, table)
        if found is None:
            if export_files.claim_build(entry, fmt, table):
                query, language = request.GET.urlencode(), translation.get_language()
                user_id = request.user.pk
                transaction.on_commit(lambda: build_dashboard_export.delay(user_id, directive.pk, query, language))
            return render(request, "reports/export_wait.html", {
                "directive": directive, "as_of": entry.as_of,
                "dashboard_url": f"{reverse('reports:dashboard', args=[directive.pk])}?{request.GET.urlencode()}",
            }, status=202)
    else:
        found = export_files.build_file(entry, directive, request.user, form.filters, fmt, table)
    filename, content_type, content, units = found
    audit.record(EXPORT_ACTION, actor=request.user, obj=directive, request=request, changes={
        "format": fmt, "table": table, "as_of": entry.as_of.isoformat(),
        "filters": form.filters.as_params(), "units": units,
    })
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_in_background(user, directive_id, query, language):
    """Build the XLSX export that `user` asked for with the GET parameters `query` (the body of
    the Celery task reports.build_dashboard_export): the directive re-authorised, the same
    cache entry as the view's."""
    directive = Directive.objects.visible_to(user).select_related("tracking_unit").filter(pk=directive_id).first()
    if directive is None:
        return None
    with translation.override(language):
        sections = list(Section.objects.filter(directive=directive).order_by("number"))
        params = QueryDict(query)
        whole = sees_whole(user, directive)
        form = DashboardFilterForm(params or None, directive=directive, sections=sections,
                                   wards=_filter_choices(user, whole, _day_of(params, timezone.localdate())))
        entry = caching.DashboardCache(directive, user, form.as_of, form.filters, whole=whole)
        try:
            return export_files.build_file(entry, directive, user, form.filters, "xlsx", "")
        finally:
            export_files.release_build(entry, "xlsx", "")
