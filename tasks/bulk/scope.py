"""Which assignments a person's spreadsheet holds, and what they may change in each."""

from django.db.models import Q

from directives.models import Directive
from tasks.models import Assignment


def sheet_assignments(user):
    """Open work of published directives the person submits for or reviews."""
    submit = Assignment.objects.visible_to(user, "submit").values("pk")
    review = Assignment.objects.visible_to(user, "review").values("pk")
    return Assignment.objects.filter(Q(pk__in=submit) | Q(pk__in=review)).active().filter(
        task__directive__status=Directive.Status.PUBLISHED)


def editable_ids(user):
    """(ids whose progress and note the person updates, ids whose deadline they set)."""
    submit = set(Assignment.objects.visible_to(user, "submit").values_list("pk", flat=True))
    review = set(Assignment.objects.visible_to(user, "review").values_list("pk", flat=True))
    return submit, review
