from django.db import models
from django.db.models import Q

from accounts import roles


class DirectiveQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        """Directives `user` may act on.

        view:   everything for the Office and administrators; published and closed ones
                for observers; otherwise the ones the user tracks or has work under;
        track:  the ones the user's unit tracks;
        change: the Office only.
        """
        from accounts.permissions import tracked_directive_ids_q, unit_ids_q
        from tasks.models import Assignment

        if not (user.is_authenticated and user.is_active):
            return self.none()
        if action == "change":
            return self if roles.is_office(user) else self.none()
        tracked = tracked_directive_ids_q(user, field="pk")
        if action == "track":
            return self.filter(tracked)
        if action != "view":
            raise ValueError(f"unknown action {action!r}")
        if roles.is_office(user):
            return self
        issued = self.exclude(status=self.model.Status.DRAFT)
        if roles.is_observer(user):
            return issued
        with_work = Assignment.objects.filter(unit_ids_q(user)).values("task__directive_id")
        return issued.filter(tracked | Q(pk__in=with_work))
