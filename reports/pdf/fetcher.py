"""The only way WeasyPrint reads anything while rendering a report.

Reports are built from user-entered text. Even escaped, a template mistake could let a
value reach a `src` or `url()`, so the fetcher is the second wall: it serves files from the
project's own static folders (settings.STATICFILES_DIRS) under the `static:` scheme the
report templates use, and refuses everything else — file://, http(s)://, data: URIs and
paths leaving the static folders. Refusals are logged and kept on the fetcher for tests.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

SCHEME = "static"


class RefusedURL(ValueError):
    pass


def static_url(path):
    """The URL a report template uses for a project static file, e.g. fonts/x.ttf."""
    return f"{SCHEME}:{path.lstrip('/')}"


def static_roots():
    roots = []
    for entry in settings.STATICFILES_DIRS:
        # An entry may be (prefix, path); reports only use unprefixed folders.
        if isinstance(entry, (list, tuple)):
            continue
        roots.append(Path(entry).resolve())
    return roots


class StaticFilesFetcher(URLFetcher):
    def __init__(self):
        super().__init__(timeout=1, allowed_protocols={SCHEME}, allow_redirects=False)
        self.fetched = []
        self.refused = []

    def fetch(self, url, headers=None):
        try:
            path = self._resolve(url)
        except RefusedURL as exc:
            self.refused.append(url)
            logger.warning("report renderer refused %.200s: %s", url, exc)
            raise
        self.fetched.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".ttf":
            content_type = "font/ttf"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    def _resolve(self, url):
        parts = urlsplit(url)
        if parts.scheme.lower() != SCHEME or parts.netloc or parts.query:
            raise RefusedURL("only the project's static files may be read")
        relative = unquote(parts.path).lstrip("/")
        if not relative or "\\" in relative or "\x00" in relative:
            raise RefusedURL("not a static file path")
        for root in static_roots():
            candidate = (root / relative).resolve()
            # resolve() follows symlinks and "..": the result must still be inside the root.
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        raise RefusedURL("no such file in the static folders")
