"""Urging several units at once (from the dashboard's overdue list or any page that posts
the chosen assignment ids here), and the directive's urge text."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import get_object_for_user
from directives.models import Directive
from reminders import services
from reminders.forms import UrgeManyForm, UrgeTemplateForm
from reminders.rules import OPEN_BUCKETS
from reminders.services.urge_texts import DEFAULT_TEXT, PLACEHOLDERS, template_text
from reminders.services.urging_many import preview


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


def _refusal(outcome):
    """Why an assignment was not urged, naming its unit and task (several are refused at once)."""
    unit = outcome.assignment.unit.name
    if unit in outcome.refused:
        return outcome.refused
    return _("%(unit)s, nhiệm vụ %(task)s: %(reason)s") % {
        "unit": unit, "task": outcome.assignment.task.key, "reason": outcome.refused}


@login_required
@require_POST
def urge_many(request):
    """POST `assignment` (repeated ids) and `step`:
    "choose" (or none) → the text, pre-filled from the directive's template;
    "preview" → each unit's message as it will be sent; "send" → one urge per assignment.
    Ids the user may not urge are dropped; none left is a clear message, not an error."""
    chosen = services.urgeable(request.user, request.POST.getlist("assignment"))
    chosen = [a for a in chosen if a.bucket in OPEN_BUCKETS and not a.is_cancelled]
    next_url = _safe_next(request)
    if not chosen:
        messages.warning(request, _("Hãy chọn ít nhất một nhiệm vụ chưa hoàn thành mà đồng chí được đôn đốc."))
        return redirect(next_url or reverse("home"))
    step = request.POST.get("step") or "choose"
    directives = {a.task.directive_id: a.task.directive for a in chosen}
    if step == "choose":
        first = next(iter(directives.values()))
        form = UrgeManyForm(initial={"message": template_text(first)})
    else:
        form = UrgeManyForm(request.POST)
    previews = []
    if step in ("preview", "send") and form.is_valid():
        text = form.cleaned_data["message"]
        if step == "send":
            outcomes = services.urge_many(request.user, [a.pk for a in chosen], text, request=request)
            sent = [o for o in outcomes if o.urge is not None]
            if sent:
                units = len({o.assignment.unit_id for o in sent})
                if units == len(sent):
                    text = ngettext("Đã gửi đôn đốc tới %(n)d đơn vị.", "Đã gửi đôn đốc tới %(n)d đơn vị.", units)
                else:
                    text = ngettext("Đã gửi đôn đốc về %(tasks)d nhiệm vụ tới %(n)d đơn vị.",
                                    "Đã gửi đôn đốc về %(tasks)d nhiệm vụ tới %(n)d đơn vị.", units)
                messages.success(request, text % {"n": units, "tasks": len(sent)})
            for o in outcomes:
                if o.refused:
                    messages.warning(request, _refusal(o))
            return redirect(next_url or reverse("reminders:log"))
        previews = preview(chosen, text)
    return render(request, "reminders/urge_many.html", {
        "chosen": chosen, "form": form, "previews": previews, "next": next_url,
        "placeholders": PLACEHOLDERS, "directives": list(directives.values()),
    })


@login_required
@require_http_methods(["GET", "POST"])
def urge_template(request, directive_pk):
    """The directive's urge text: its tracking body edits it; anyone else gets 404."""
    directive = get_object_for_user(Directive.objects.all(), request.user, directive_pk, "track")
    if request.method == "POST":
        form = UrgeTemplateForm(request.POST)
        if form.is_valid():
            try:
                services.urge_template_save(directive, request.user, form.cleaned_data["message"], request=request)
            except services.UrgeRefused as refusal:
                form.add_error("message", str(refusal))
            else:
                messages.success(request, _("Đã lưu mẫu nội dung đôn đốc."))
                return redirect("reminders:urge_template", directive_pk=directive.pk)
    else:
        form = UrgeTemplateForm(initial={"message": template_text(directive)})
    return render(request, "reminders/urge_template.html", {
        "directive": directive, "form": form, "placeholders": PLACEHOLDERS, "default_text": DEFAULT_TEXT,
    })
