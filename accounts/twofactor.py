"""Optional TOTP two-factor sign-in (django-otp), which the Office can make compulsory for
reviewers and administrators (accounts.models.SecurityPolicy).

The decision for a session is kept in the session under SESSION_KEY:
  "ok"     nothing more to ask;
  "verify" the user has a confirmed device: ask for a code before anything else;
  "enrol"  the policy requires a device the user does not have: send them to enrolment.
It is taken at sign-in, together with the version of the policy it was taken under
(POLICY_KEY). When the Office changes the policy, a session of someone the new policy requires
a code from, and who has not given one, ends at its next request (accounts.middleware).
"""

import re

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

import audit
from accounts import roles
from accounts.models import SecurityPolicy
from audit import actions

SESSION_KEY = "tuson_2fa"
POLICY_KEY = "tuson_2fa_policy"
OK, VERIFY, ENROL = "ok", "verify", "enrol"


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_required_for(user, policy=None):
    policy = policy or SecurityPolicy.current()
    if policy.require_2fa_admins and roles.is_admin(user):
        return True
    return policy.require_2fa_reviewers and roles.is_reviewer(user)


POLICY_CACHE_KEY = "tuson:2fa-policy-version"
# Saving the policy clears the cached version at once (accounts.signals). With a per-process
# cache (no Redis) other processes see the change within this many seconds.
POLICY_CACHE_SECONDS = 60


def policy_version():
    """When the policy was last saved, as text ("" before the Office first saves it). Read
    from the cache: every request of a session without a code asks."""
    version = cache.get(POLICY_CACHE_KEY)
    if version is None:
        stamp = SecurityPolicy.objects.filter(pk=1).values_list("updated_at", flat=True).first()
        version = stamp.isoformat() if stamp else ""
        cache.set(POLICY_CACHE_KEY, version, POLICY_CACHE_SECONDS)
    return version


def forget_policy_version():
    cache.delete(POLICY_CACHE_KEY)
    # Again after commit: a request may have cached the old version in between.
    transaction.on_commit(lambda: cache.delete(POLICY_CACHE_KEY))


def state_for(user):
    if confirmed_device(user) is not None:
        return VERIFY
    return ENROL if is_required_for(user) else OK


def start_enrolment(user):
    """A fresh, unconfirmed device; a previous unfinished enrolment is discarded."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(
        user=user, name=str(settings.OTP_TOTP_ISSUER), confirmed=False
    )


def pending_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


@transaction.atomic
def confirm_enrolment(request, device, token):
    """Check the first code from the app; on success the device is the user's only one and
    the session counts as verified."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session[SESSION_KEY] = OK
    audit.record(actions.OTP_ENROLLED, request=request, obj=device.user)
    return True


class SecondFactorProtected(PermissionDenied):
    """The actor may not remove this account's second factor (roles.may_manage_second_factor)."""


def remove_devices(user, *, actor=None, request=None):
    """Remove every device of `user`. `actor` (None for the system) must not have less
    privilege than `user`; a refused attempt is audited and raises SecondFactorProtected."""
    if actor is not None and not roles.may_manage_second_factor(actor, user):
        audit.record(actions.OTP_REMOVE_REFUSED, actor=actor, request=request, obj=user,
                     changes={"reason": "outranked"})
        raise SecondFactorProtected
    with transaction.atomic():
        deleted, _detail = TOTPDevice.objects.filter(user=user).delete()
        if deleted:
            audit.record(actions.OTP_REMOVED, actor=actor, request=request, obj=user)
    return deleted


def qr_svg(device):
    """The device's otpauth:// URL as an inline SVG (no script, no external image)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)
    label = escape(gettext("Mã QR để thêm tài khoản vào ứng dụng xác thực"))
    svg = re.sub(r'width="[^"]*" height="[^"]*"',
                 f'width="220" height="220" role="img" aria-label="{label}" focusable="false"', svg, count=1)
    return mark_safe(svg)  # drawn here from a URL we built; no user markup inside


def secret_for_manual_entry(device):
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))
