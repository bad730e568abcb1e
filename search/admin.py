from django.contrib import admin

from search.models import SearchText


@admin.register(SearchText)
class SearchTextAdmin(admin.ModelAdmin):
    """Read-only: which files were extracted, which are scans, which failed and why."""

    list_display = ("file", "status", "pages", "truncated", "extracted_at")
    list_filter = ("status", "truncated")
    list_select_related = ("file",)
    fields = ("file", "submission", "status", "pages", "truncated", "error", "extracted_at", "text")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
