from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.middleware import passive_session
from accounts.permissions import get_object_for_user
from notifications import services
from notifications.models import Notification
from tuson_qp.redirects import safe_next


@login_required
def notification_list(request):
    qs = Notification.objects.visible_to(request.user)
    if request.GET.get("chua-doc") == "1":
        qs = qs.unread()
    page = Paginator(qs.order_by("-created_at", "-pk"), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "page": page, "only_unread": request.GET.get("chua-doc") == "1",
    })


def _safe_target(request, url):
    return safe_next(request, url) or None


@login_required
def notification_open(request, pk):
    """Follow an item's link and mark it read on the way (idempotent, so a GET is fine)."""
    item = get_object_for_user(Notification.objects.all(), request.user, pk)
    services.mark_read(request.user, [item.pk])
    return redirect(_safe_target(request, item.url) or "notifications:list")


@login_required
def notification_mark_read(request, pk):
    item = get_object_for_user(Notification.objects.all(), request.user, pk)
    if request.method != "POST":
        return redirect("notifications:list")
    services.mark_read(request.user, [item.pk])
    return redirect(_safe_target(request, request.POST.get("next")) or "notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    count = services.mark_read(request.user)
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect(_safe_target(request, request.POST.get("next")) or "notifications:list")


@require_safe
@never_cache
@passive_session
def notification_count(request):
    """The bell's number as JSON, polled by static/js/notification-bell.js every minute.
    Signed out (the session ended): 401 and no number, so the page stops asking."""
    if not request.user.is_authenticated:
        return JsonResponse({"unread": None}, status=401)
    count = services.unread_count(request)
    label = (ngettext("Thông báo: %(n)s chưa đọc", "Thông báo: %(n)s chưa đọc", count) % {"n": count}
             if count else _("Thông báo"))
    return JsonResponse({"unread": count, "label": label})
