"""Sending a stored file to a user who may see it: as an attachment, never rendered inline."""

import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, HttpResponseRedirect


def content_disposition(name):
    """RFC 6266 with an ASCII fallback and the exact Vietnamese name in filename* (RFC 5987)."""
    name = unicodedata.normalize("NFC", name)
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = plain.encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^A-Za-z0-9._ ()-]+", "_", plain).strip() or "tep-dinh-kem"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(stored):
    """`stored` is a SubmissionFile the user may see (checked and audited by the caller)."""
    return stored_file_response(stored.file.name, content_type=stored.content_type,
                                filename=stored.original_name, size=stored.size)


def stored_file_response(name, *, content_type, filename, size=None):
    """Send the stored file `name` as an attachment called `filename`, by SENDFILE_MODE:
    "nginx" answers with X-Accel-Redirect to nginx's internal location
    (deploy/nginx/portal-locations.inc); "redirect" answers 302 to a signed URL of the object
    storage, valid S3_URL_EXPIRE_SECONDS, which makes the storage send the same headers;
    "django" streams the bytes from whatever storage holds them."""
    disposition = content_disposition(filename)
    if settings.SENDFILE_MODE == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.SENDFILE_NGINX_PREFIX.rstrip("/") + "/" + quote(name)
    elif settings.SENDFILE_MODE == "redirect":
        url = default_storage.url(name, parameters={
            "ResponseContentDisposition": disposition,
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        })
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
        if size is not None:
            response["Content-Length"] = str(size)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
