"""Who hears about a workflow event."""

from django.contrib.auth import get_user_model


def unit_members(unit_id):
    return get_user_model().objects.filter(memberships__unit_id=unit_id, is_active=True).distinct()


def reviewers_of(directive):
    """The members of the unit that tracks the directive (the City Military Party Committee)."""
    return unit_members(directive.tracking_unit_id)
