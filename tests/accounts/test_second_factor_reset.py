"""Nobody removes the second factor of an account with more privilege than their own (the
person page's "Xóa thiết bị xác thực" and the Django admin), and every attempt is audited."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from audit.models import AuditEntry


def _device(user):
    return TOTPDevice.objects.create(user=user, name="điện thoại", confirmed=True)


def _reset(client, person):
    return client.post(reverse("accounts:person_detail", args=[person.pk]), {"action": "reset_2fa"}, follow=True)


def test_privilege_order(cast):
    assert [roles.privilege(u) for u in (cast.admin, cast.office, cast.dinh_bang)] == [3, 2, 0]
    cast.office.is_staff = False
    assert roles.privilege(cast.office) == 1
    assert not roles.may_manage_second_factor(cast.office, cast.admin)
    assert roles.may_manage_second_factor(cast.admin, cast.office)
    assert roles.may_manage_second_factor(cast.dinh_bang, cast.dinh_bang)


def test_the_office_cannot_remove_the_administrators_device(client, cast):
    device = _device(cast.admin)
    client.force_login(cast.office)
    page = client.get(reverse("accounts:person_detail", args=[cast.admin.pk])).content.decode()
    assert 'value="reset_2fa"' not in page
    response = _reset(client, cast.admin)
    assert "quyền cao hơn" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    refused = AuditEntry.objects.get(action="auth.otp_remove_refused")
    assert (refused.actor_id, refused.object_id) == (cast.office.pk, str(cast.admin.pk))
    assert not AuditEntry.objects.filter(action="auth.otp_removed").exists()


def test_the_office_removes_an_officers_device_and_it_is_audited(client, cast):
    _device(cast.dinh_bang)
    client.force_login(cast.office)
    page = client.get(reverse("accounts:person_detail", args=[cast.dinh_bang.pk])).content.decode()
    assert 'value="reset_2fa"' in page
    _reset(client, cast.dinh_bang)
    assert not TOTPDevice.objects.filter(user=cast.dinh_bang).exists()
    removed = AuditEntry.objects.get(action="auth.otp_removed")
    assert (removed.actor_id, removed.object_id) == (cast.office.pk, str(cast.dinh_bang.pk))


def test_an_office_member_without_admin_rights_cannot_remove_an_admin_site_accounts_device(client, cast):
    cast.office.is_staff = False
    cast.office.save()
    colleague = cast.observer
    colleague.is_staff = True
    colleague.save()
    device = _device(colleague)
    client.force_login(cast.office)
    _reset(client, colleague)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEntry.objects.filter(action="auth.otp_remove_refused").count() == 1


def test_the_administrator_removes_the_offices_device(client, cast):
    _device(cast.office)
    client.force_login(cast.admin)
    _reset(client, cast.office)
    assert not TOTPDevice.objects.filter(user=cast.office).exists()


@pytest.fixture
def office_with_device_rights(cast):
    cast.office.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="otp_totp", codename__in=["view_totpdevice", "change_totpdevice",
                                                          "delete_totpdevice", "add_totpdevice"]))
    return cast.office


def test_the_admin_site_refuses_the_same_removal(client, cast, office_with_device_rights):
    device = _device(cast.admin)
    own = _device(cast.dinh_bang)
    client.force_login(office_with_device_rights)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
                       {"user": cast.admin.pk, "name": "của tôi", "confirmed": "on"}).status_code == 403
    bulk = client.post(reverse("admin:otp_totp_totpdevice_changelist"),
                       {"action": "delete_selected", "_selected_action": [device.pk, own.pk], "post": "yes"})
    assert bulk.status_code == 403
    assert TOTPDevice.objects.filter(pk__in=[device.pk, own.pk]).count() == 2
    # Adding a device of one's own to the administrator's account is refused as well.
    added = client.post(reverse("admin:otp_totp_totpdevice_add"), {
        "user": cast.admin.pk, "name": "lạ", "key": "3132333435363738393031323334353637383930",
        "step": 30, "t0": 0, "digits": 6, "tolerance": 1, "drift": 0, "confirmed": "on",
        "throttling_failure_count": 0})
    assert added.status_code == 403, added.context["adminform"].form.errors
    assert TOTPDevice.objects.filter(user=cast.admin).count() == 1
    # Its own device goes, and the admin deletion is audited.
    assert client.post(reverse("admin:otp_totp_totpdevice_delete", args=[own.pk]), {"post": "yes"}).status_code == 302
    assert AuditEntry.objects.filter(action="admin.delete", object_type="otp_totp.totpdevice").exists()
