"""Who may see a report.

Two questions, two methods:

- `data_visible_to(user)`: may `user` see every figure in it? A directive's progress report
  and its overdue list hold every unit's work on the directive: the tracking body, the Office
  and observers. A unit report holds one unit's work: those, and the unit's own members.
  The job checks it for the requester when it runs, so a report is never generated for
  someone who lost access meanwhile.
- `visible_to(user)`: may `user` open it (list, page, download)? A report is a draft of its
  author's unit until it is marked sent ("Đã gửi"):
    * a draft: the requester and the members of the author's unit, if they may see its data;
    * a sent report: also the Office, observers and the members of the units of its
      distribution list that have an account (`shared_units`, fixed when it was sent), while
      its directive is visible to them;
    * a scheduled monthly report (generated as the tracking body and mailed to the Office):
      also the Office and observers.
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
    def data_visible_to(self, user):
        from accounts.permissions import unit_ids_q
        from directives.models import Directive

        if not (user.is_authenticated and user.is_active):
            return self.none()
        whole = Q(directive_id__in=whole_directive_ids(user))
        own_unit = (
            Q(kind="unit")
            & unit_ids_q(user, field="unit_id")
            & Q(directive_id__in=Directive.objects.visible_to(user, "view").values("pk"))
        )
        return self.filter(whole | own_unit)

    def visible_to(self, user, action="view"):
        from accounts.permissions import unit_ids_q
        from directives.models import Directive

        if action != "view":
            raise ValueError(f"unknown action {action!r}")
        if not (user.is_authenticated and user.is_active):
            return self.none()
        authors = Q(requested_by=user) | unit_ids_q(user, field="author_unit_id")
        drafts = Q(pk__in=self.model.objects.data_visible_to(user).filter(authors).values("pk"))
        shared = Q(pk__in=self.model.shared_units.through.objects.filter(
            unit_ids_q(user, field="unit_id")).values("report_id"))
        readers = shared | authors
        if roles.sees_everything(user):
            readers = Q(pk__isnull=False)
        sent = (Q(sent_at__isnull=False) & readers
                & Q(directive_id__in=Directive.objects.visible_to(user, "view").values("pk")))
        scheduled = Q()
        if roles.sees_everything(user):
            scheduled = Q(is_scheduled=True) & Q(
                pk__in=self.model.objects.data_visible_to(user).values("pk"))
        condition = drafts | sent
        if scheduled:
            condition |= scheduled
        return self.filter(condition)

    def listed_for(self, user):
        """The reports on the user's list: every report they may open."""
        return self.visible_to(user)
