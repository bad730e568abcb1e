"""Writing tokens and calendar feeds: create, revoke, reset. Each change is audited."""

import datetime

from django.db import transaction
from django.utils import timezone

import audit
from api import actions
from api.models import ApiToken, CalendarFeed, digest

TOKEN_LIFETIMES = (30, 90, 180, 365)  # days a person may choose from


def token_create(*, user, name, days, request=None):
    """A new token for `user`; returns (token, raw text). The raw text is never stored."""
    if days not in TOKEN_LIFETIMES:
        raise ValueError(days)
    raw, prefix = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip(), prefix=prefix, digest=digest(raw),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        audit.record(actions.TOKEN_CREATED, actor=user, obj=token, request=request,
                     changes={"name": token.name, "prefix": prefix,
                              "expires_at": token.expires_at.isoformat()})
    return token, raw


def token_revoke(*, user, token_id, request=None):
    """Revoke one of `user`'s own tokens; False if there is no such usable token."""
    with transaction.atomic():
        token = (ApiToken.objects.select_for_update()
                 .filter(user=user, pk=token_id, revoked_at__isnull=True).first())
        if token is None:
            return False
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actions.TOKEN_REVOKED, actor=user, obj=token, request=request,
                     changes={"name": token.name, "prefix": token.prefix})
    return True


def token_for(raw):
    """The usable token whose text is `raw`, with its user; None otherwise."""
    if not raw or len(raw) > 200:
        return None
    return ApiToken.objects.usable().select_related("user").filter(digest=digest(raw)).first()


def token_used(token, request):
    """Mark the token as used now and write the use into the audit trail."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    audit.record(actions.TOKEN_USED, actor=token.user, obj=token, request=request,
                 changes={"prefix": token.prefix, "method": request.method,
                          "path": request.path[:200]})


def calendar_feed_reset(*, user, request=None):
    """Give `user` a new secret calendar address; the old one stops working at once."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(
            user=user, defaults={"secret": CalendarFeed.new_secret()})
        if not created:
            feed.secret = CalendarFeed.new_secret()
            feed.save(update_fields=["secret", "created_at"])
            audit.record(actions.CALENDAR_RESET, actor=user, obj=feed, request=request)
    return feed
