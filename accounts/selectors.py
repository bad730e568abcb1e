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


def accounts_needing_attention(user, *, now=None):
    """For the Office's home page: (locked, missing_2fa) lists of active accounts.

    locked: sign-in refused at the moment after too many wrong passwords (django-axes);
    missing_2fa: the security policy requires two-factor sign-in of them and they have no
    confirmed device yet (they will be sent to enrolment at their next sign-in).
    """
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import SecurityPolicy
    from directives.models import Directive

    if not roles.can_manage_people(user):
        raise Http404
    now = now or timezone.now()
    locked_names = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=now - settings.AXES_COOLOFF_TIME,
    ).values("username")
    locked = list(User.objects.filter(is_active=True, username__in=locked_names).order_by("username"))
    policy = SecurityPolicy.current()
    required = Q(pk__in=[])
    if policy.require_2fa_reviewers:
        tracking_units = Directive.objects.values("tracking_unit_id")
        required |= Q(pk__in=Membership.objects.filter(unit_id__in=tracking_units).values("user_id"))
    if policy.require_2fa_admins:
        required |= Q(is_superuser=True) | Q(is_staff=True)
    missing = list(
        User.objects.filter(is_active=True).filter(required)
        .exclude(pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id"))
        .order_by("username")
    ) if (policy.require_2fa_reviewers or policy.require_2fa_admins) else []
    return locked, missing
