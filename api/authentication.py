"""DRF authentication and throttling by personal token (Authorization: Bearer <token>)."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions, throttling

from api import services


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng “Bearer <mã>”."))
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ."))
        token = services.token_for(raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không đúng, đã hết hạn hoặc đã bị thu hồi."))
        services.token_used(token, request._request)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """Per token for token requests, per person for the browser session."""

    scope = "api"

    def get_cache_key(self, request, view):
        if request.auth is not None and hasattr(request.auth, "pk"):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
