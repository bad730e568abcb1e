"""Who may see what: the read side of object permissions.

Every "visible to this user" queryset is built from the subqueries here, so lists, counts,
exports, reports and background tasks share one definition. Grants are written only by
accounts/grants.py.
"""

import contextvars
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.db.models import Q
from django.http import Http404

from directives.models import DirectiveGroupObjectPermission, DirectiveUserObjectPermission
from tasks.models import UnitGroupObjectPermission, UnitUserObjectPermission

WORK_ON_UNIT = "work_on_unit"
TRACK_DIRECTIVE = "track_directive"


# The grants read so far in this request ({(table, user id, codename): [object ids]}), or
# None outside one (GrantsPerRequestMiddleware).
_read_grants = contextvars.ContextVar("read_grants", default=None)


@contextmanager
def grants_read_once():
    """Within: each kind of grant of each user is read once, as a list of ids, and every
    permission filter names those ids (`field IN (1, 7)`) instead of a subquery. Building
    and compiling the subqueries cost 1–3 ms of Python per filter, and a page filters a
    dozen querysets (docs/performance.md, "The permission filter"). accounts.grants forgets
    what was read whenever it writes a grant or a membership."""
    token = _read_grants.set({})
    try:
        yield
    finally:
        _read_grants.reset(token)


def forget_read_grants():
    """Grants were written: the ids read so far in this request no longer hold."""
    read = _read_grants.get()
    if read is not None:
        read.clear()


class GrantsPerRequestMiddleware:
    """Each request reads the grants it filters by once (grants_read_once)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with grants_read_once():
            return self.get_response(request)


def _granted_q(user_model, group_model, user, codename, field):
    """Q matching rows whose `field` is an object on which `user` holds `codename`.

    One `IN (subquery)` test: the grants through the user's groups UNION ALL the direct
    grants. Nothing is evaluated here and no join can duplicate rows. One IN, not an OR of
    two, lets PostgreSQL plan it as a semi-join and estimate it from the few granted objects
    (an OR of subqueries is estimated at three quarters of the table, which led the planner
    to costly plans: docs/performance.md, "The permission filter"). Within a request
    (grants_read_once) the same test names the ids, read once.
    """
    if _read_grants.get() is None:
        return Q(**{f"{field}__in": _granted(user_model, group_model, user, codename)})
    return Q(**{f"{field}__in": _granted_ids(user_model, group_model, user, codename)})


def _granted_ids(user_model, group_model, user, codename):
    """The sorted ids of the objects on which `user` holds `codename` (read once a request,
    within one: grants_read_once)."""
    read = _read_grants.get()
    key = (group_model._meta.db_table, user.pk, codename)
    if read is not None and key in read:
        return read[key]
    ids = sorted({pk for (pk,) in _granted(user_model, group_model, user, codename, flat=True)})
    if read is not None:
        read[key] = ids
    return ids


def _granted(user_model, group_model, user, codename, flat=False):
    """The ids of the objects on which `user` holds `codename` (a queryset of one column):
    through their groups, then directly."""
    values = "values_list" if flat else "values"
    via_group = getattr(group_model.objects.filter(
        permission__codename=codename,
        group_id__in=user.groups.through.objects.filter(user_id=user.pk).values("group_id"),
    ), values)("content_object_id")
    via_user = getattr(user_model.objects.filter(permission__codename=codename, user_id=user.pk),
                       values)("content_object_id")
    return via_group.union(via_user, all=True)


def unit_ids_q(user, field="unit_id"):
    """Rows whose `field` is a unit the user works for (officer or head)."""
    return _granted_q(
        UnitUserObjectPermission, UnitGroupObjectPermission, user, WORK_ON_UNIT, field
    )


def unit_ids(user):
    """The ids of the units the user works for (officer or head), sorted."""
    return _granted_ids(UnitUserObjectPermission, UnitGroupObjectPermission, user, WORK_ON_UNIT)


def tracked_directive_ids(user):
    """The ids of the directives the user tracks (those Directive.objects.visible_to(user,
    "track") holds), sorted."""
    if not (user.is_authenticated and user.is_active):
        return []
    return _granted_ids(DirectiveUserObjectPermission, DirectiveGroupObjectPermission, user, TRACK_DIRECTIVE)


def tracks(user, directive_id):
    """Whether the user tracks the directive, from their grants."""
    return directive_id in tracked_directive_ids(user)


def tracked_directive_ids_q(user, field="directive_id"):
    """Rows whose `field` is a directive the user tracks (reviews, urges, reports on)."""
    return _granted_q(
        DirectiveUserObjectPermission, DirectiveGroupObjectPermission, user, TRACK_DIRECTIVE, field
    )


def get_object_for_user(queryset, user, pk, action="view"):
    """Load one object through its `visible_to` queryset; out of scope is 404, never 403."""
    try:
        return queryset.visible_to(user, action).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


class OutOfReach(PermissionDenied):
    """A write would put an object outside the reach of the user who made it."""


def assert_still_visible(queryset, user, obj, action="view"):
    """Re-check, after a write and inside its transaction, that `user` may still `action` `obj`.

    Call it as the last step of a service that changed something the permission depends on
    (an assignment's unit, a submission's assignment, a directive's tracking unit…). Raising
    rolls the transaction back, so a user can neither move an object out of their own reach
    nor into another unit's. The user could act on the object before the write, so a 403 here
    reveals nothing; views show it as a refusal message.
    """
    db = router.db_for_write(queryset.model)
    if not connections[db].in_atomic_block:
        raise RuntimeError("assert_still_visible() must run inside the write's transaction.atomic().")
    if not queryset.visible_to(user, action).filter(pk=obj.pk).exists():
        raise OutOfReach(
            f"{queryset.model._meta.label} {obj.pk} would be out of reach of {user} for {action!r}"
        )
    return obj
