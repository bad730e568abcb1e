"""The rows of a page of the dashboard's overdue list, whose ids and order the counts give
(reports.dashboard.counting): what the page shows of each assignment, from the assignments'
facts (reports.dashboard.facts) and the tasks' columns read with them once per data version,
with its deadline in force and its status on the day as the counts computed them (no query).
"""

from reports.dashboard import counting, rules
from reports.dashboard.facts import ROLE_CODES, assignment_facts, from_day_number
from reports.dashboard.matrix import every_task

ROLES = {code: role for role, code in ROLE_CODES.items()}


def tasks_by_id(base):
    """{task id: MatrixTask} of the tasks of the facts of `base`, once per data version."""
    return counting.derived(base, "tasks_by_id", lambda f: {task.task_id: task for task in every_task(base)})


def overdue_rows(base, as_of, ids, *, revived=()):
    """The rows of the assignments `ids` of `base` (selectors.scoped_base: no date applied),
    in that order: dicts with id, unit_id, task (a MatrixTask: key, title, part), role,
    extension_count, due_as_of, status (tasks.status.Status, on `as_of`)."""
    if not ids:
        return []
    inputs = counting.inputs_of(base, as_of, ids, revived=revived)
    f = assignment_facts(base)
    tasks = tasks_by_id(base)
    at = f.id.searchsorted(list(inputs))
    columns = (f.unit_id, f.task_id, f.role, f.extension_count, f.completed_on, f.received_on)
    found = {}
    for (pk, (due, latest)), unit_id, task_id, role, extensions, completed, received in zip(
            inputs.items(), *(column[at].tolist() for column in columns)):
        completed, received = from_day_number(completed), from_day_number(received)
        status, _bucket = rules.status_and_bucket(as_of, due, latest, completed, received)
        found[pk] = {"id": pk, "unit_id": unit_id, "task": tasks[task_id], "role": ROLES.get(role),
                     "extension_count": extensions, "due_as_of": due, "status": status}
    return [found[pk] for pk in ids if pk in found]
