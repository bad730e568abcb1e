"""Where a "next" address from the request may send the browser."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, url):
    """`url` if it is a path on this site ("/…"), else "": neither another site nor a bare
    word, which redirect() would take for a view name and fail on."""
    if url and url.startswith("/") and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return ""
