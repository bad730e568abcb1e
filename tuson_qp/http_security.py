"""Two request-wide rules that no single view should have to remember.

- RejectNulBytesMiddleware: a NUL character ("\\x00", "%00") in the path, a query or form
  value or name, or a cookie is refused with a 400 page before any
  view runs. PostgreSQL cannot store or even compare such text (every query carrying one fails),
  and no form of the portal has a use for it.
- PrivateCacheMiddleware: every response to a signed-in user carries
  `Cache-Control: private, no-store`, so neither a shared proxy nor the browser's history
  keeps a copy of pages and files that are someone's work.

Both go right after AuthenticationMiddleware (settings.MIDDLEWARE).
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(pairs):
    return any(NUL in key or any(NUL in v for v in values) for key, values in pairs)


def _carries_nul(request):
    if NUL in request.path or _has_nul(request.GET.lists()):
        return True
    if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
        # An empty session instead of the one the cookie names: nothing looks that key up
        # (the session middleware would, to save it), and the bad cookie is deleted.
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        return True
    # Uploaded files' names need no check: Django drops unprintable characters from them.
    return request.method in ("POST", "PUT", "PATCH") and _has_nul(request.POST.lists())


def bad_request_page(request, message, status=400):
    # The session is not read: a NUL may be in its cookie, and the page needs no one's name.
    request.user = AnonymousUser()
    return render(request, "400.html", {"message": message}, status=status)


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            return bad_request_page(request, _(
                "Yêu cầu có chứa ký tự không hợp lệ (ký tự rỗng NUL), thường do dán nội dung từ tệp "
                "hoặc phần mềm khác. Vui lòng xóa ký tự đó, nhập lại và gửi lại."))
        return self.get_response(request)


class PrivateCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.pop("Expires", None)
            patch_cache_control(response, private=True, no_store=True)
        return response


def bad_request(request, exception=None):
    """handler400: Django's own refusals (a malformed upload, too many fields…) in the
    portal's page, in Vietnamese."""
    return bad_request_page(request, _("Yêu cầu không hợp lệ nên không được xử lý. Vui lòng quay lại trang "
                                       "trước và thử lại."))
