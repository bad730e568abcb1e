"""Reads of directives, always through the user's visible queryset."""

from django.db.models import Count, Prefetch

from accounts.permissions import get_object_for_user
from directives.models import Directive, Section, Task
from reports.dashboard.ranking import vn_key
from tasks.models import Assignment


def directives_for(user):
    return (
        Directive.objects.visible_to(user)
        .select_related("tracking_unit")
        .annotate(task_count=Count("tasks", distinct=True))
        .order_by("-issued_on", "key")
    )


def get_directive_for_user(user, pk, action="view"):
    return get_object_for_user(Directive.objects.select_related("tracking_unit"), user, pk, action)


def directive_structure(directive):
    """Parts with their tasks, assignments (and units) and cited documents, in a fixed number of queries."""
    assignments = Prefetch(
        "assignments",
        queryset=Assignment.objects.select_related("unit").order_by("role", "unit__kind", "unit__name"),
    )
    tasks = Task.objects.prefetch_related(assignments, "cited_documents").order_by("position")
    sections = (
        Section.objects.filter(directive=directive)
        .prefetch_related(Prefetch("tasks", queryset=tasks), "cited_documents")
        .order_by("number")
    )
    sections = list(sections)
    closing_tasks = list(tasks.filter(directive=directive, section__isnull=True))
    for task in [t for s in sections for t in s.tasks.all()] + closing_tasks:
        _split_units(task)
    return sections, closing_tasks


def _unit_order(unit):
    """Units of one kind together, in Vietnamese dictionary order (Đ with D), whatever the
    database's collation (SQLite compares code points and puts Đình Bảng after Tương Giang)."""
    return unit.kind, vn_key(unit.display_name)


def _split_units(task):
    assignments = task.assignments.all()
    task.lead_units = sorted((a.unit for a in assignments if a.role == Assignment.Role.LEAD), key=_unit_order)
    task.coordinating_units = sorted(
        (a.unit for a in assignments if a.role == Assignment.Role.COORDINATING), key=_unit_order)
