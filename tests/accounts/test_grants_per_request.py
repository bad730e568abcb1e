"""Within a request each kind of grant of a user is read once and the permission filters
name the ids (accounts.permissions.grants_read_once); whatever changes a grant or a group
membership makes the request read them again."""

import contextlib

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import grants
from accounts.permissions import grants_read_once
from tasks.models import Assignment, Unit


def _other_ward():
    unit = Unit.objects.create(key="p-khac", name="Đảng ủy phường Khác", kind=Unit.Kind.WARD)
    grants.ensure_unit_group(unit)
    return unit


def test_outside_a_request_the_filter_is_a_subquery(person, ward):
    grants.add_member(ward, person)
    sql = str(Assignment.objects.visible_to(person, "submit").query)
    assert "unitgroupobjectpermission" in sql.lower()


def test_within_a_request_the_grants_are_read_once_and_named(person, ward):
    grants.add_member(ward, person)
    with grants_read_once(), CaptureQueriesContext(connection) as queries:
        first = Assignment.objects.visible_to(person, "submit")
        second = Unit.objects.filter(pk__in=Assignment.objects.visible_to(person, "submit").values("unit_id"))
        assert f'"unit_id" IN ({ward.pk})' in str(first.query)
        list(second)
    reads = [q for q in queries if "unitgroupobjectpermission" in q["sql"].lower()]
    assert len(reads) == 1


def test_a_membership_written_within_the_request_is_seen(person, ward):
    other = _other_ward()
    grants.add_member(ward, person)
    with grants_read_once():
        assert str(ward.pk) in str(Assignment.objects.visible_to(person, "submit").query)
        grants.add_member(other, person)
        sql = str(Assignment.objects.visible_to(person, "submit").query)
        assert f"IN ({', '.join(map(str, sorted([ward.pk, other.pk])))})" in sql
        grants.remove_member(ward, person)
        assert f'"unit_id" IN ({other.pk})' in str(Assignment.objects.visible_to(person, "submit").query)


def test_a_group_changed_outside_accounts_grants_is_seen(person, ward):
    other = _other_ward()
    grants.add_member(ward, person)
    with grants_read_once():
        Assignment.objects.visible_to(person, "submit").exists()
        person.groups.add(other.group)  # the admin's user form, say
        assert str(other.pk) in str(Assignment.objects.visible_to(person, "submit").query)


def test_requests_do_not_share_what_they_read(client, person, ward):
    """The middleware opens and closes the reading for each request."""
    from accounts.permissions import _read_grants

    grants.add_member(ward, person)
    client.force_login(person)
    client.get("/")
    assert _read_grants.get() is None


def test_a_grant_deleted_outside_accounts_grants_is_seen(person, ward):
    """A permission row deleted as the admin would (a queryset delete) within the request."""
    from directives.models import Directive, DirectiveGroupObjectPermission

    grants.add_member(ward, person)
    directive = Directive.objects.create(key="ct-thu", number="1", symbol="CT/TU", tracking_unit=ward,
                                         issued_on="2022-01-04", year=2022)
    grants.grant_tracking(directive)
    with grants_read_once():
        assert Directive.objects.visible_to(person, "track").filter(pk=directive.pk).exists()
        DirectiveGroupObjectPermission.objects.filter(content_object=directive).delete()
        assert not Directive.objects.visible_to(person, "track").filter(pk=directive.pk).exists()


def test_unit_ids_and_tracks_answer_as_the_querysets_do(person, ward):
    """unit_ids(user) and tracks(user, directive id), in a request or not: what
    Unit/Directive.objects.visible_to name, from the same grants, writes within seen."""
    from accounts.permissions import tracks, unit_ids
    from directives.models import Directive

    for reading_once, year in ((False, 2030), (True, 2031)):
        other = _other_ward() if year == 2030 else Unit.objects.get(key="p-khac")
        directive = Directive.objects.create(
            key=f"01-CT-TU-{year}", number="01", symbol="CT/TU", document_type="CHỈ THỊ", summary="Thử",
            issued_on=f"{year}-01-04", year=year, tracking_unit=ward)
        grants.add_member(ward, person)
        with grants_read_once() if reading_once else contextlib.nullcontext():
            assert unit_ids(person) == [ward.pk]
            assert tracks(person, directive.pk) is False
            grants.grant_tracking(directive)
            assert tracks(person, directive.pk) is True and tracks(person, directive.pk + 100) is False
            assert Directive.objects.visible_to(person, "track").filter(pk=directive.pk).exists()
            grants.add_member(other, person)
            assert unit_ids(person) == sorted([ward.pk, other.pk])
        grants.remove_member(other, person)
