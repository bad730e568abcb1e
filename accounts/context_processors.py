from functools import partial

from django.conf import settings

from accounts import roles


def portal_roles(request):
    user = request.user
    return {
        "is_office": roles.is_office(user),
        "is_observer": roles.is_observer(user),
        "can_manage_people": roles.can_manage_people(user),
        # Callables: the template asks only where the link is drawn (one query, cached).
        "can_view_audit": partial(roles.can_view_audit, user),
        "session_idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "session_absolute_hours": settings.SESSION_ABSOLUTE_AGE // 3600,
    }
