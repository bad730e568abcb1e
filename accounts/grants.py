"""The one module that writes object permissions (django-guardian) and unit memberships.

Rules encoded here:
- grants go to a unit's group, never to one user per object;
- a stronger permission implies the weaker ones (work on a unit implies viewing it,
  tracking a directive implies viewing it);
- membership of a unit is the membership of its group: removing a member takes their
  access away at once;
- every change of membership, role or account state is written to the audit trail, in the
  same transaction (`actor` and `request` say who did it and from where; None is the system).
Views and tasks call these functions; they never call guardian directly.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from guardian.shortcuts import remove_perm
from guardian.utils import get_group_obj_perms_model

import audit
from accounts import roles
from accounts.permissions import forget_read_grants
from audit import actions
from audit.context import quiet_group_changes
from tasks.models import Membership, Unit

IMPLIES = {
    "work_on_unit": ["view_unit"],
    "track_directive": ["view_directive"],
    "change_directive": ["view_directive"],
}


def _grant(codename, group, obj):
    """The permission and those it implies, on `obj`, to `group`: guardian's direct foreign-key
    rows, written in one statement (guardian's assign_perm takes four queries a permission,
    and loading a directive grants two to each of its dozens of units)."""
    names = [codename, *IMPLIES.get(codename, [])]
    model = get_group_obj_perms_model(obj)
    if model.objects.is_generic():  # every model granted on has its direct table
        raise TypeError(f"{type(obj).__name__} has no direct group object permission model")
    permissions = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), codename__in=names)
    found = list(permissions)
    if len(found) != len(names):
        missing = sorted(set(names) - {p.codename for p in found})
        raise Permission.DoesNotExist(f"no permission {', '.join(missing)} on {type(obj).__name__}")
    model.objects.bulk_create([model(group=group, permission=p, content_object=obj) for p in found],
                              ignore_conflicts=True)
    # bulk_create sends no post_save: the request's grants read so far are forgotten here
    # (removals and group changes are by their signals: accounts/signals.py).
    forget_read_grants()


def _revoke(codename, group, obj):
    for name in [codename, *IMPLIES.get(codename, [])]:
        remove_perm(name, group, obj)


def unit_group_name(unit):
    return f"unit:{unit.key}"


@transaction.atomic
def ensure_unit_group(unit):
    """Give `unit` its own group holding the right to work on the unit's assignments."""
    if unit.group_id is None:
        unit.group, _created = Group.objects.get_or_create(name=unit_group_name(unit))
        Unit.objects.filter(pk=unit.pk).update(group=unit.group)
    _grant("work_on_unit", unit.group, unit)
    return unit.group


@transaction.atomic
def add_member(unit, user, role=Membership.Role.OFFICER, *, actor=None, request=None):
    """Put `user` in `unit` with `role` (or change their role if they are already in it)."""
    group = ensure_unit_group(unit)
    before = Membership.objects.filter(user=user, unit=unit).values_list("role", flat=True).first()
    membership, _created = Membership.objects.update_or_create(
        user=user, unit=unit, defaults={"role": role}
    )
    with quiet_group_changes():
        user.groups.add(group)
    _forget_cached_groups(user)
    if before is None:
        audit.record(actions.MEMBER_ADDED, actor=actor, request=request, obj=membership, unit=unit,
                     changes={"user": user.get_username(), "role": role})
    elif before != role:
        audit.record(actions.MEMBER_ROLE_CHANGED, actor=actor, request=request, obj=membership,
                     unit=unit, changes={"user": user.get_username(), "role": [before, role]})
    return membership


def set_member_role(unit, user, role, *, actor=None, request=None):
    """Change the role of an existing member (officer ↔ head)."""
    if not Membership.objects.filter(user=user, unit=unit).exists():
        raise Membership.DoesNotExist(f"{user} is not a member of {unit}")
    return add_member(unit, user, role, actor=actor, request=request)


@transaction.atomic
def remove_member(unit, user, *, actor=None, request=None):
    membership = Membership.objects.filter(user=user, unit=unit).first()
    Membership.objects.filter(user=user, unit=unit).delete()
    if unit.group_id:
        with quiet_group_changes():
            user.groups.remove(unit.group)
    _forget_cached_groups(user)
    if membership is not None:
        audit.record(actions.MEMBER_REMOVED, actor=actor, request=request, obj=membership,
                     unit=unit, changes={"user": user.get_username(), "role": membership.role})


@transaction.atomic
def grant_tracking(directive, *, actor=None, request=None):
    """The tracking unit's group, and only it, tracks `directive`."""
    from directives.models import DirectiveGroupObjectPermission

    group = ensure_unit_group(directive.tracking_unit)
    held = DirectiveGroupObjectPermission.objects.filter(
        content_object=directive, permission__codename="track_directive"
    )
    stale = held.exclude(group=group)
    revoked = []
    for old in stale.select_related("group"):
        revoked.append(old.group.name)
        _revoke("track_directive", old.group, directive)
    is_new = not held.filter(group=group).exists()
    _grant("track_directive", group, directive)
    if is_new or revoked:
        audit.record(actions.TRACKING_GRANTED, actor=actor, request=request, obj=directive,
                     unit=directive.tracking_unit,
                     changes={"granted": group.name, "revoked": revoked})


@transaction.atomic
def set_role(user, role_name, enabled=True, *, actor=None, request=None):
    group = roles.role_group(role_name)
    had = user.groups.filter(pk=group.pk).exists()
    with quiet_group_changes():
        if enabled:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    _forget_cached_groups(user)
    if had != enabled:
        audit.record(actions.ROLE_GRANTED if enabled else actions.ROLE_REVOKED, actor=actor,
                     request=request, obj=user, changes={"role": role_name})


@transaction.atomic
def deactivate_user(user, *, actor=None, request=None):
    """Lock an account: every session of the user stops working at its next request
    (AuthenticationMiddleware refuses inactive users); memberships are kept for a
    reactivation."""
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit.record(actions.ACCOUNT_DEACTIVATED, actor=actor, request=request, obj=user)
    _forget_cached_groups(user)


@transaction.atomic
def activate_user(user, *, actor=None, request=None):
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit.record(actions.ACCOUNT_ACTIVATED, actor=actor, request=request, obj=user)


def _forget_cached_groups(user):
    user.__dict__.pop("_tuson_group_names", None)
    user.__dict__.pop("_tuson_is_reviewer", None)
