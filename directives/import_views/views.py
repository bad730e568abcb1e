"""Import a directive from its text: step 1 (paste or upload), step 2 (the draft), step 3 (publish).

The Office only: everyone else gets 404 on every one of these URLs.
"""

import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import roles
from accounts.permissions import get_object_for_user
from directives import import_services as services
from directives.import_forms import ImportSourceForm, PublishForm
from directives.models import ImportDraft
from tuson_qp.notes import note_text

from . import page
from .blocks import post_block


def _office_only(user):
    if not roles.is_office(user):
        raise Http404


def _draft(request, pk):
    _office_only(request.user)
    return get_object_for_user(ImportDraft.objects.select_related("created_by"), request.user, pk, "change")


def _draft_url(draft, anchor="", opened=()):
    """The draft page; `opened`: the folded blocks to show open (the one acted on, those just edited)."""
    query = f"?{urlencode({OPEN_PARAM: ','.join(dict.fromkeys(opened))})}" if opened else ""
    return reverse("directives:import_draft", args=[draft.pk]) + query + (f"#{anchor}" if anchor else "")


OPEN_PARAM = "mo"
OPENABLE = re.compile(r"nv-\d{1,9}|phan-\w{1,3}-noi-dung")


def _opened(request):
    """The ids in `?mo=` that name a folded block; anything else is ignored."""
    return {token for token in request.GET.get(OPEN_PARAM, "").split(",")[:100] if OPENABLE.fullmatch(token)}


@login_required
def import_start(request):
    """Step 1: the text pasted or a file uploaded becomes a draft."""
    _office_only(request.user)
    form = ImportSourceForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    if request.method == "POST" and form.is_valid():
        source = form.cleaned_data
        try:
            draft = services.draft_create(
                user=request.user, text=source["source_text"], source_type=source["source_type"],
                source_name=source["source_name"], extra_warnings=source["extract_warnings"],
            )
        except services.ImportRefused as refused:
            for message in refused.messages:
                form.add_error(form.source_field, note_text(message))
        else:
            tasks = len(draft.all_tasks())
            messages.success(request, _("Đã đọc văn bản: %(parts)s phần, %(tasks)s nhiệm vụ đề xuất. Hãy kiểm tra "
                                        "và sửa trước khi tạo văn bản.")
                             % {"parts": len(draft.data["sections"]), "tasks": tasks})
            return redirect(_draft_url(draft))
    drafts = ImportDraft.objects.visible_to(request.user).open().select_related("created_by")
    return render(request, "directives/import/start.html", {"form": form, "drafts": drafts})


@login_required
def import_draft(request, pk):
    """Step 2: the editable proposal. Each block of the page is its own form."""
    draft = _draft(request, pk)
    if draft.status == ImportDraft.Status.PUBLISHED:
        messages.info(request, _("Bản nháp này đã được dùng để tạo văn bản."))
        if draft.directive_id:
            return redirect("directives:detail", draft.directive_id)
        return redirect("directives:import_start")
    bound, choices, outcome, opened = {}, page.choices_for(draft), None, _opened(request)
    if request.method == "POST":
        outcome = post_block(request, draft, choices)
        if outcome.redirect_to is not None:
            if outcome.message:
                messages.success(request, outcome.message)
            return redirect(_draft_url(draft, outcome.redirect_to, outcome.opened))
        if outcome.stale:
            draft.refresh_from_db()
            choices = page.choices_for(draft)
        bound, opened = outcome.bound, set(outcome.opened)
    context = page.build(draft, bound, choices, opened=opened, recent=request.method == "GET")
    context["publish_problems"] = [dict(p, anchor=page.anchor(p)) for p in context["publish_problems"]]
    context["general_problems"] = [dict(p, anchor=page.anchor(p)) for p in context["general_problems"]]
    context["error_message"] = outcome.error if outcome else ""
    return render(request, "directives/import/draft.html", context)


@login_required
def import_publish(request, pk):
    """Step 3: a last check, the status, then the loader writes the directive."""
    draft = _draft(request, pk)
    if draft.status == ImportDraft.Status.PUBLISHED:
        return redirect(_draft_url(draft))
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            directive = services.draft_publish(draft, user=request.user, status=form.cleaned_data["status"],
                                               request=request)
        except services.PublishRefused as refused:
            messages.error(request, _("Chưa tạo được văn bản: có %(n)s mục cần sửa, được đánh dấu ngay tại chỗ "
                                      "trong bản nháp. Bản nháp vẫn được giữ nguyên.") % {"n": len(refused.problems)})
            return redirect(_draft_url(draft, "loi-ban-hanh"))
        messages.success(request, _("Đã tạo %(directive)s với %(tasks)s nhiệm vụ.")
                         % {"directive": directive, "tasks": directive.tasks.count()})
        return redirect("directives:detail", directive.pk)
    check = services.publish_check(draft)
    check["problems"] = [dict(p, anchor=page.anchor(p)) for p in check["problems"]]
    header = draft.data["directive"]
    return render(request, "directives/import/publish.html", {
        "draft": draft, "form": form, "check": check, "header": header,
        "issued_on": page.vn_date(header.get("issued_on")),
        "tracking": page.choices_for(draft).unit_names.get(header.get("tracking_unit"), ""),
        "counts": {"parts": len(draft.data["sections"]), "documents": len(draft.data.get("documents") or []),
                   "recipients": len(draft.data.get("distribution") or [])},
    })


@login_required
def import_discard(request, pk):
    draft = _draft(request, pk)
    if request.method != "POST":
        return redirect(_draft_url(draft))
    try:
        services.draft_discard(draft)
    except services.EditRefused as refused:
        messages.error(request, refused.message)
        return redirect(_draft_url(draft))
    messages.success(request, _("Đã xóa bản nháp."))
    return redirect("directives:import_start")
