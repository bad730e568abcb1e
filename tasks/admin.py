from django.contrib import admin

from audit.admin_mixins import AuditedModelAdmin, ReadOnlyAdminMixin
from tasks.models import (
    Assignment,
    ExplanationRequest,
    ExtensionRequest,
    Membership,
    Submission,
    SubmissionFile,
    Unit,
)


class ReadOnlyMembershipMixin(ReadOnlyAdminMixin):
    """Members are added and removed on the portal page (Quản lý cán bộ) through accounts.grants,
    which also moves the person in or out of the unit's permission group and audits it; an
    edit here would change the row without the access."""


class MembershipInline(ReadOnlyMembershipMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["user", "role", "created_at"]


@admin.register(Unit)
class UnitAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["key", "name", "short_name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyMembershipMixin, admin.ModelAdmin):
    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role", "unit__kind", "unit"]
    search_fields = ["user__username", "user__last_name", "unit__name"]
    list_select_related = ["user", "unit"]


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["task", "unit", "role", "due_date", "completed_on", "extension_count", "is_cancelled"]
    list_filter = ["role", "is_cancelled", "task__directive", "unit__kind", "task__section__number"]
    search_fields = ["task__key", "task__title", "unit__name"]
    list_select_related = ["task", "unit"]
    raw_id_fields = ["task"]
    # Counted by the extension service on each approval; the dashboard takes it for the
    # number of approved extensions (tasks.querysets.with_extensions_granted).
    readonly_fields = ["extension_count"]


class SubmissionFileInline(admin.TabularInline):
    model = SubmissionFile
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "sha256", "uploaded_at"]
    exclude = ["file"]
    can_delete = False


class WorkflowRecordMixin(ReadOnlyAdminMixin):
    """Submissions, reviews, extensions and explanations are history: they are made through the
    portal's services (which check permission, notify and audit) and never edited or deleted."""


@admin.register(Submission)
class SubmissionAdmin(WorkflowRecordMixin, AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["__str__", "assignment", "status", "submitted_at", "decided_at"]
    list_filter = ["status", "kind"]
    search_fields = ["number_symbol", "summary", "assignment__unit__name"]
    raw_id_fields = ["assignment"]
    readonly_fields = ["submitted_by", "submitted_at", "decided_by", "decided_at", "version", "client_token"]
    inlines = [SubmissionFileInline]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(WorkflowRecordMixin, admin.ModelAdmin):
    list_display = ["assignment", "previous_due_date", "requested_due_date", "status", "requested_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["assignment__unit__name", "assignment__task__key", "reason"]
    list_select_related = ["assignment__task", "assignment__unit"]


@admin.register(ExplanationRequest)
class ExplanationRequestAdmin(WorkflowRecordMixin, admin.ModelAdmin):
    list_display = ["assignment", "requested_at", "answered_at"]
    search_fields = ["assignment__unit__name", "assignment__task__key", "question", "answer"]
    list_select_related = ["assignment__task", "assignment__unit"]
