"""A person's connections to other systems: API tokens and the private calendar address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from api import calendar, services
from api.forms import TokenForm
from api.models import ApiToken, CalendarFeed


@login_required
@require_http_methods(["GET", "POST"])
def connections(request):
    user = request.user
    form = TokenForm()
    new_token = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create_token":
            form = TokenForm(request.POST)
            if form.is_valid():
                token, new_token = services.token_create(
                    user=user, name=form.cleaned_data["name"], days=form.cleaned_data["days"], request=request)
                form = TokenForm()
            else:
                status = 400
        elif action == "revoke_token":
            raw_id = request.POST.get("token", "")
            if raw_id.isascii() and raw_id.isdigit() and len(raw_id) < 19 and services.token_revoke(
                    user=user, token_id=int(raw_id), request=request):
                messages.success(request, _("Đã thu hồi mã truy cập; mọi yêu cầu dùng mã này từ nay bị từ chối."))
            else:
                messages.error(request, _("Không tìm thấy mã truy cập này trong các mã còn hiệu lực của bạn."))
            return redirect("api_connections")
        elif action == "reset_calendar":
            services.calendar_feed_reset(user=user, request=request)
            messages.success(request, _("Đã tạo địa chỉ lịch mới; địa chỉ cũ không còn dùng được."))
            return redirect("api_connections")
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
            return redirect("api_connections")
    feed = CalendarFeed.objects.filter(user=user).first()
    return render(request, "api/connections.html", {
        "form": form, "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=user),
        "feed_url": request.build_absolute_uri(reverse("calendar_feed", args=[feed.secret])) if feed else "",
    }, status=status)


@require_GET
def calendar_feed(request, secret):
    """The feed behind a secret address (calendar programs send no session)."""
    feed = CalendarFeed.objects.select_related("user").filter(secret=secret[:100]).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    response = HttpResponse(calendar.feed(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="han-nhiem-vu.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
