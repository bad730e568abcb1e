"""The tree of units as dated data: each unit's names, kind and parent over time, and the
merges and splits that reorganised them (tasks.services.reorganisation)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitVersion(models.Model):
    """What a unit was called, what kind it was and where it stood from `valid_from` to
    `valid_to` (both inclusive; null: since always, until now). A unit without versions is
    what its own fields say, on every date."""

    unit = models.ForeignKey("tasks.Unit", verbose_name=_("đơn vị"), on_delete=models.CASCADE,
                             related_name="versions")
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20)
    parent = models.ForeignKey("tasks.Unit", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử đơn vị")
        verbose_name_plural = _("lịch sử đơn vị")
        ordering = ["unit", "valid_from"]

    def __str__(self):
        return f"{self.name} ({self.valid_from or '…'} – {self.valid_to or '…'})"


class Reorganisation(models.Model):
    """A merge (several units into one) or a split (one unit into several) on a date."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Hợp nhất")
        SPLIT = "split", _("Chia tách")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    effective_on = models.DateField(_("có hiệu lực từ"))
    sources = models.ManyToManyField("tasks.Unit", related_name="reorganised_from", verbose_name=_("đơn vị cũ"))
    targets = models.ManyToManyField("tasks.Unit", related_name="reorganised_into", verbose_name=_("đơn vị mới"))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    summary = models.JSONField(default=dict)  # what moved: counts and ids
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sắp xếp lại đơn vị")
        verbose_name_plural = _("sắp xếp lại đơn vị")
        ordering = ["-effective_on", "-pk"]
