"""Session rules that Django does not enforce by itself.

- Absolute lifetime: a session ends SESSION_ABSOLUTE_AGE seconds after sign-in, however active
  (the idle limit is SESSION_COOKIE_AGE, renewed on every request by SESSION_SAVE_EVERY_REQUEST).
- Two-factor: a session whose user must give a code (state "verify") or must first enrol
  (state "enrol", required by the Office's policy) reaches nothing else until done.
- A new two-factor policy: a session that gave no code, of someone the Office's policy now
  requires one from, ends at its next request (the policy's version is read from the cache).
Install after AuthenticationMiddleware, OTPMiddleware and MessageMiddleware.
"""

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.middleware import SessionMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import twofactor

LOGIN_AT_KEY = "tuson_login_at"

# Pages a session may reach while it still owes a code or an enrolment.
TWO_FACTOR_EXEMPT = {"login", "logout", "accounts:login_otp", "accounts:two_factor", "set_language",
                     "healthz", "javascript-catalog"}


def mark_login(request):
    request.session[LOGIN_AT_KEY] = time.time()


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        return self._absolute_limit(request) or self._two_factor(request)

    def _absolute_limit(self, request):
        started = request.session.get(LOGIN_AT_KEY)
        if started is None:
            mark_login(request)
            return None
        if time.time() - started <= settings.SESSION_ABSOLUTE_AGE:
            return None
        request.tuson_logout_reason = "absolute"
        path = request.get_full_path()
        logout(request)
        messages.info(request, _("Phiên làm việc đã quá %(hours)s giờ. Vui lòng đăng nhập lại.")
                      % {"hours": settings.SESSION_ABSOLUTE_AGE // 3600})
        return redirect(f"{reverse('login')}?{urlencode({'next': path})}")

    def _policy_changed(self, request):
        version = twofactor.policy_version()
        if request.session.get(twofactor.POLICY_KEY) == version:
            return None
        request.session[twofactor.POLICY_KEY] = version
        if request.user.is_verified() or not twofactor.is_required_for(request.user):
            return None
        request.tuson_logout_reason = "2fa_policy"
        path = request.get_full_path()
        logout(request)
        messages.warning(request, _("Văn phòng Thành ủy vừa bắt buộc tài khoản của đồng chí dùng xác thực hai "
                                    "bước. Vui lòng đăng nhập lại để cài đặt."))
        return redirect(f"{reverse('login')}?{urlencode({'next': path})}")

    def _two_factor(self, request):
        state = request.session.get(twofactor.SESSION_KEY)
        if state is None:
            state = twofactor.state_for(request.user)
            request.session[twofactor.SESSION_KEY] = state
        if state == twofactor.OK:
            return self._policy_changed(request)
        if request.user.is_verified():
            request.session[twofactor.SESSION_KEY] = twofactor.OK
            return None
        match = request.resolver_match
        if match is not None and match.view_name in TWO_FACTOR_EXEMPT:
            return None
        if state == twofactor.ENROL:
            if not twofactor.is_required_for(request.user):  # the Office lifted the requirement
                request.session[twofactor.SESSION_KEY] = twofactor.OK
                return None
            return redirect("accounts:two_factor")
        return redirect(f"{reverse('accounts:login_otp')}?{urlencode({'next': request.get_full_path()})}")


def passive_session(view):
    """A request the page makes by itself (the bell's poll): it must not count as activity,
    or an open tab would keep its session alive past the idle limit."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.tuson_passive = True
        return view(request, *args, **kwargs)

    return wrapped


class PassiveAwareSessionMiddleware(SessionMiddleware):
    """Django's session middleware, except that a passive request (`passive_session`) does not
    save the session, so SESSION_SAVE_EVERY_REQUEST does not renew its idle limit."""

    def process_response(self, request, response):
        if getattr(request, "tuson_passive", False) and not request.session.modified:
            return response
        return super().process_response(request, response)
