from django import template

from reminders import selectors
from reminders.models import DeliveryStatus

register = template.Library()

STATUS_BADGE = {
    DeliveryStatus.PENDING: "text-bg-secondary",
    DeliveryStatus.SENT: "text-bg-success",
    DeliveryStatus.FAILED: "text-bg-danger",
    DeliveryStatus.SKIPPED: "text-bg-light border",
}


@register.simple_tag
def can_view_reminder_log(user):
    return selectors.can_view_log(user)


@register.filter
def status_badge(status):
    return STATUS_BADGE.get(status, "text-bg-secondary")


@register.filter
def get_item_or_code(mapping, key):
    """A channel's label, or its code when the channel is no longer configured."""
    return mapping.get(key, key)
