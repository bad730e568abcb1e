from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UrgeTemplate(models.Model):
    """The text with which urging several units starts, kept per directive by its tracking
    body. Placeholders: reminders.services.urge_texts.PLACEHOLDERS."""

    directive = models.OneToOneField(
        "directives.Directive", verbose_name=_("văn bản chỉ đạo"), on_delete=models.CASCADE,
        related_name="urge_template",
    )
    text = models.TextField(_("mẫu nội dung đôn đốc"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người sửa"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    updated_at = models.DateTimeField(_("thời điểm sửa"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu đôn đốc")
        verbose_name_plural = _("mẫu đôn đốc")

    def __str__(self):
        return str(self.directive)
