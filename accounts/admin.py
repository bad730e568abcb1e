from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

import audit
from accounts import roles
from accounts.models import SecurityPolicy
from directives.models import DirectiveGroupObjectPermission, DirectiveUserObjectPermission
from audit import actions
from audit.admin_mixins import AuditedModelAdmin, ReadOnlyAdminMixin
from tasks.models import UnitGroupObjectPermission, UnitUserObjectPermission

User = get_user_model()

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AuditedUserAdmin(AuditedModelAdmin, UserAdmin):
    """The stock user admin, with every change recorded (group changes by audit.signals)."""

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and isinstance(response, HttpResponseRedirect):
            user = self.get_object(request, id)
            audit.record(actions.PASSWORD_CHANGED, obj=user, request=request, changes={"by": "admin"})
        return response


@admin.register(Group)
class AuditedGroupAdmin(AuditedModelAdmin, GroupAdmin):
    pass


@admin.register(SecurityPolicy)
class SecurityPolicyAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["__str__", "require_2fa_reviewers", "require_2fa_admins", "updated_at"]

    def has_add_permission(self, request):
        return not SecurityPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class GuardedTOTPDeviceAdmin(AuditedModelAdmin, TOTPDeviceAdmin):
    """Two-factor devices, audited; nobody changes, adds or deletes a device of an account
    with more privilege than their own (roles.may_manage_second_factor)."""

    def _may(self, request, obj):
        return obj is None or roles.may_manage_second_factor(request.user, obj.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may(request, obj)

    def save_model(self, request, obj, form, change):
        if not roles.may_manage_second_factor(request.user, obj.user):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset):
        if any(not self._may(request, device) for device in queryset.select_related("user")):
            raise PermissionDenied
        super().delete_queryset(request, queryset)


class ObjectPermissionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The object permissions, for reading only: they are written by accounts.grants alone,
    together with the membership and the audit entry that go with them."""

    list_filter = ["permission"]


def register_permissions(model, holder, object_search):
    """Register `model` (a direct foreign-key permission table) read-only; `holder` is "user"
    or "group", `object_search` the field of the object to search by."""
    holder_search = "user__username" if holder == "user" else "group__name"
    options = {
        "list_display": [holder, "permission", "content_object"],
        "list_select_related": [holder, "permission", "content_object"],
        "search_fields": [holder_search, f"content_object__{object_search}"],
    }
    admin.site.register(model, type(f"{model.__name__}Admin", (ObjectPermissionAdmin,), options))


register_permissions(DirectiveGroupObjectPermission, "group", "key")
register_permissions(DirectiveUserObjectPermission, "user", "key")
register_permissions(UnitGroupObjectPermission, "group", "name")
register_permissions(UnitUserObjectPermission, "user", "name")
