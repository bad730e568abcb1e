from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts import twofactor
from accounts.middleware import mark_login
from accounts.models import SecurityPolicy


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
