from django.contrib import admin

from audit.admin_mixins import ReadOnlyAdminMixin
from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: entries are written by audit.record() and never edited or deleted."""

    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "unit", "ip_address"]
    list_filter = ["action", "object_type", "unit"]
    search_fields = ["actor_name", "object_repr", "object_id", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["unit"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    actions = None
