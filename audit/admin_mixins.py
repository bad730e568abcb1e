"""Audit trail for changes made through the Django admin.

Add `AuditedModelAdmin` as the first base of a ModelAdmin: creations, changes (field by field,
old and new value), deletions and inline changes are recorded with the admin user and address.
"""

import copy

import audit
from audit import actions


# Never copied into the trail: a password hash and a TOTP key are secrets, the rest is noise.
SECRET_FIELDS = {"password", "last_login", "key", "last_t", "throttling_failure_timestamp",
                 "throttling_failure_count"}


def _snapshot(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
            if f.attname not in SECRET_FIELDS}


def _diff(before, after):
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


class AuditedModelAdmin:
    def save_model(self, request, obj, form, change):
        before = {}
        if change and obj.pk is not None:
            old = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = _snapshot(old) if old is not None else {}
        super().save_model(request, obj, form, change)
        if change:
            diff = _diff(before, _snapshot(obj))
            m2m = [name for name in form.changed_data if name in {f.name for f in obj._meta.many_to_many}]
            if m2m:
                diff["many_to_many"] = m2m
            if diff:
                audit.record(actions.ADMIN_CHANGE, obj=obj, request=request, changes=diff)
        else:
            audit.record(actions.ADMIN_CREATE, obj=obj, request=request,
                         changes={k: [None, v] for k, v in _snapshot(obj).items() if v not in (None, "")})

    def delete_model(self, request, obj):
        audit.record(actions.ADMIN_DELETE, obj=obj, request=request, changes=_snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(actions.ADMIN_DELETE, obj=obj, request=request, changes=_snapshot(obj))
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        # Deleting clears the primary key, so keep copies of what is about to go.
        doomed = [copy.copy(f.instance) for f in formset.deleted_forms if f.instance.pk is not None]
        super().save_formset(request, form, formset, change)
        for obj in getattr(formset, "new_objects", []):
            audit.record(actions.ADMIN_CREATE, obj=obj, request=request,
                         changes={"parent": str(form.instance)})
        for obj, fields in getattr(formset, "changed_objects", []):
            audit.record(actions.ADMIN_CHANGE, obj=obj, request=request,
                         changes={"parent": str(form.instance), "fields": list(fields)})
        for obj in doomed:
            audit.record(actions.ADMIN_DELETE, obj=obj, request=request,
                         changes={"parent": str(form.instance)})


class ReadOnlyAdminMixin:
    """Shown in the admin, never written there: the rows are made by the portal's services
    (which check permission, notify and audit), and an edit here would bypass them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
