"""Sign-in (password, then a TOTP code when the user has a device), password change and reset."""

import time
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

import audit
from accounts import twofactor
from accounts.forms import LoginForm, TokenForm
from audit import actions
from tuson_qp.redirects import safe_next

PENDING_KEY = "tuson_2fa_pending"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if twofactor.confirmed_device(user) is not None:
            # The password was right; the account is opened only after the code.
            self.request.session[PENDING_KEY] = {
                "user": user.pk, "backend": user.backend, "at": time.time(),
                "next": self.get_redirect_url(),
            }
            return redirect("accounts:login_otp")
        response = super().form_valid(form)  # accounts.signals settles the two-factor state
        if self.request.session.get(twofactor.SESSION_KEY) == twofactor.ENROL:
            messages.warning(self.request, _("Văn phòng Thành ủy yêu cầu tài khoản của đồng chí dùng xác thực "
                                             "hai bước. Vui lòng cài đặt trước khi tiếp tục."))
            return redirect("accounts:two_factor")
        return response


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > settings.TWO_FACTOR_PENDING_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def login_otp(request):
    """Second step of sign-in: the six-digit code from the user's authenticator app.

    Also reached by a signed-in session that has not been verified yet (state "verify")."""
    if request.user.is_authenticated:
        user, pending = request.user, None
        if request.user.is_verified() or twofactor.confirmed_device(user) is None:
            return redirect(settings.LOGIN_REDIRECT_URL)
    else:
        user, pending = _pending_user(request)
        if user is None:
            request.session.pop(PENDING_KEY, None)
            messages.info(request, _("Phiên đăng nhập đã hết hạn. Vui lòng nhập lại mật khẩu."))
            return redirect("login")
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(PENDING_KEY, None)
        return get_lockout_response(request, None, credentials)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.confirmed_device(user)
        if device is not None and device.verify_token(form.cleaned_data["token"]):
            if not request.user.is_authenticated:
                login(request, user, backend=pending["backend"])
            otp_login(request, device)
            request.session[twofactor.SESSION_KEY] = twofactor.OK
            request.session.pop(PENDING_KEY, None)
            next_url = safe_next(request, (pending or {}).get("next") or request.GET.get("next") or "")
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        # Wrong codes count towards the same lockout as wrong passwords.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request, otp=True)
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hiệu lực. Vui lòng nhập mã mới "
                                  "đang hiển thị trong ứng dụng."))
    return render(request, "registration/login_otp.html", {"form": form, "person": user})


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(actions.PASSWORD_CHANGED, request=self.request, obj=self.request.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        # Recorded whether or not the address is known; the page never tells.
        audit.record(actions.PASSWORD_RESET_REQUESTED, request=self.request, changes={"email": email})
        self.extra_email_context = {
            "site_url": settings.SITE_URL, "timeout_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        }
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(actions.PASSWORD_RESET_DONE, actor=form.user, obj=form.user, request=self.request)
        # A person who proved they own the mailbox may try again at once.
        axes_reset(username=form.user.get_username())
        return response


def admin_login(request):
    """The admin signs in through the portal's login, so lockout and two-factor apply there too."""
    next_url = request.GET.get("next") or reverse("admin:index")
    if request.user.is_authenticated:
        # Signed in without staff rights: sending them to the login again would loop.
        messages.error(request, _("Tài khoản của đồng chí không được vào trang quản trị hệ thống."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return redirect(f"{reverse('login')}?{urlencode({'next': next_url})}")
