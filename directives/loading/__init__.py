"""Load a directive from its structured form (docs/directive-format.md).

All-or-nothing: the data is validated completely before anything is written, every error
names the source and the place, and the writes run in one transaction. Loading the same
data twice changes nothing: rows are matched on their natural keys.
"""

from pathlib import Path

import yaml
from django.db import transaction

from .validation import LoadError, Validator
from .writing import LoadResult, Writer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

__all__ = ["DATA_DIR", "LoadError", "LoadResult", "load_directive", "load_file", "read_file"]


def read_file(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LoadError(path.name, [("", "không tìm thấy tệp")]) from None
    except UnicodeDecodeError as exc:
        raise LoadError(path.name, [("", f"tệp không phải UTF-8 ({exc.reason})")]) from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        place = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        raise LoadError(path.name, [(place, f"YAML không hợp lệ: {exc.problem}")]) from None
    except yaml.YAMLError as exc:
        raise LoadError(path.name, [("", f"YAML không hợp lệ: {exc}")]) from None


def load_file(path, *, actor=None, request=None):
    """Load a hand-written file: keys outside the format are refused (a misspelt key would
    otherwise fall back to its default without a word)."""
    return load_directive(read_file(path), source=Path(path).name, actor=actor, request=request,
                          strict=True)


def load_directive(data, source="<dữ liệu>", *, actor=None, request=None, strict=False):
    """Validate, then write in one transaction; a load that changed anything is audited."""
    import audit
    from audit import actions
    from directives.models import Directive, Task

    plan = Validator(data, source, strict=strict).validate()
    with transaction.atomic():
        result = Writer(plan, source).write()
        if result.changed:
            summary = {"source": source, "created": dict(result.created),
                       "updated": dict(result.updated), "deleted": dict(result.deleted)}
            if result.tasks_created:
                summary["tasks_created"] = result.tasks_created
            if result.tasks_deleted:
                summary["tasks_deleted"] = result.tasks_deleted
            audit.record(actions.DIRECTIVE_LOADED, actor=actor, obj=result.directive,
                         request=request, changes=summary)
        # What changed in rows that were already there, object by object (old and new value).
        kinds = {Directive: actions.DIRECTIVE_CHANGED, Task: actions.TASK_CHANGED}
        for obj, diff in result.changes:
            audit.record(kinds.get(type(obj), actions.ASSIGNMENT_CHANGED), actor=actor, obj=obj,
                         request=request, changes={"source": source, **diff})
        _notify_units_on_commit(result)
        return result


def _notify_units_on_commit(result):
    """Units learn of work newly assigned to them under the bell once the load has committed;
    a draft directive stays silent until it is published."""
    from directives.models import Directive
    from tasks.notifying import notify_new_assignments

    ids = list(result.new_assignment_ids)
    if ids and result.directive.status == Directive.Status.PUBLISHED:
        transaction.on_commit(lambda: notify_new_assignments(ids))
