"""Sending a stored file to a user who may see it: as an attachment, never rendered inline."""

import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse


def content_disposition(name):
    """RFC 6266 with an ASCII fallback and the exact Vietnamese name in filename* (RFC 5987)."""
    name = unicodedata.normalize("NFC", name)
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^A-Za-z0-9._ ()-]+", "_", plain).strip() or "tep-dinh-kem"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(stored):
    """`stored` is a SubmissionFile. With SENDFILE_MODE=nginx the bytes come from nginx's
    internal location (deploy/nginx/portal.conf); otherwise they are streamed from storage."""
    name = stored.file.name
    if settings.SENDFILE_MODE == "nginx":
        response = HttpResponse(content_type=stored.content_type)
        response["X-Accel-Redirect"] = settings.SENDFILE_NGINX_PREFIX.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(default_storage.open(name, "rb"), content_type=stored.content_type)
        response["Content-Length"] = str(stored.size)
    response["Content-Disposition"] = content_disposition(stored.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
