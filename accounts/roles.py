"""Portal-wide roles. Unit roles (officer, head) live in tasks.Membership.

The reviewer role is not a global group: a person reviews a directive's work because they
belong to the unit that tracks it (the City Military Party Committee for Chỉ thị 03-CT/TU).
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

OFFICE = "role:office"
OBSERVER = "role:observer"

ROLE_LABELS = {
    OFFICE: _("Văn phòng Thành ủy"),
    OBSERVER: _("Lãnh đạo theo dõi"),
}


def _group_names(user):
    # Cached on the user object for the request: templates ask several times.
    if not hasattr(user, "_tuson_group_names"):
        user._tuson_group_names = set(user.groups.values_list("name", flat=True))
    return user._tuson_group_names


def is_office(user):
    return user.is_authenticated and user.is_active and (
        user.is_superuser or OFFICE in _group_names(user)
    )


def is_observer(user):
    return user.is_authenticated and user.is_active and OBSERVER in _group_names(user)


def sees_everything(user):
    """Office, observers and administrators read every unit's work."""
    return is_office(user) or is_observer(user)


def is_admin(user):
    """System administrators: anyone who can reach the Django admin."""
    return user.is_authenticated and user.is_active and (user.is_superuser or user.is_staff)


def is_reviewer(user):
    """Member of a unit that tracks at least one directive (the City Military Party Committee).

    Cached on the user object like the group names: the navigation asks on every page.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if not hasattr(user, "_tuson_is_reviewer"):
        from accounts.permissions import tracked_directive_ids_q
        from directives.models import Directive

        user._tuson_is_reviewer = Directive.objects.filter(
            tracked_directive_ids_q(user, field="pk")
        ).exists()
    return user._tuson_is_reviewer


def can_manage_people(user):
    """The Office (and administrators) add and remove unit members and deactivate accounts."""
    return is_office(user)


def can_view_audit(user):
    """The Office and the tracking body browse the audit trail; nobody edits it."""
    return is_office(user) or is_reviewer(user)


def privilege(user):
    """How much an account may do, for comparing two accounts: administrator with every
    right (3), other admin-site account (2), the Office (1), anyone else (0). Taken from the
    account's flags and groups whether or not it is active: a locked administrator can be
    reopened."""
    if user.is_superuser:
        return 3
    if user.is_staff:
        return 2
    return 1 if OFFICE in _group_names(user) else 0


def may_manage_second_factor(actor, person):
    """Nobody removes or replaces the second factor of an account that may do more than they
    may: that would let whoever knows its password enrol a device of their own."""
    return actor.pk == person.pk or privilege(person) <= privilege(actor)


def role_group(name):
    group, _created = Group.objects.get_or_create(name=name)
    return group
