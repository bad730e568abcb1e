from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpResponseRedirect

import audit
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
