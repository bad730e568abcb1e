from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditQuerySet(models.QuerySet):
    def delete(self):
        raise RuntimeError("Audit entries are append-only.")

    delete.queryset_only = True

    def update(self, **kwargs):
        raise RuntimeError("Audit entries are append-only.")


class AuditEntry(models.Model):
    """An append-only record of who did what to which object, when and from where.

    Written only through audit.record(); the portal offers no way to edit or delete entries.
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Kept even when the account is gone, and for failed logins with an unknown username.
    actor_name = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    action = models.CharField(_("hành động"), max_length=60, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=60, blank=True, db_index=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=40, blank=True)
    object_repr = models.CharField(_("đối tượng"), max_length=300, blank=True)
    unit = models.ForeignKey(
        "tasks.Unit", verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        # No add, change or delete permission exists, so no one can be given one.
        default_permissions = ("view",)
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký hệ thống")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["unit", "at"]),
        ]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only.")

    @property
    def action_label(self):
        from audit.actions import label

        return label(self.action)

    @property
    def object_type_label(self):
        from audit.selectors import object_type_label

        return object_type_label(self.object_type)
