"""What a locked-out person sees: the login page with a clear Vietnamese message and the time
the lock ends (django-axes calls this through AXES_LOCKOUT_CALLABLE)."""

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from accounts.forms import LoginForm

USERNAME_COLUMN = AccessAttempt._meta.get_field("username").max_length


def client_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the username as typed, cut to the length of axes' column (255)
    so that no path that reports a failed sign-in can overflow it."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return None if username is None else str(username)[:USERNAME_COLUMN]


def unlock_time(request, username):
    cool_off = get_cool_off(request)
    last = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    return timezone.localtime((last or timezone.now()) + cool_off)


def lockout_response(request, original_response=None, credentials=None):
    username = get_client_username(request, credentials) or ""
    form = LoginForm(request, initial={"username": username})
    context = {
        "form": form,
        "locked_out": True,
        "unlock_at": unlock_time(request, username),
        "cool_off_minutes": int(get_cool_off(request).total_seconds() // 60),
        "next": request.POST.get("next", "") or request.GET.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)
