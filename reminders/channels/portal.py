from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import Notification
from notifications.services import notify
from reminders.bundle import short_date
from reminders.models import Rule

KIND_OF_RULE = {Rule.URGE: Notification.Kind.URGE, Rule.ESCALATION: Notification.Kind.ESCALATION}


class PortalChannel:
    """The bell: one item per assignment, at once. Written in the same transaction that marks
    the dispatch sent, so this channel is exactly once without any window."""

    name = "portal"
    label = gettext_lazy("Thông báo trên cổng")
    daily_digest = False

    def can_reach(self, user):
        return True

    def send(self, bundle):
        with translation.override(settings.LANGUAGE_CODE):
            for item in bundle.items:
                kind = KIND_OF_RULE.get(item.main_rule, Notification.Kind.REMINDER)
                lines = [_("%(unit)s · Thời hạn: %(date)s") % {
                    "unit": item.unit_name, "date": short_date(item.due_date)}, *item.reasons]
                if bundle.urge is not None:
                    lines.append(bundle.urge.message)
                body = "\n".join(str(line) for line in lines)
                notify([bundle.recipient], kind, f"{item.headline}: {item.task_label}",
                       body=body, url=item.path)
