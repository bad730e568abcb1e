"""The Office manages units' members and accounts from the portal (not only the admin).
Every write goes through accounts.grants / accounts.services and is audited there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import grants, roles, selectors, services, twofactor
from accounts.forms import AddExistingMemberForm, NewPersonForm, PortalRolesForm, SecurityPolicyForm
from accounts.models import SecurityPolicy
from tasks.models import Membership, Unit
from tuson_qp.params import int_or_none

PAGE_SIZE = 50


@login_required
def unit_list(request):
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("loai", "")
    units = selectors.units_for_manager(request.user, q=q, kind=kind)
    return render(request, "accounts/unit_list.html", {
        "units": units, "q": q, "kind": kind, "kinds": Unit.Kind.choices,
    })


@login_required
@require_http_methods(["GET", "POST"])
def unit_detail(request, pk):
    unit = selectors.get_unit_for_manager(request.user, pk)
    existing_form = AddExistingMemberForm(unit=unit)
    new_form = NewPersonForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add_existing":
            existing_form = AddExistingMemberForm(request.POST, unit=unit)
            if existing_form.is_valid():
                person = existing_form.cleaned_data["user"]
                grants.add_member(unit, person, existing_form.cleaned_data["role"],
                                  actor=request.user, request=request)
                messages.success(request, _("Đã thêm %(name)s vào %(unit)s.")
                                 % {"name": _display(person), "unit": unit.name})
                return redirect("accounts:unit_detail", pk=unit.pk)
        elif action == "add_new":
            new_form = NewPersonForm(request.POST)
            if new_form.is_valid():
                d = new_form.cleaned_data
                person = services.person_create(
                    username=d["username"], full_name=d["full_name"], email=d["email"], unit=unit,
                    role=d["role"], actor=request.user, request=request,
                )
                messages.success(request, _("Đã tạo tài khoản %(username)s, thêm vào %(unit)s và gửi thư "
                                            "hướng dẫn đặt mật khẩu đến %(email)s.")
                                 % {"username": person.username, "unit": unit.name, "email": person.email})
                return redirect("accounts:unit_detail", pk=unit.pk)
        elif action in ("set_role", "remove"):
            return _change_member(request, unit, action)
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    return render(request, "accounts/unit_detail.html", {
        "unit": unit, "members": list(unit.memberships.all()), "roles": Membership.Role.choices,
        "existing_form": existing_form, "new_form": new_form,
    }, status=400 if request.method == "POST" else 200)


def _change_member(request, unit, action):
    membership = Membership.objects.filter(
        unit=unit, pk=int_or_none(request.POST.get("membership")) or 0).select_related("user").first()
    if membership is None:
        messages.error(request, _("Cán bộ này không còn là thành viên của đơn vị."))
        return redirect("accounts:unit_detail", pk=unit.pk)
    person = membership.user
    if action == "remove":
        grants.remove_member(unit, person, actor=request.user, request=request)
        messages.success(request, _("Đã đưa %(name)s ra khỏi %(unit)s; quyền truy cập công việc của đơn vị "
                                    "bị thu hồi ngay.") % {"name": _display(person), "unit": unit.name})
    else:
        role = request.POST.get("role")
        if role not in Membership.Role.values:
            messages.error(request, _("Vai trò không hợp lệ."))
        else:
            grants.set_member_role(unit, person, role, actor=request.user, request=request)
            messages.success(request, _("Đã đổi vai trò của %(name)s thành “%(role)s”.")
                             % {"name": _display(person), "role": Membership.Role(role).label})
    return redirect("accounts:unit_detail", pk=unit.pk)


def _display(person):
    return person.get_full_name() or person.username


@login_required
def person_list(request):
    q = request.GET.get("q", "").strip()
    status = request.GET.get("trang_thai", "")
    people = selectors.people_for_manager(request.user, q=q, status=status)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "accounts/person_list.html", {
        "page": page, "q": q, "status": status, "query": query.urlencode(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request, pk):
    person = selectors.get_person_for_manager(request.user, pk)
    can_set_office = request.user.is_superuser
    current_roles = selectors.portal_roles_of(person)
    roles_form = PortalRolesForm(initial=current_roles, can_set_office=can_set_office)
    if request.method == "POST":
        action = request.POST.get("action")
        protected = person.is_superuser or person.pk == request.user.pk
        if action == "roles":
            roles_form = PortalRolesForm(request.POST, initial=current_roles, can_set_office=can_set_office)
            if roles_form.is_valid():
                with transaction.atomic():
                    if can_set_office:
                        grants.set_role(person, roles.OFFICE, roles_form.cleaned_data["office"],
                                        actor=request.user, request=request)
                    grants.set_role(person, roles.OBSERVER, roles_form.cleaned_data["observer"],
                                    actor=request.user, request=request)
                messages.success(request, _("Đã cập nhật vai trò của %(name)s.") % {"name": _display(person)})
                return redirect("accounts:person_detail", pk=person.pk)
        elif action in ("deactivate", "activate") and protected:
            messages.error(request, _("Không thể khóa hoặc mở tài khoản của chính mình hay của quản trị viên "
                                      "hệ thống tại đây."))
            return redirect("accounts:person_detail", pk=person.pk)
        elif action == "deactivate":
            grants.deactivate_user(person, actor=request.user, request=request)
            messages.success(request, _("Đã khóa tài khoản %(username)s; mọi phiên làm việc của tài khoản này "
                                        "chấm dứt ngay.") % {"username": person.username})
            return redirect("accounts:person_detail", pk=person.pk)
        elif action == "activate":
            grants.activate_user(person, actor=request.user, request=request)
            messages.success(request, _("Đã mở lại tài khoản %(username)s.") % {"username": person.username})
            return redirect("accounts:person_detail", pk=person.pk)
        elif action == "reset_2fa":
            try:
                twofactor.remove_devices(person, actor=request.user, request=request)
            except twofactor.SecondFactorProtected:
                messages.error(request, _("Không thể xóa thiết bị xác thực hai bước của tài khoản có quyền cao "
                                          "hơn tài khoản của đồng chí. Lần thử này đã được ghi vào nhật ký."))
                return redirect("accounts:person_detail", pk=person.pk)
            messages.success(request, _("Đã xóa thiết bị xác thực hai bước của %(name)s; lần đăng nhập tới "
                                        "chỉ cần mật khẩu (hoặc phải cài đặt lại nếu bị bắt buộc).")
                             % {"name": _display(person)})
            return redirect("accounts:person_detail", pk=person.pk)
        elif action == "send_password_link":
            if not person.email:
                messages.error(request, _("Tài khoản chưa có địa chỉ thư điện tử."))
            else:
                services.send_password_link(person, actor=request.user, request=request)
                messages.success(request, _("Đã gửi thư đặt mật khẩu đến %(email)s.") % {"email": person.email})
            return redirect("accounts:person_detail", pk=person.pk)
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    return render(request, "accounts/person_detail.html", {
        "person": person, "memberships": list(person.memberships.all()), "roles_form": roles_form,
        "current_roles": current_roles, "has_device": twofactor.confirmed_device(person) is not None,
        "may_reset_2fa": roles.may_manage_second_factor(request.user, person),
        "is_reviewer": roles.is_reviewer(person) if person.is_active else False,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def security_policy(request):
    if not roles.can_manage_people(request.user):
        raise Http404
    policy = SecurityPolicy.current()
    form = SecurityPolicyForm(request.POST or None, initial={
        "require_2fa_reviewers": policy.require_2fa_reviewers,
        "require_2fa_admins": policy.require_2fa_admins,
    })
    if request.method == "POST" and form.is_valid():
        services.security_policy_update(**form.cleaned_data, actor=request.user, request=request)
        messages.success(request, _("Đã lưu chính sách bảo mật. Người thuộc diện bắt buộc mà chưa nhập mã "
                                    "xác thực sẽ phải đăng nhập lại ở lần truy cập tiếp theo."))
        return redirect("accounts:security_policy")
    return render(request, "accounts/security_policy.html", {"form": form, "policy": policy})
