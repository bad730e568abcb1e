"""Admin for reminder rules and schedules. The Office (not only superusers) edits the
per-directive rules and the beat's times; the log itself is read-only everywhere."""

from django.contrib import admin
from django_celery_beat.admin import CrontabScheduleAdmin, PeriodicTaskAdmin
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from accounts import roles
from audit.admin_mixins import AuditedModelAdmin, ReadOnlyAdminMixin
from reminders.models import Dispatch, ReminderLog, ReminderPolicy, Urge


class OfficeEditsMixin:
    """The Office changes reminder settings in the admin without holding model permissions."""

    def _office(self, request):
        return roles.is_office(request.user) and request.user.is_staff

    def has_module_permission(self, request):
        return self._office(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._office(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._office(request) or super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._office(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._office(request) or super().has_delete_permission(request, obj)


class ReadOnlyForOfficeMixin(ReadOnlyAdminMixin):
    def has_module_permission(self, request):
        return roles.is_office(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return roles.is_office(request.user) or super().has_view_permission(request, obj)


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(AuditedModelAdmin, OfficeEditsMixin, admin.ModelAdmin):
    list_display = ["directive", "is_active", "days_before", "on_due_day", "overdue_every_days",
                    "escalate_after_days", "returned_after_days", "explanation_after_days", "updated_at"]
    list_filter = ["is_active"]
    list_select_related = ["directive"]
    autocomplete_fields = ["directive"]


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyForOfficeMixin, admin.ModelAdmin):
    list_display = ["occurrence_date", "rule", "assignment", "recipient", "channel", "status", "sent_at"]
    list_filter = ["rule", "status", "channel", "occurrence_date"]
    search_fields = ["recipient__username", "recipient__last_name", "assignment__task__key"]
    list_select_related = ["assignment__task", "assignment__unit", "recipient"]
    raw_id_fields = ["assignment", "recipient", "dispatch", "urge"]


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyForOfficeMixin, admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "channel", "status", "attempts", "sent_at"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["recipient__username", "key"]
    list_select_related = ["recipient"]


@admin.register(Urge)
class UrgeAdmin(ReadOnlyForOfficeMixin, admin.ModelAdmin):
    list_display = ["created_at", "assignment", "author"]
    search_fields = ["message", "author__username"]
    list_select_related = ["assignment__task", "assignment__unit", "author"]
    raw_id_fields = ["assignment", "author"]


# The beat's schedule (django-celery-beat's DatabaseScheduler) is the Office's to edit too.
for model, base in [(PeriodicTask, PeriodicTaskAdmin), (CrontabSchedule, CrontabScheduleAdmin)]:
    admin.site.unregister(model)
    admin.site.register(model, type(base.__name__, (AuditedModelAdmin, OfficeEditsMixin, base), {}))
