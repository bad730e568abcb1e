from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpResponseRedirect

import audit
from accounts.models import SecurityPolicy
from audit import actions
from audit.admin_mixins import AuditedModelAdmin

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
