"""The rows of a page of the dashboard's overdue list, whose ids and order the counts give
(reports.dashboard.counting): what the page shows of each assignment, with its deadline in
force and its status on the day as the counts computed them (no status query).
"""

from reports.dashboard import counting, rules


def overdue_rows(base, as_of, ids, *, revived=()):
    """The rows of the assignments `ids` of `base` (selectors.scoped_base: no date applied),
    in that order: dicts with id, unit_id, unit__name, task__key, task__title,
    task__section__number (None for the closing tasks), role, extension_count, due_as_of,
    status (tasks.status.Status, on `as_of`)."""
    if not ids:
        return []
    inputs = counting.inputs_of(base, as_of, ids, revived=revived)
    found = {}
    for row in base.filter(pk__in=ids).values(
            "id", "unit_id", "unit__name", "task__key", "task__title", "task__section__number", "role",
            "extension_count", "completed_on", "received_on"):
        if row["id"] not in inputs:
            continue
        row["due_as_of"], latest = inputs[row["id"]]
        row["status"], _bucket = rules.status_and_bucket(
            as_of, row["due_as_of"], latest, row["completed_on"], row["received_on"])
        found[row["id"]] = row
    return [found[pk] for pk in ids if pk in found]
