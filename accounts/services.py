"""Writes about people that are not grants: creating an account, mailing a password link,
changing the security policy. Memberships and roles go through accounts/grants.py."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

import audit
from accounts import grants
from accounts.models import SecurityPolicy
from audit import actions


def password_link(user):
    """An absolute link to set a new password, valid for PASSWORD_RESET_TIMEOUT."""
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    })
    return settings.SITE_URL + path


def _mail(user, template, context):
    context = {"user": user, "link": password_link(user), "site_url": settings.SITE_URL,
               "timeout_days": settings.PASSWORD_RESET_TIMEOUT // 86400, **context}
    subject = "".join(render_to_string(f"accounts/emails/{template}_subject.txt", context).splitlines())
    body = render_to_string(f"accounts/emails/{template}.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def person_create(*, username, full_name, email, unit=None, role=None, actor=None, request=None):
    """Create an account with an unknown random password and mail its owner a link to set
    their own; optionally put them in `unit` straight away."""
    user = get_user_model().objects.create_user(
        username=username, email=email, password=secrets.token_urlsafe(32), last_name=full_name,
    )
    audit.record(actions.ACCOUNT_CREATED, actor=actor, request=request, obj=user, unit=unit,
                 changes={"username": username, "full_name": full_name, "email": email})
    if unit is not None:
        grants.add_member(unit, user, role, actor=actor, request=request)
    transaction.on_commit(lambda: _mail(user, "welcome", {"unit": unit, "role": role}))
    return user


def send_password_link(user, *, actor=None, request=None):
    """The Office sends a person a fresh link to set their password (e.g. forgotten, new phone)."""
    audit.record(actions.PASSWORD_RESET_REQUESTED, actor=actor, request=request, obj=user,
                 changes={"by": "office", "email": user.email})
    transaction.on_commit(lambda: _mail(user, "password_link", {}))


@transaction.atomic
def security_policy_update(*, require_2fa_reviewers, require_2fa_admins, actor=None, request=None):
    SecurityPolicy.objects.get_or_create(pk=1)
    policy = SecurityPolicy.objects.select_for_update().get(pk=1)
    changes = {}
    for name, value in [("require_2fa_reviewers", require_2fa_reviewers),
                        ("require_2fa_admins", require_2fa_admins)]:
        if getattr(policy, name) != value:
            changes[name] = [getattr(policy, name), value]
            setattr(policy, name, value)
    if changes:
        policy.save()
        audit.record(actions.SECURITY_POLICY_CHANGED, actor=actor, request=request, obj=policy,
                     changes=changes)
    return policy
