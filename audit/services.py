"""Writing audit entries. Call through `audit.record(...)` (see audit/__init__.py)."""

from audit.context import current_request
from audit.models import AuditEntry


def client_ip(request):
    """The client's address, resolved exactly as django-axes resolves it (accounts/ip.py,
    TRUSTED_PROXY_COUNT in docs/configuration.md)."""
    from accounts.ip import client_ip as resolve

    return resolve(request)


def _plain(value):
    """JSON-safe form of a changed value (dates, decimals, model instances)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def record(action, *, actor=None, obj=None, unit=None, changes=None, request=None, actor_name=""):
    request = request if request is not None else current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if unit is None and obj is not None:
        unit = _unit_of(obj)
    return AuditEntry.objects.create(
        actor_id=actor.pk if actor is not None else None,
        actor_name=(actor_name or (actor.get_username() if actor else ""))[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        unit_id=unit.pk if unit is not None else None,
        changes=_plain(changes or {}),
        ip_address=client_ip(request),
    )


def _unit_of(obj):
    """The unit an object belongs to, when that is cheap to know (no query)."""
    from tasks.models import Unit

    if isinstance(obj, Unit):
        return obj
    unit_id = getattr(obj, "unit_id", None)
    if unit_id is not None:
        return Unit(pk=unit_id)
    return None
