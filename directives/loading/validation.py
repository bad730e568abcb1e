"""Validation of a directive's structured form: everything is checked before anything is written."""

import datetime
import unicodedata

from directives import recurrence
from directives.models import CitedDocument, Directive, Recipient, Task
from tasks.models import Unit


class LoadError(Exception):
    def __init__(self, source, errors):
        self.source = source
        self.errors = errors  # [(place, message)]
        lines = [f"{source}: {place}: {message}" if place else f"{source}: {message}"
                 for place, message in errors]
        super().__init__("\n".join(lines))



_DIRECTIVE_REQUIRED = [
    "key", "parent_organ", "issuing_organ", "number", "symbol", "document_type", "summary",
    "place", "issued_on", "year", "tracking_unit",
]
_DIRECTIVE_OPTIONAL = [
    "issuing_body", "preamble", "closing", "signer_authority", "signer_position",
    "signer_name", "status",
]

# The keys of docs/directive-format.md at each level. A file is checked against them
# (strict mode), so a misspelt key ("deadline_propsed") is an error instead of a silent default.
KEYS = {
    "": ["directive", "units", "unit_groups", "documents", "sections", "closing_tasks", "distribution"],
    "directive": _DIRECTIVE_REQUIRED + _DIRECTIVE_OPTIONAL,
    "unit": ["key", "name", "short_name", "kind", "parent", "email"],
    "document": ["key", "doc_type", "number", "issued_on", "issuer", "title"],
    "section": ["number", "title", "text", "cites", "tasks"],
    "task": ["key", "title", "description", "kind", "deadline", "deadline_proposed", "deadline_note",
             "event_date", "target_value", "target_unit", "lead", "coordinating", "cites", "recurrence"],
    "distribution": ["recipient", "purpose"],
    "recurrence": ["every", "day"],
}


class Validator:
    """Check the dictionary of docs/directive-format.md and return the plan the writer needs.

    `strict` (a hand-written file) also refuses keys the format does not have; the text
    importer's dictionaries carry extra keys of their own and are checked without it.
    """

    def __init__(self, data, source, strict=False):
        self.data = data
        self.source = source
        self.strict = strict
        self.errors = []

    def error(self, place, message):
        self.errors.append((place, message))

    def _known_keys(self, mapping, level, place):
        if not self.strict:
            return
        allowed = KEYS[level]
        for key in mapping:
            if key not in allowed:
                where = f"{place}.{key}" if place else str(key)
                self.error(where, f"khóa {key!r} không có trong định dạng (docs/directive-format.md); "
                                  f"dùng một trong: {', '.join(allowed)}")

    def _bool(self, value, place):
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(place, f"phải là true hoặc false, không phải {value!r}")
            return False
        return value

    def validate(self):
        data = self.data
        if not isinstance(data, dict):
            raise LoadError(self.source, [("", "tệp phải là một bảng (mapping) YAML")])
        self._known_keys(data, "", "")
        plan = {"units": self._units(data.get("units") or [])}
        known_units = set(plan["units"]) | set(
            Unit.objects.filter(key__in=self._referenced_units(data)).values_list("key", flat=True)
        )
        plan["groups"] = self._groups(data.get("unit_groups") or {}, known_units)
        plan["directive"] = self._directive(data.get("directive"), known_units)
        plan["documents"] = self._documents(data.get("documents") or [])
        ctx = (known_units, plan["groups"], set(plan["documents"]))
        plan["sections"] = self._sections(data.get("sections"), ctx)
        plan["closing_tasks"] = self._tasks(data.get("closing_tasks") or [], "closing_tasks", ctx)
        self._expand_recurring(plan)
        self._unique_task_keys(plan)
        plan["distribution"] = self._distribution(data.get("distribution") or [])
        if self.errors:
            raise LoadError(self.source, self.errors)
        return plan

    def _referenced_units(self, data):
        keys = set()
        directive = data.get("directive")
        if isinstance(directive, dict) and isinstance(directive.get("tracking_unit"), str):
            keys.add(directive["tracking_unit"])
        tasks = list(data.get("closing_tasks") or [])
        for section in data.get("sections") or []:
            if isinstance(section, dict):
                tasks += section.get("tasks") or []
        for task in tasks:
            if isinstance(task, dict):
                for role in ("lead", "coordinating"):
                    keys.update(k for k in task.get(role) or [] if isinstance(k, str))
        for members in (data.get("unit_groups") or {}).values():
            keys.update(k for k in members or [] if isinstance(k, str))
        return keys

    def _text(self, value, place, required=True, max_length=None):
        if value is None or value == "":
            if required:
                self.error(place, "thiếu giá trị")
            return ""
        if not isinstance(value, (str, int)):
            self.error(place, "phải là chuỗi ký tự")
            return ""
        text = unicodedata.normalize("NFC", str(value)).strip()
        if max_length and len(text) > max_length:
            self.error(place, f"dài quá {max_length} ký tự")
        return text

    def _date(self, value, place, required=True):
        if value is None or value == "":
            if required:
                self.error(place, "thiếu ngày")
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
                try:
                    return datetime.datetime.strptime(value.strip(), fmt).date()
                except ValueError:
                    pass
        self.error(place, f"ngày không hợp lệ: {value!r} (dùng dd/mm/yyyy hoặc yyyy-mm-dd)")
        return None

    def _choice(self, value, choices, place, default=None):
        if value in (None, "") and default is not None:
            return default
        if value not in choices:
            self.error(place, f"giá trị {value!r} không hợp lệ; chọn một trong: {', '.join(choices)}")
        return value

    def _units(self, units):
        plan = {}
        if not isinstance(units, list):
            self.error("units", "phải là một danh sách")
            return plan
        for i, unit in enumerate(units):
            place = f"units[{i}]"
            if not isinstance(unit, dict):
                self.error(place, "phải là một bảng")
                continue
            self._known_keys(unit, "unit", place)
            key = self._text(unit.get("key"), f"{place}.key", max_length=60)
            if key in plan:
                self.error(f"{place}.key", f"mã đơn vị {key!r} bị trùng")
            plan[key] = {
                "name": self._text(unit.get("name"), f"{place}.name", max_length=200),
                "short_name": self._text(unit.get("short_name"), f"{place}.short_name", False, 100),
                "kind": self._choice(unit.get("kind"), Unit.Kind.values, f"{place}.kind"),
                "parent": unit.get("parent") or None,
                "email": self._text(unit.get("email"), f"{place}.email", False, 254),
            }
        for key, unit in plan.items():
            if unit["parent"] and unit["parent"] not in plan and not Unit.objects.filter(
                key=unit["parent"]
            ).exists():
                self.error(f"units[{key}].parent", f"không có đơn vị mã {unit['parent']!r}")
        self._parent_loops(plan)
        return plan

    def _parent_loops(self, plan):
        """A unit may not be its own ancestor, through the file or the units already stored."""
        parents = dict(Unit.objects.values_list("key", "parent__key"))
        parents.update({key: unit["parent"] for key, unit in plan.items()})
        reported = set()
        for start in plan:
            chain, key = [start], parents.get(start)
            while key and key not in chain:
                chain.append(key)
                key = parents.get(key)
            if key and key == start and not reported & set(chain):
                reported.update(chain)
                self.error(f"units[{start}].parent",
                           f"đơn vị cấp trên tạo thành vòng lặp: {' → '.join(chain + [start])}")

    def _groups(self, groups, known_units):
        if not isinstance(groups, dict):
            self.error("unit_groups", "phải là một bảng tên nhóm → danh sách mã đơn vị")
            return {}
        plan = {}
        for name, members in groups.items():
            if not isinstance(members, list) or not members:
                self.error(f"unit_groups.{name}", "phải là một danh sách mã đơn vị không rỗng")
                continue
            for key in members:
                if key not in known_units:
                    self.error(f"unit_groups.{name}", f"không có đơn vị mã {key!r}")
            plan[name] = list(members)
        return plan

    def _directive(self, d, known_units):
        if not isinstance(d, dict):
            self.error("directive", "thiếu phần đầu văn bản (directive)")
            return {}
        self._known_keys(d, "directive", "directive")
        plan = {}
        for name in _DIRECTIVE_REQUIRED + _DIRECTIVE_OPTIONAL:
            place = f"directive.{name}"
            value = d.get(name)
            if name == "issued_on":
                plan[name] = self._date(value, place)
            elif name == "year":
                if not isinstance(value, int) or not 1930 <= value <= 2100:
                    self.error(place, "năm không hợp lệ")
                plan[name] = value
            elif name == "status":
                plan[name] = self._choice(value, Directive.Status.values, place, "draft")
            elif name in ("preamble", "closing"):
                plan[name] = self._text(value, place, required=False)
            else:
                field = Directive._meta.get_field(name if name != "tracking_unit" else "key")
                plan[name] = self._text(
                    value, place, required=name in _DIRECTIVE_REQUIRED,
                    max_length=getattr(field, "max_length", None) if name != "tracking_unit" else 60,
                )
        if plan.get("tracking_unit") and plan["tracking_unit"] not in known_units:
            self.error("directive.tracking_unit", f"không có đơn vị mã {plan['tracking_unit']!r}")
        return plan

    def _documents(self, documents):
        plan = {}
        if not isinstance(documents, list):
            self.error("documents", "phải là một danh sách")
            return plan
        for i, doc in enumerate(documents):
            place = f"documents[{i}]"
            if not isinstance(doc, dict):
                self.error(place, "phải là một bảng")
                continue
            self._known_keys(doc, "document", place)
            key = self._text(doc.get("key"), f"{place}.key", max_length=80)
            if key in plan:
                self.error(f"{place}.key", f"mã văn bản {key!r} bị trùng")
            plan[key] = {
                "doc_type": self._choice(
                    doc.get("doc_type"), CitedDocument.DocType.values, f"{place}.doc_type"
                ),
                "number": self._text(doc.get("number"), f"{place}.number", max_length=80),
                "issued_on": self._date(doc.get("issued_on"), f"{place}.issued_on", False),
                "issuer": self._text(doc.get("issuer"), f"{place}.issuer", False, 200),
                "title": self._text(doc.get("title"), f"{place}.title", False, 500),
            }
        return plan

    def _sections(self, sections, ctx):
        if not isinstance(sections, list) or not sections:
            self.error("sections", "phải là một danh sách các phần, không rỗng")
            return []
        plan, numbers = [], set()
        for i, section in enumerate(sections):
            place = f"sections[{i}]"
            if not isinstance(section, dict):
                self.error(place, "phải là một bảng")
                continue
            self._known_keys(section, "section", place)
            number = section.get("number")
            if not isinstance(number, int) or number < 1:
                self.error(f"{place}.number", "số thứ tự phải là số nguyên dương")
            elif number in numbers:
                self.error(f"{place}.number", f"phần số {number} bị trùng")
            numbers.add(number)
            plan.append({
                "number": number,
                "title": self._text(section.get("title"), f"{place}.title", max_length=300),
                "text": self._text(section.get("text"), f"{place}.text"),
                "cites": self._cites(section.get("cites"), f"{place}.cites", ctx[2]),
                "tasks": self._tasks(section.get("tasks") or [], f"{place}.tasks", ctx),
            })
        return plan

    def _cites(self, cites, place, documents):
        cites = cites or []
        if not isinstance(cites, list):
            self.error(place, "phải là một danh sách mã văn bản")
            return []
        for key in cites:
            if key not in documents:
                self.error(place, f"không có văn bản viện dẫn mã {key!r}")
        return list(cites)

    def _assignees(self, keys, place, known_units, groups):
        if keys is None:
            return []
        if not isinstance(keys, list):
            self.error(place, "phải là một danh sách mã đơn vị hoặc @nhóm")
            return []
        result = []
        for key in keys:
            if isinstance(key, str) and key.startswith("@"):
                if key[1:] not in groups:
                    self.error(place, f"không có nhóm đơn vị {key!r}")
                    continue
                result += [k for k in groups[key[1:]] if k not in result]
            elif key in known_units:
                if key not in result:
                    result.append(key)
            else:
                self.error(place, f"không có đơn vị mã {key!r}")
        return result

    def _tasks(self, tasks, place, ctx):
        known_units, groups, documents = ctx
        if not isinstance(tasks, list):
            self.error(place, "phải là một danh sách nhiệm vụ")
            return []
        plan = []
        for i, task in enumerate(tasks):
            tplace = f"{place}[{i}]"
            if not isinstance(task, dict):
                self.error(tplace, "phải là một bảng")
                continue
            self._known_keys(task, "task", tplace)
            lead = self._assignees(task.get("lead"), f"{tplace}.lead", known_units, groups)
            coordinating = [
                k for k in self._assignees(
                    task.get("coordinating"), f"{tplace}.coordinating", known_units, groups
                ) if k not in lead
            ]
            if not lead and not any(p.startswith(f"{tplace}.lead") for p, _m in self.errors):
                self.error(f"{tplace}.lead", "nhiệm vụ phải có ít nhất một đơn vị chủ trì")
            target = task.get("target_value")
            if target is not None and (isinstance(target, bool) or not isinstance(target, (int, float))
                                       or target < 0):
                self.error(f"{tplace}.target_value", "chỉ tiêu phải là số không âm")
            plan.append({
                "key": self._text(task.get("key"), f"{tplace}.key", max_length=20),
                "title": self._text(task.get("title"), f"{tplace}.title", max_length=300),
                "description": self._text(task.get("description"), f"{tplace}.description", False),
                "kind": self._choice(task.get("kind"), Task.Kind.values, f"{tplace}.kind"),
                "deadline": self._date(task.get("deadline"), f"{tplace}.deadline", not task.get("recurrence")),
                "deadline_proposed": self._bool(task.get("deadline_proposed"), f"{tplace}.deadline_proposed"),
                "deadline_note": self._text(
                    task.get("deadline_note"), f"{tplace}.deadline_note", False, 300
                ),
                "event_date": self._date(task.get("event_date"), f"{tplace}.event_date", False),
                "target_value": target,
                "target_unit": self._text(task.get("target_unit"), f"{tplace}.target_unit", False, 100),
                "lead": lead,
                "coordinating": coordinating,
                "cites": self._cites(task.get("cites"), f"{tplace}.cites", documents),
                "recurrence": self._recurrence(task.get("recurrence"), f"{tplace}.recurrence", task.get("key")),
                "place": tplace,
            })
        return plan

    def _recurrence(self, rule, place, key):
        """None, or {"every": one of recurrence.EVERY, "day": 1–31 or None}."""
        if rule is None:
            return None
        if not isinstance(rule, dict) or rule.get("every") not in recurrence.EVERY:
            self.error(place, "lặp lại phải có every: " + " | ".join(recurrence.EVERY))
            return None
        self._known_keys(rule, "recurrence", place)
        day = rule.get("day")
        if day is not None and (isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 31):
            self.error(f"{place}.day", "ngày đến hạn trong tháng phải từ 1 đến 31")
            return None
        if isinstance(key, str) and len(key) > recurrence.KEY_ROOM:
            self.error(place, f"mã của nhiệm vụ định kỳ tối đa {recurrence.KEY_ROOM} ký tự")
            return None
        return {"every": rule["every"], "day": day}

    def _expand_recurring(self, plan):
        """A recurring task becomes one task per period of the directive's year."""
        year = (plan.get("directive") or {}).get("year")
        if not isinstance(year, int):
            return
        for holder in [*plan["sections"], {"tasks": plan["closing_tasks"]}]:
            tasks = []
            for task in holder["tasks"]:
                tasks += recurrence.expand(task, year) if task.get("recurrence") else [task]
            holder["tasks"][:] = tasks

    def _unique_task_keys(self, plan):
        seen = set()
        tasks = [t for s in plan["sections"] for t in s["tasks"]] + plan["closing_tasks"]
        for task in tasks:
            if task["key"] in seen:
                self.error(f"{task['place']}.key", f"mã nhiệm vụ {task['key']!r} bị trùng")
            seen.add(task["key"])

    def _distribution(self, items):
        if not isinstance(items, list):
            self.error("distribution", "phải là một danh sách")
            return []
        plan = []
        for i, item in enumerate(items):
            place = f"distribution[{i}]"
            if not isinstance(item, dict):
                self.error(place, "phải là một bảng")
                continue
            self._known_keys(item, "distribution", place)
            plan.append({
                "recipient": self._text(item.get("recipient"), f"{place}.recipient", max_length=200),
                "purpose": self._choice(
                    item.get("purpose"), Recipient.Purpose.values, f"{place}.purpose"
                ),
            })
        return plan
