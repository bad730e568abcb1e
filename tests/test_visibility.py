"""The read side of permissions: who sees which assignments and directives."""

from directives.models import Directive
from tasks.models import Assignment


def unit_keys(qs):
    return set(qs.values_list("unit__key", flat=True))


def test_ward_officer_sees_only_own_ward(cast, directive):
    assert unit_keys(Assignment.objects.visible_to(cast.dinh_bang)) == {"p-dinh-bang"}
    assert unit_keys(Assignment.objects.visible_to(cast.tuong_giang)) == {"p-tuong-giang"}


def test_reviewer_sees_every_unit_of_the_tracked_directive(cast, directive):
    visible = Assignment.objects.visible_to(cast.reviewer)
    assert visible.count() == Assignment.objects.filter(task__directive=directive).count()
    assert Assignment.objects.visible_to(cast.reviewer, "review").count() == visible.count()


def test_reviewer_cannot_submit_for_a_ward(cast, directive):
    assert not Assignment.objects.visible_to(cast.reviewer, "submit").filter(unit__key="p-dinh-bang").exists()


def test_office_and_observer_see_everything_but_cannot_review(cast, directive):
    total = Assignment.objects.count()
    assert Assignment.objects.visible_to(cast.office).count() == total
    assert Assignment.objects.visible_to(cast.observer).count() == total
    assert not Assignment.objects.visible_to(cast.observer, "review").exists()
    assert not Assignment.objects.visible_to(cast.observer, "submit").exists()


def test_anonymous_and_inactive_see_nothing(cast, directive, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not Assignment.objects.visible_to(AnonymousUser()).exists()
    cast.dinh_bang.is_active = False
    assert not Assignment.objects.visible_to(cast.dinh_bang).exists()


def test_removing_a_member_takes_access_away_at_once(cast, directive):
    from accounts import grants
    from tasks.models import Unit

    grants.remove_member(Unit.objects.get(key="p-dinh-bang"), cast.dinh_bang)
    assert not Assignment.objects.visible_to(cast.dinh_bang).exists()
    assert not Directive.objects.visible_to(cast.dinh_bang).exists()


def test_person_in_two_units_sees_both(cast, directive):
    from accounts import grants
    from tasks.models import Unit

    grants.add_member(Unit.objects.get(key="p-tam-son"), cast.dinh_bang)
    assert unit_keys(Assignment.objects.visible_to(cast.dinh_bang)) == {"p-dinh-bang", "p-tam-son"}


def test_visible_queryset_does_not_duplicate_rows(cast, directive):
    from accounts import grants
    from tasks.models import Unit

    # Member of the tracking unit and of a ward: every row still appears once.
    grants.add_member(Unit.objects.get(key="p-dinh-bang"), cast.reviewer)
    qs = Assignment.objects.visible_to(cast.reviewer)
    assert qs.count() == qs.distinct().count() == Assignment.objects.count()
