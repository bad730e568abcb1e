"""A person's own account: who they are here, password, two-factor sign-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import roles, twofactor
from accounts.forms import TokenForm


@login_required
def profile(request):
    user = request.user
    return render(request, "accounts/profile.html", {
        "memberships": user.memberships.select_related("unit").order_by("unit__name"),
        "is_office": roles.is_office(user), "is_observer": roles.is_observer(user),
        "is_reviewer": roles.is_reviewer(user),
        "has_device": twofactor.confirmed_device(user) is not None,
        "required": twofactor.is_required_for(user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Enrol a TOTP app (scan the QR code, confirm with a first code) or switch it off."""
    user = request.user
    device = twofactor.confirmed_device(user)
    if device is not None and not user.is_verified():
        # Only a session that gave a code may replace or remove the device.
        return redirect("accounts:login_otp")
    required = twofactor.is_required_for(user)
    form = TokenForm()
    if request.method == "POST" and request.POST.get("action") == "disable":
        if required:
            messages.error(request, _("Văn phòng Thành ủy bắt buộc tài khoản của đồng chí dùng xác thực hai bước; "
                                      "không thể tắt."))
        else:
            twofactor.remove_devices(user, actor=user, request=request)
            request.session[twofactor.SESSION_KEY] = twofactor.OK
            messages.success(request, _("Đã tắt xác thực hai bước."))
        return redirect("accounts:two_factor")
    pending = None
    if request.method == "POST" and request.POST.get("action") == "confirm":
        pending = twofactor.pending_device(user)
        form = TokenForm(request.POST)
        if pending is None:
            messages.error(request, _("Mã QR đã hết hiệu lực. Vui lòng quét mã mới."))
            return redirect("accounts:two_factor")
        if form.is_valid():
            if twofactor.confirm_enrolment(request, pending, form.cleaned_data["token"]):
                messages.success(request, _("Đã bật xác thực hai bước. Từ lần sau, khi đăng nhập đồng chí cần "
                                            "nhập mã trong ứng dụng xác thực."))
                return redirect("accounts:profile")
            form.add_error("token", _("Mã không đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiển thị."))
    elif request.method == "GET" and (device is None or request.GET.get("doi") == "1"):
        pending = twofactor.start_enrolment(user)
    context = {"device": device, "required": required, "form": form, "pending": pending}
    if pending is not None:
        context.update(qr=twofactor.qr_svg(pending), secret=twofactor.secret_for_manual_entry(pending))
    return render(request, "accounts/two_factor.html", context, status=400 if form.errors else 200)
