"""The Office manages units' members and accounts from the portal."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import grants, roles
from audit.models import AuditEntry
from tasks.models import Membership


def post_unit(client, unit, **data):
    return client.post(reverse("accounts:unit_detail", args=[unit.pk]), data)


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return office_user


def test_only_the_office_reaches_the_people_pages(client, person, ward):
    client.force_login(person)
    for url in [reverse("accounts:unit_list"), reverse("accounts:person_list"), reverse("accounts:security_policy"),
                reverse("accounts:unit_detail", args=[ward.pk]), reverse("accounts:person_detail", args=[person.pk])]:
        assert client.get(url).status_code == 404, url


def test_unit_list_shows_units_and_their_members(client, office, ward, person):
    grants.add_member(ward, person, Membership.Role.HEAD)
    html = client.get(reverse("accounts:unit_list")).content.decode()
    assert ward.name in html and "Nguyễn Văn An" in html


def test_office_adds_an_existing_person_with_a_role(client, office, ward, person):
    response = post_unit(client, ward, action="add_existing", user=person.pk, role="head")
    assert response.status_code == 302
    assert Membership.objects.get(unit=ward, user=person).role == "head"
    assert person.groups.filter(pk=ward.group_id).exists()
    entry = AuditEntry.objects.get(action="membership.add")
    assert entry.actor == office and entry.unit_id == ward.pk and entry.changes["role"] == "head"


def test_adding_someone_twice_is_refused_next_to_the_field(client, office, ward, person):
    grants.add_member(ward, person)
    response = post_unit(client, ward, action="add_existing", user=person.pk, role="officer")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="id_user_error"' in html and "đã là thành viên của đơn vị" in html


def test_office_creates_a_new_account_which_gets_a_password_mail(client, office, ward, django_user_model,
                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_unit(client, ward, **{"action": "add_new", "new-username": "le.thi.hoa",
                                              "new-full_name": "Lê Thị Hoa", "new-email": "hoa@tuson.local",
                                              "new-role": "officer"})
    assert response.status_code == 302
    user = django_user_model.objects.get(username="le.thi.hoa")
    assert user.get_full_name() == "Lê Thị Hoa" and user.has_usable_password()
    assert Membership.objects.filter(unit=ward, user=user).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa@tuson.local"] and "Kính gửi đồng chí Lê Thị Hoa" in message.body
    assert "/dat-lai-mat-khau/" in message.body and ward.name in message.body
    assert {"account.create", "membership.add"} <= set(AuditEntry.objects.values_list("action", flat=True))


def test_new_account_form_keeps_what_was_typed_and_explains_errors(client, office, ward, person):
    response = post_unit(client, ward, **{"action": "add_new", "new-username": person.username,
                                          "new-full_name": "Người Trùng Tên", "new-email": "khong-hop-le",
                                          "new-role": "officer"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Tên đăng nhập này đã có người dùng" in html and "Địa chỉ thư điện tử không hợp lệ" in html
    assert 'value="Người Trùng Tên"' in html
    assert 'aria-describedby="id_new-username_helptext id_new-username_error"' in html


def test_office_changes_a_role(client, office, ward, person):
    membership = grants.add_member(ward, person)
    post_unit(client, ward, action="set_role", membership=membership.pk, role="head")
    assert Membership.objects.get(pk=membership.pk).role == "head"
    assert AuditEntry.objects.get(action="membership.change_role").changes["role"] == ["officer", "head"]


def test_removing_a_member_takes_access_away_at_once(client, office, ward, person):
    membership = grants.add_member(ward, person)
    from accounts.permissions import unit_ids_q
    from tasks.models import Unit
    assert Unit.objects.filter(unit_ids_q(person, field="pk")).exists()
    response = post_unit(client, ward, action="remove", membership=membership.pk)
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not Unit.objects.filter(unit_ids_q(person, field="pk")).exists()
    assert AuditEntry.objects.get(action="membership.remove").unit_id == ward.pk


def test_a_membership_of_another_unit_cannot_be_removed_through_this_one(client, office, ward, person):
    from tasks.models import Unit
    other_unit = Unit.objects.create(key="p-khac", name="Phường Khác", kind=Unit.Kind.WARD)
    membership = grants.add_member(other_unit, person)
    post_unit(client, ward, action="remove", membership=membership.pk)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_office_deactivates_an_account_and_its_session_ends(client, office, person):
    victim = client.__class__()
    victim.force_login(person)
    assert victim.get(reverse("accounts:profile")).status_code == 200
    response = client.post(reverse("accounts:person_detail", args=[person.pk]), {"action": "deactivate"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert victim.get(reverse("accounts:profile")).status_code == 302
    assert AuditEntry.objects.filter(action="account.deactivate", object_id=str(person.pk)).exists()
    client.post(reverse("accounts:person_detail", args=[person.pk]), {"action": "activate"})
    person.refresh_from_db()
    assert person.is_active


def test_office_cannot_lock_itself_or_an_administrator(client, office, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@tuson.local", "x")
    for target in (office, admin):
        client.post(reverse("accounts:person_detail", args=[target.pk]), {"action": "deactivate"})
        target.refresh_from_db()
        assert target.is_active


def test_office_grants_the_observer_role_but_not_the_office_role(client, office, person):
    client.post(reverse("accounts:person_detail", args=[person.pk]),
                {"action": "roles", "roles-observer": "on", "roles-office": "on"})
    person = type(person).objects.get(pk=person.pk)
    assert roles.is_observer(person) and not roles.is_office(person)
    assert AuditEntry.objects.get(action="role.grant", object_id=str(person.pk)).changes == {"role": roles.OBSERVER}


def test_office_sends_a_password_link(client, office, person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:person_detail", args=[person.pk]), {"action": "send_password_link"})
    assert mail.outbox[0].to == [person.email] and "/dat-lai-mat-khau/" in mail.outbox[0].body


def test_office_requires_two_factor_for_reviewers(client, office):
    from accounts.models import SecurityPolicy
    client.post(reverse("accounts:security_policy"), {"require_2fa_reviewers": "on"})
    assert SecurityPolicy.current().require_2fa_reviewers
    assert AuditEntry.objects.get(action="security.policy_change").changes == {
        "require_2fa_reviewers": [False, True]}


@pytest.mark.parametrize("url_name", ["accounts:unit_list", "accounts:person_list"])
def test_people_lists_run_the_same_queries_for_5_and_100_people(client, office, ward, django_user_model,
                                                                 django_assert_num_queries, url_name):
    from tasks.models import Unit

    def add(n, start):
        for i in range(start, start + n):
            unit = Unit.objects.create(key=f"u-{i}", name=f"Đơn vị {i}", kind=Unit.Kind.DEPARTMENT)
            user = django_user_model.objects.create_user(f"can.bo.{i}", last_name=f"Cán bộ {i}")
            grants.add_member(unit, user)
            grants.add_member(ward, user)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(url_name)).status_code == 200
        return len(ctx)

    add(5, 0)
    small = count()
    add(95, 5)
    assert count() == small


def test_a_removed_officer_loses_the_directive_on_the_next_request(client, cast, directive):
    from django.test import Client
    from tasks.models import Unit

    officer = Client()
    officer.force_login(cast.dinh_bang)
    url = reverse("directives:detail", args=[directive.pk])
    assert officer.get(url).status_code == 200
    client.force_login(cast.office)
    unit = Unit.objects.get(key="p-dinh-bang")
    membership = Membership.objects.get(unit=unit, user=cast.dinh_bang)
    post_unit(client, unit, action="remove", membership=membership.pk)
    assert officer.get(url).status_code == 404
