"""The header's "Số liệu tính đến ngày" form (POST, with CSRF): sets or clears the session's
date, then goes back where the user was."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home import as_of
from tuson_qp.redirects import safe_next

# A page's own date parameter would hide the date just chosen.
PAGE_DATE_PARAMS = ("ngay",)


def _back(request):
    target = safe_next(request, request.POST.get("next") or "")
    if not target:
        return redirect("home")
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in PAGE_DATE_PARAMS]
    return redirect(urlunsplit(parts._replace(query=urlencode(query))))


@login_required
@require_POST
def set_as_of(request):
    if request.POST.get("hom_nay"):
        as_of.reset(request)
        messages.info(request, _("Đang xem số liệu đến hôm nay."))
        return _back(request)
    typed = request.POST.get("ky") or request.POST.get("ngay") or ""
    try:
        day = as_of.parse(typed)
    except as_of.InvalidDate as error:
        shown = f" («{typed[:20]}»)" if typed.strip() else ""
        messages.error(request, error.message + shown)
        return _back(request)
    as_of.choose(request, day)
    return _back(request)
