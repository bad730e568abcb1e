"""Querysets of the rows that hang off an assignment (submissions, files, requests).

They are visible exactly when their assignment is: one `IN (subquery)` over
`Assignment.objects.visible_to(user, action)`, never chained related filters.
"""

from django.db import models


def visible_assignment_ids(user, action):
    from tasks.models import Assignment

    return Assignment.objects.visible_to(user, action).values("pk")


class AssignmentScopedQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        return self.filter(assignment_id__in=visible_assignment_ids(user, action))


class SubmissionFileQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        from tasks.models import Submission

        return self.filter(
            submission_id__in=Submission.objects.visible_to(user, action).values("pk")
        )
