"""Reminder settings for the Office and the tracking body, without the Django admin."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import roles
from accounts.permissions import get_object_for_user
from directives.models import Directive
from reminders import configuring
from reminders.config_forms import DigestTimeForm, PolicyForm


@login_required
def settings_list(request):
    """The directives the user may configure, and the daily digest's hour."""
    directives = list(configuring.configurable_directives(request.user).order_by("-issued_on"))
    if not directives and not roles.is_office(request.user):
        raise Http404
    when = configuring.digest_time()
    form = DigestTimeForm(initial={"time": datetime.time(*when) if when else None})
    return render(request, "reminders/settings.html", {
        "directives": directives, "digest_form": form, "can_move_digest": roles.is_office(request.user),
        "digest_time": when,
    })


@login_required
@require_POST
def digest_time(request):
    if not roles.is_office(request.user):
        raise Http404
    form = DigestTimeForm(request.POST)
    if form.is_valid():
        moment = form.cleaned_data["time"]
        configuring.digest_time_save(request.user, moment.hour, moment.minute, request=request)
        messages.success(request, _("Thư tổng hợp sẽ gửi lúc %(time)s hằng ngày.") % {"time": moment.strftime("%H:%M")})
        return redirect("reminders:settings")
    directives = list(configuring.configurable_directives(request.user).order_by("-issued_on"))
    return render(request, "reminders/settings.html", {
        "directives": directives, "digest_form": form, "can_move_digest": True,
        "digest_time": configuring.digest_time(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def policy(request, directive_pk):
    """One directive's settings: POST step "preview" shows tomorrow under the typed values
    without saving; "save" saves them (audited)."""
    directive = get_object_for_user(configuring.configurable_directives(request.user), request.user,
                                    directive_pk, "view")
    saved = configuring.policy_of(directive)
    form = PolicyForm(request.POST or None, instance=saved)
    shown = saved
    if request.method == "POST" and form.is_valid():
        if request.POST.get("step") == "save":
            configuring.policy_save(directive, request.user, form.values(), request=request)
            messages.success(request, _("Đã lưu cấu hình nhắc việc của %(directive)s.")
                             % {"directive": directive.number_symbol})
            return redirect("reminders:policy", directive_pk=directive.pk)
        shown = form.save(commit=False)
        shown.is_active = form.values()["is_active"]
    elif request.method == "POST":
        shown = None
    day, rows, total = configuring.preview(directive, shown) if shown is not None else (None, [], 0)
    return render(request, "reminders/policy.html", {
        "directive": directive, "form": form, "preview_day": day, "preview_rows": rows,
        "preview_total": total, "previewing_unsaved": request.method == "POST",
        "paused": shown is not None and not shown.is_active, "digest_time": configuring.digest_time(),
    })
