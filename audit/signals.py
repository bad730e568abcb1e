"""Sign-in events and group changes made outside accounts.grants (e.g. the Django admin)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

import audit
from audit import actions
from audit.context import group_changes_are_quiet


def _username(credentials):
    return str((credentials or {}).get("username") or "")[:150]


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_login(sender, request, user, **kwargs):
    audit.record(actions.LOGIN, actor=user, obj=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        reason = getattr(request, "tuson_logout_reason", "")
        audit.record(actions.SESSION_EXPIRED if reason else actions.LOGOUT, actor=user, obj=user,
                     request=request, changes={"reason": reason} if reason else None)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = _username(credentials)
    user = get_user_model().objects.filter(username=username).first() if username else None
    changes = {"username": username}
    if getattr(request, "axes_locked_out", False) and getattr(request, "axes_failures_since_start", 0) is None:
        changes["blocked"] = True  # refused because the pair was already locked
    if kwargs.get("otp"):
        changes["step"] = "otp"
    audit.record(actions.OTP_FAILED if kwargs.get("otp") else actions.LOGIN_FAILED,
                 actor=user, obj=user, request=request, actor_name=username, changes=changes)


@receiver(user_locked_out, dispatch_uid="audit_lockout")
def on_lockout(sender, request, username, ip_address, **kwargs):
    # axes also sends this for every attempt refused during a lockout; record the lockout once.
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    username = str(username or "")[:150]
    user = get_user_model().objects.filter(username=username).first() if username else None
    audit.record(actions.LOCKOUT, actor=user, obj=user, request=request, actor_name=username,
                 changes={"username": username, "failures": request.axes_failures_since_start})


def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if group_changes_are_quiet() or action not in ("post_add", "post_remove", "pre_clear"):
        return
    User = get_user_model()
    if reverse:  # group.user_set.add(...)
        users = list(instance.user_set.all() if action == "pre_clear"
                     else User.objects.filter(pk__in=pk_set or []))
        names = [instance.name]
    else:
        users = [instance]
        if action == "pre_clear":
            names = list(instance.groups.values_list("name", flat=True))
        else:
            names = list(model.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    if not names:
        return
    verb = "add" if action == "post_add" else "remove"
    for user in users:
        audit.record(actions.GROUPS_CHANGED, obj=user, changes={verb: sorted(names)})


def connect():
    m2m_changed.connect(on_groups_changed, sender=get_user_model().groups.through,
                        dispatch_uid="audit_groups_changed")
