"""Writing a validated directive plan: upserts on natural keys, so a second load changes nothing."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from accounts import grants
from directives.models import CitedDocument, Directive, Recipient, Section, Task
from tasks.models import Assignment, Unit

from .validation import LoadError

# Changes to existing rows of these models are audited object by object (what changed, old
# and new); creations on a first load are summed up in the load's own entry.
AUDITED_ONE_BY_ONE = (Directive, Task, Assignment)


def _plain(value):
    """An audit-friendly form of a field value: a related object by its text, not its pk."""
    if hasattr(value, "_meta"):
        return str(value)
    return value


@dataclass
class LoadResult:
    directive: Directive
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    new_assignment_ids: list = field(default_factory=list)
    # (object, {field: [old, new]}) for each directive, task and assignment that existed
    # before the load and was changed by it: each gets its own audit entry.
    changes: list = field(default_factory=list)
    # Keys of the tasks a reload added to, or removed from, a directive that already existed.
    tasks_created: list = field(default_factory=list)
    tasks_deleted: list = field(default_factory=list)

    @property
    def changed(self):
        return bool(+self.created or +self.updated or +self.deleted)


class Writer:
    def __init__(self, plan, source="<dữ liệu>"):
        self.plan = plan
        self.source = source
        self.result = None

    def _upsert(self, model, lookup, values):
        label = model._meta.model_name
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.result.created[label] += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            diff = {name: [_plain(getattr(obj, name)), _plain(values[name])] for name in changed}
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.result.updated[label] += 1
            if model in AUDITED_ONE_BY_ONE:
                self.result.changes.append((obj, diff))
        return obj

    def _set_m2m(self, manager, objects, label):
        wanted = {o.pk for o in objects}
        current = set(manager.values_list("pk", flat=True))
        if wanted != current:
            manager.set(objects)
            self.result.updated[label] += 1

    def write(self):
        plan = self.plan
        self.result = LoadResult(directive=None)
        units = self._units(plan["units"])
        documents = {
            key: self._upsert(CitedDocument, {"key": key}, values)
            for key, values in plan["documents"].items()
        }
        header = dict(plan["directive"])
        key = header.pop("key")
        header["tracking_unit"] = units.get(header["tracking_unit"]) or Unit.objects.get(
            key=header["tracking_unit"]
        )
        directive = self._upsert(Directive, {"key": key}, header)
        self.result.directive = directive
        self._reload = not self.result.created["directive"]
        self._set_m2m(directive.cited_documents, list(documents.values()), "directive_documents")

        unit_by_key = {u.key: u for u in Unit.objects.all()}
        sections = {}
        for s in plan["sections"]:
            section = self._upsert(
                Section, {"directive": directive, "number": s["number"]},
                {"title": s["title"], "text": s["text"]},
            )
            self._set_m2m(section.cited_documents, [documents[k] for k in s["cites"]], "section_documents")
            sections[s["number"]] = section
        kept_tasks = []
        for s in plan["sections"]:
            for position, t in enumerate(s["tasks"], start=1):
                kept_tasks.append(self._task(directive, sections[s["number"]], position, t, documents, unit_by_key))
        for position, t in enumerate(plan["closing_tasks"], start=1):
            kept_tasks.append(self._task(directive, None, position, t, documents, unit_by_key))
        stale_tasks = Task.objects.filter(directive=directive).exclude(pk__in=[t.pk for t in kept_tasks])
        self.result.tasks_deleted = list(stale_tasks.order_by("position").values_list("key", flat=True))
        self._delete_stale(stale_tasks)
        self._delete_stale(Section.objects.filter(directive=directive).exclude(pk__in=[s.pk for s in sections.values()]))
        self._recipients(directive, plan["distribution"])
        grants.grant_tracking(directive)
        return self.result

    def _units(self, units):
        created = {}
        for key, values in units.items():
            created[key] = self._upsert(
                Unit, {"key": key}, {k: v for k, v in values.items() if k != "parent"}
            )
        for key, values in units.items():
            parent = created.get(values["parent"]) or (
                Unit.objects.get(key=values["parent"]) if values["parent"] else None
            )
            unit = created[key]
            if unit.parent_id != (parent.pk if parent else None):
                unit.parent = parent
                unit.save(update_fields=["parent"])
                self.result.updated["unit"] += 1
        for unit in created.values():
            grants.ensure_unit_group(unit)
        return created

    def _task(self, directive, section, position, t, documents, unit_by_key):
        target = t["target_value"]
        values = {
            "section": section,
            "position": position,
            "title": t["title"],
            "description": t["description"],
            "kind": t["kind"],
            "deadline": t["deadline"],
            "deadline_proposed": t["deadline_proposed"],
            "deadline_note": t["deadline_note"],
            "event_date": t["event_date"],
            "target_value": None if target is None else Decimal(str(target)),
            "target_unit": t["target_unit"],
            "period": t.get("period"),
            "series": t.get("series"),
        }
        created_before = self.result.created["task"]
        task = self._upsert(Task, {"directive": directive, "key": t["key"]}, values)
        if self._reload and self.result.created["task"] > created_before:
            self.result.tasks_created.append(task.key)
        self._set_m2m(task.cited_documents, [documents[k] for k in t["cites"]], "task_documents")
        roles = {k: Assignment.Role.LEAD for k in t["lead"]}
        roles.update({k: Assignment.Role.COORDINATING for k in t["coordinating"]})
        existing = {a.unit.key: a for a in task.assignments.select_related("unit")}
        new = [
            Assignment(
                task=task, unit=unit_by_key[unit_key], role=role,
                original_due_date=task.deadline, due_date=task.deadline,
            )
            for unit_key, role in roles.items() if unit_key not in existing
        ]
        Assignment.objects.bulk_create(new)
        self.result.created["assignment"] += len(new)
        self.result.new_assignment_ids += [a.pk for a in new]
        for unit_key, role in roles.items():
            assignment = existing.get(unit_key)
            if assignment is None:
                continue
            changed, diff = [], {}
            if assignment.role != role:
                diff["role"] = [assignment.role, role]
                assignment.role = role
                changed.append("role")
            # A deadline changed in the data moves assignments that were never extended.
            if assignment.extension_count == 0 and assignment.original_due_date != task.deadline:
                diff["due_date"] = [assignment.due_date, task.deadline]
                assignment.original_due_date = assignment.due_date = task.deadline
                changed += ["original_due_date", "due_date"]
            if changed:
                assignment.save(update_fields=changed)
                self.result.updated["assignment"] += 1
                self.result.changes.append((assignment, diff))
        self._delete_stale(task.assignments.exclude(unit__key__in=list(roles)))
        return task

    def _delete_stale(self, queryset):
        """Remove rows the data no longer has, unless units have already reported on them."""
        from tasks.models import Submission

        model = queryset.model
        if model is Assignment:
            blocked = Submission.objects.filter(assignment__in=queryset)
        elif model is Task:
            blocked = Submission.objects.filter(assignment__task__in=queryset)
        else:
            blocked = Submission.objects.filter(assignment__task__section__in=queryset)
        if blocked.exists():
            raise LoadError(self.source, [(
                model._meta.model_name,
                "không thể bỏ nhiệm vụ hoặc đơn vị đã có văn bản nộp; hãy hủy giao nhiệm vụ thay vì xóa",
            )])
        count, _details = queryset.delete()
        if count:
            self.result.deleted[model._meta.model_name] += count

    def _recipients(self, directive, items):
        for position, item in enumerate(items, start=1):
            self._upsert(Recipient, {"directive": directive, "position": position}, item)
        self._delete_stale_recipients(directive, len(items))

    def _delete_stale_recipients(self, directive, count):
        deleted, _details = Recipient.objects.filter(directive=directive, position__gt=count).delete()
        if deleted:
            self.result.deleted["recipient"] += deleted
