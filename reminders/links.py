"""Links from a reminder to the work it is about (absolute in mail: settings.SITE_URL)."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def assignment_path(assignment):
    try:
        return reverse("tasks:assignment_detail", args=[assignment.pk])
    except NoReverseMatch:
        # Until the workflow's assignment page exists, the directive page lists the task.
        return reverse("directives:detail", args=[assignment.task.directive_id])


def absolute(path):
    return f"{settings.SITE_URL}{path}"
