"""The request being served, so entries written from signals (admin saves, group changes)
still know who acted and from which address."""

from contextvars import ContextVar

_current_request = ContextVar("audit_current_request", default=None)


def current_request():
    return _current_request.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


_quiet_groups = ContextVar("audit_quiet_group_changes", default=False)


class quiet_group_changes:
    """accounts.grants records its own, more precise entries for the group changes it makes;
    inside this block the generic "groups changed" entry is not written."""

    def __enter__(self):
        self._token = _quiet_groups.set(True)

    def __exit__(self, *exc):
        _quiet_groups.reset(self._token)


def group_changes_are_quiet():
    return _quiet_groups.get()
