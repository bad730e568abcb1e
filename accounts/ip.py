"""The client's address, the same for django-axes and the audit trail.

Behind reverse proxies REMOTE_ADDR is the nearest proxy. Each trusted proxy appends the
address it received the request from to X-Forwarded-For, so with TRUSTED_PROXY_COUNT = n the
client is the n-th entry from the right; anything further left was written by the client and
cannot be trusted. With TRUSTED_PROXY_COUNT = 0 (the default) the header is ignored.
"""

import ipaddress

from django.conf import settings


def _valid(value):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1:value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address as a string, or None when it cannot be told."""
    if request is None:
        return None
    remote = _valid(request.META.get("REMOTE_ADDR"))
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # Fewer entries than proxies: every entry was written by a proxy, the first is the client.
    candidate = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return _valid(candidate) or remote
