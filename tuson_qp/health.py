"""/healthz: does the database answer, does the broker answer.

200 only when both do, 503 otherwise. Anyone (a load balancer, the container's health check)
gets {"status": "ok"} or {"status": "fail"}; only staff see which check failed and why, so
that an anonymous caller learns nothing about the database vendor or the broker mode.
"""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER and not settings.CELERY_BROKER_URL:
        return {"ok": True, "mode": "eager"}
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # kombu raises transport-specific errors
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "mode": "broker"}


def _may_see_details(request):
    user = getattr(request, "user", None)
    try:
        return bool(user and user.is_authenticated and user.is_staff)
    except Exception:  # the session store itself may be the thing that is down
        return False


@never_cache
def healthz(request):
    checks = {"database": check_database(), "broker": check_broker()}
    ok = all(c["ok"] for c in checks.values())
    body = {"status": "ok" if ok else "fail"}
    if _may_see_details(request):
        body.update(checks)
    return JsonResponse(body, status=200 if ok else 503)
