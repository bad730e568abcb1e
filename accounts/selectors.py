"""Reads for the people-management pages. Only the Office manages people: for anybody else
every unit and person here is out of scope (404)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.http import Http404

from accounts import roles
from tasks.models import Membership, Unit

User = get_user_model()


def _members():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.select_related("user").order_by("-role", "user__last_name", "user__username"),
    )


def units_for_manager(user, *, q="", kind=""):
    if not roles.can_manage_people(user):
        raise Http404
    units = Unit.objects.annotate(member_count=Count("memberships")).prefetch_related(_members())
    if q:
        units = units.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(key__icontains=q))
    if kind:
        units = units.filter(kind=kind)
    return units.order_by("kind", "name")


def get_unit_for_manager(user, pk):
    if not roles.can_manage_people(user):
        raise Http404
    try:
        return Unit.objects.prefetch_related(_members()).get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _with_units(qs):
    return qs.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("unit").order_by("unit__name")),
        "groups",
    )


def people_for_manager(user, *, q="", status=""):
    if not roles.can_manage_people(user):
        raise Http404
    people = _with_units(User.objects.all())
    if q:
        people = people.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q)
            | Q(email__icontains=q)
        )
    if status == "active":
        people = people.filter(is_active=True)
    elif status == "inactive":
        people = people.filter(is_active=False)
    return people.order_by("last_name", "username")


def get_person_for_manager(user, pk):
    if not roles.can_manage_people(user):
        raise Http404
    try:
        return _with_units(User.objects.all()).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def portal_roles_of(person):
    """Names of the person's portal-wide roles, from the prefetched groups."""
    names = {g.name for g in person.groups.all()}
    return {"office": roles.OFFICE in names, "observer": roles.OBSERVER in names}
