from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from accounts import twofactor
from accounts.middleware import mark_login
from accounts.models import SecurityPolicy
from accounts.permissions import forget_read_grants


@receiver(user_logged_in, dispatch_uid="accounts_mark_login")
def on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    mark_login(request)
    # Decided afresh for every sign-in, here rather than on the first page (the login views
    # refine it right after this: a code was just given, or enrolment is due).
    request.session[twofactor.SESSION_KEY] = twofactor.state_for(user)
    request.session[twofactor.POLICY_KEY] = twofactor.policy_version()


@receiver([post_save, post_delete], sender=SecurityPolicy, dispatch_uid="accounts_policy_changed")
def on_policy_changed(sender, **kwargs):
    """Saved by the Office's page, the admin or anything else: sessions re-check at their next
    request (accounts.middleware)."""
    twofactor.forget_policy_version()


def _grant_models():
    from directives.models import DirectiveGroupObjectPermission, DirectiveUserObjectPermission
    from tasks.models import UnitGroupObjectPermission, UnitUserObjectPermission

    return [DirectiveGroupObjectPermission, DirectiveUserObjectPermission, UnitGroupObjectPermission,
            UnitUserObjectPermission]


def _forget_read_grants(sender, **kwargs):
    """A grant or a group membership changed, by accounts.grants, the admin or anything else:
    the grants a request has read no longer hold (accounts.permissions.grants_read_once)."""
    forget_read_grants()


for _model in _grant_models():
    post_save.connect(_forget_read_grants, sender=_model, dispatch_uid=f"accounts_grants_{_model.__name__}_saved")
    post_delete.connect(_forget_read_grants, sender=_model, dispatch_uid=f"accounts_grants_{_model.__name__}_deleted")
m2m_changed.connect(_forget_read_grants, sender=get_user_model().groups.through,
                    dispatch_uid="accounts_grants_groups_changed")
