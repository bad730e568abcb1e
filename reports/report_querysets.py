"""Who may see a PDF report: exactly who may see the data in it.

- A directive's progress report and its overdue list hold every unit's work on the
  directive: visible to the people who track it (the tracking body), and to the Office and
  observers (who read everything the directive queryset shows them).
- A unit report holds one unit's work: visible to those, and to the unit's own members.

The same rule is applied when the job runs (the requester must still pass it) and on every
download, so a report never outlives its reader's access to the data.
"""

from django.db import models
from django.db.models import Q

from accounts import roles


def whole_directive_ids(user):
    """Ids of the directives all of whose data `user` may read (a subquery)."""
    from directives.models import Directive

    tracked = Directive.objects.visible_to(user, "track")
    if roles.sees_everything(user):
        visible = Directive.objects.visible_to(user, "view")
        return Directive.objects.filter(
            Q(pk__in=tracked.values("pk")) | Q(pk__in=visible.values("pk"))
        ).values("pk")
    return tracked.values("pk")


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        from accounts.permissions import unit_ids_q
        from directives.models import Directive

        if action != "view":
            raise ValueError(f"unknown action {action!r}")
        if not (user.is_authenticated and user.is_active):
            return self.none()
        whole = Q(directive_id__in=whole_directive_ids(user))
        own_unit = (
            Q(kind="unit")
            & unit_ids_q(user, field="unit_id")
            & Q(directive_id__in=Directive.objects.visible_to(user, "view").values("pk"))
        )
        return self.filter(whole | own_unit)

    def listed_for(self, user):
        """The reports on the user's list: the ones they asked for, and the scheduled ones
        they may read."""
        return self.visible_to(user).filter(Q(requested_by=user) | Q(is_scheduled=True))
