"""Personal API tokens and private calendar feeds."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "tsqp_"


def digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)


class ApiToken(models.Model):
    """A personal token: only its SHA-256 is stored; the token itself is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"),
                             on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên gợi nhớ"), max_length=80)
    prefix = models.CharField(_("đầu mã"), max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn"))
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def generate():
        """A new random token (its text) and the prefix shown to recognise it."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        return raw, raw[: len(TOKEN_PREFIX) + 6]

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


class CalendarFeed(models.Model):
    """The secret address of a person's calendar of deadlines (a capability: whoever has the
    address reads the feed, as with any calendar subscription). Resetting it gives a new one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("người dùng"),
                                on_delete=models.CASCADE, related_name="calendar_feed")
    secret = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now=True)

    class Meta:
        verbose_name = _("lịch riêng")
        verbose_name_plural = _("lịch riêng")

    def __str__(self):
        return str(self.user)

    @staticmethod
    def new_secret():
        return secrets.token_urlsafe(32)
