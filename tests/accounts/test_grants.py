"""accounts.grants audits every change of membership and role; the re-check after a write."""

import pytest
from django.db import transaction

from accounts import grants, roles
from accounts.permissions import OutOfReach, assert_still_visible
from audit.models import AuditEntry
from tasks.models import Assignment, Membership


def test_each_membership_change_is_audited_once(person, ward, office_user):
    grants.add_member(ward, person, actor=office_user)
    grants.add_member(ward, person, actor=office_user)  # unchanged: nothing new
    grants.set_member_role(ward, person, Membership.Role.HEAD, actor=office_user)
    grants.remove_member(ward, person, actor=office_user)
    assert list(AuditEntry.objects.filter(unit=ward).order_by("pk").values_list("action", flat=True)) == [
        "membership.add", "membership.change_role", "membership.remove"]
    # The group changes that go with them are not recorded a second time.
    assert not AuditEntry.objects.filter(action="permission.groups_change").exists()


def test_changing_the_role_of_a_non_member_is_refused(person, ward):
    with pytest.raises(Membership.DoesNotExist):
        grants.set_member_role(ward, person, Membership.Role.HEAD)


def test_group_changes_outside_grants_are_audited(person, ward):
    person.groups.add(ward.group)
    entry = AuditEntry.objects.get(action="permission.groups_change")
    assert entry.changes == {"add": [ward.group.name]} and entry.object_id == str(person.pk)


def test_roles_are_granted_and_revoked_with_an_entry(person, office_user):
    grants.set_role(person, roles.OBSERVER, actor=office_user)
    grants.set_role(person, roles.OBSERVER, False, actor=office_user)
    assert list(AuditEntry.objects.filter(object_id=str(person.pk)).values_list("action", flat=True)
                .order_by("pk")) == ["role.grant", "role.revoke"]


def test_tracking_grant_is_audited_when_it_changes(cast, directive):
    from directives.models import Directive
    assert AuditEntry.objects.filter(action="permission.grant_tracking", object_id=str(directive.pk)).count() == 1
    grants.grant_tracking(Directive.objects.get(pk=directive.pk))
    assert AuditEntry.objects.filter(action="permission.grant_tracking", object_id=str(directive.pk)).count() == 1


def test_recheck_after_a_write_rolls_back_a_move_out_of_reach(cast, directive):
    from tasks.models import Unit
    assignment = Assignment.objects.filter(unit__key="p-dinh-bang").first()
    elsewhere = Unit.objects.create(key="p-khac", name="Đảng ủy phường Khác", kind=Unit.Kind.WARD)
    with pytest.raises(OutOfReach):
        with transaction.atomic():
            Assignment.objects.filter(pk=assignment.pk).update(unit=elsewhere)
            assert_still_visible(Assignment.objects, cast.dinh_bang, assignment, "submit")
    assert Assignment.objects.get(pk=assignment.pk).unit.key == "p-dinh-bang"


def test_recheck_passes_when_the_object_stays_in_reach(cast, directive):
    assignment = Assignment.objects.filter(unit__key="p-dinh-bang").first()
    with transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(received_on="2022-01-10")
        assert assert_still_visible(Assignment.objects, cast.dinh_bang, assignment, "submit") == assignment


@pytest.mark.django_db(transaction=True)
def test_recheck_outside_a_transaction_is_a_programming_error(cast, directive):
    assignment = Assignment.objects.first()
    with pytest.raises(RuntimeError):
        assert_still_visible(Assignment.objects, cast.office, assignment)
