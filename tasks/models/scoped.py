"""Querysets of the rows that hang off an assignment (submissions, files, requests).

They are visible exactly when their assignment is: one `IN (subquery)` over
`Assignment.objects.visible_to(user, action)`, never chained related filters; the one
exception, `reviewable_by`, gives the same rows for the review scope through a join.
"""

from django.db import models


def visible_assignment_ids(user, action):
    from tasks.models import Assignment

    return Assignment.objects.visible_to(user, action).values("pk")


class AssignmentScopedQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        return self.filter(assignment_id__in=visible_assignment_ids(user, action))

    def reviewable_by(self, user):
        """The rows of visible_to(user, "review"), tested through the join to the assignment's
        task instead of an IN over the assignments: PostgreSQL can then walk an index in the
        list's order and stop at the page, where the IN hashed every tracked assignment first
        (the review queue over 100,000 assignments: docs/performance.md)."""
        from accounts.permissions import tracked_directive_ids_q

        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(tracked_directive_ids_q(user, field="assignment__task__directive_id"))


class SubmissionFileQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        from tasks.models import Submission

        return self.filter(
            submission_id__in=Submission.objects.visible_to(user, action).values("pk")
        )
