"""Query parameters of the API, refused with a Vietnamese message when malformed."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def as_of(request):
    """?as_of=YYYY-MM-DD (or dd/mm/yyyy); today when absent."""
    raw = request.query_params.get("as_of", "").strip()
    if not raw:
        return timezone.localdate()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        if EARLIEST <= day <= LATEST:
            return day
        break
    raise ValidationError({"as_of": [_("Ngày “%(value)s” không hợp lệ; hãy ghi dạng YYYY-MM-DD, "
                                       "ví dụ 2022-06-30.") % {"value": raw[:40]}]})


def integer(request, name):
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise ValidationError({name: [_("“%(name)s” phải là một số nguyên dương.") % {"name": name}]})
    return int(raw)


def choice(request, name, choices):
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if raw not in choices:
        raise ValidationError({name: [_("Giá trị “%(value)s” không hợp lệ; chọn một trong: %(choices)s.")
                                      % {"value": raw[:40], "choices": ", ".join(choices)}]})
    return raw
