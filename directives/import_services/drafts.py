"""From a parser proposal to a stored draft: dates as text, a uid per task, warnings by place."""

import datetime
import re

from django.db import transaction

from directives.importer import parse_directive_text
from directives.models import ImportDraft
from tuson_qp.notes import Note, gettext_noop, label_note, note_data

from .registry import registry_from_database

TASK_FIELDS = ["key", "title", "description", "kind", "deadline", "deadline_proposed", "deadline_note",
               "event_date", "target_value", "target_unit", "lead", "coordinating", "cites", "recurrence"]
HEADER_FIELDS = ["parent_organ", "issuing_organ", "number", "symbol", "document_type", "issuing_body",
                 "summary", "place", "issued_on", "preamble", "closing", "signer_authority",
                 "signer_position", "signer_name", "tracking_unit"]


class ImportRefused(Exception):
    """The text gives no usable proposal; `messages` are Vietnamese and shown next to the field."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


def iso(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value or None


def parse_text(text):
    """Parse with the units of the database. Returns the ParseResult and the registry used."""
    registry = registry_from_database()
    return parse_directive_text(text, registry), registry


def draft_create(*, user, text, source_type, source_name="", extra_warnings=()):
    result, registry = parse_text(text)
    if not result.ok:
        raise ImportRefused(result.errors)
    data, notes, next_uid = proposal_to_draft(result.data, list(extra_warnings) + list(result.warnings), registry)
    unplaced = [{"text": chunk, "state": "open", "where": ""} for chunk in result.unplaced if chunk.strip()]
    with transaction.atomic():
        return ImportDraft.objects.create(
            source_type=source_type, source_name=source_name[:255], source_text=text, data=data,
            unplaced=unplaced, notes=notes, next_uid=next_uid, created_by=user,
        )


def _known(keys, registry):
    return [k for k in keys or []
            if (k[1:] in registry.groups if k.startswith("@") else k in registry.units)]


def _task(task, uid, registry):
    out = {name: task.get(name) for name in TASK_FIELDS}
    out.update(
        uid=uid, deadline=iso(task.get("deadline")), event_date=iso(task.get("event_date")),
        deadline_proposed=bool(task.get("deadline_proposed")),
        lead=_known(task.get("lead"), registry), coordinating=_known(task.get("coordinating"), registry),
        cites=list(task.get("cites") or []), notes=[],
    )
    for name in ("title", "description", "deadline_note", "target_unit", "kind"):
        out[name] = out[name] or ""
    return out


def proposal_to_draft(proposal, warnings, registry):
    header = {name: (proposal.get("directive") or {}).get(name) for name in HEADER_FIELDS}
    header["issued_on"] = iso(header["issued_on"])
    for name in HEADER_FIELDS:
        if name != "issued_on":
            header[name] = header[name] or ""
    if header["tracking_unit"] not in registry.units:
        header["tracking_unit"] = ""
    uid = 1
    sections = []
    for section in proposal.get("sections") or []:
        tasks = []
        for task in section.get("tasks") or []:
            tasks.append(_task(task, uid, registry))
            uid += 1
        sections.append({"number": section["number"], "title": section.get("title") or "",
                         "text": section.get("text") or "", "cites": list(section.get("cites") or []),
                         "tasks": tasks})
    closing = []
    for task in proposal.get("closing_tasks") or []:
        closing.append(_task(task, uid, registry))
        uid += 1
    data = {
        "directive": header,
        "documents": [dict(doc, issued_on=iso(doc.get("issued_on")), issuer=doc.get("issuer") or "",
                           title=doc.get("title") or "") for doc in proposal.get("documents") or []],
        "sections": sections,
        "closing_tasks": closing,
        "distribution": [dict(item) for item in proposal.get("distribution") or []],
    }
    notes = route_warnings(warnings, data, registry)
    return data, notes, uid


# ---- parser warnings, next to what they concern ------------------------------------------------
# Stored as tuson_qp.notes data (the message's template and values), shown in the reader's
# language (directives.templatetags.import_notes).

_TASK_KEY = re.compile(r"(?<![\w./-])((?:\d{1,2}|C)\.\d{1,2})(?![\w/-]|\.\d)")
_BLOCKS = [
    ("distribution", re.compile(r"Nơi nhận", re.I)),
    ("header", re.compile(r"người ký|số và ký hiệu|ngày ban hành|loại văn bản|dòng cơ quan|cơ quan cấp trên"
                          r"|trích yếu|Năm của văn bản|theo dõi, đôn đốc", re.I)),
    ("documents", re.compile(r"văn bản cùng số|viện dẫn", re.I)),
    ("parts", re.compile(r"phần đánh số|các phần", re.I)),
]
BY_TOPIC = gettext_noop("Không nêu đơn vị chủ trì; đề xuất theo lĩnh vực công việc: %(units)s — cần Văn phòng "
                        "xác nhận.")


def _unit_names(refs, registry):
    """Unit names, and @groups as their labels (Notes, translated when shown)."""
    from .registry import GROUP_LABELS

    names = []
    for ref in refs:
        if ref.startswith("@"):
            label = GROUP_LABELS.get(ref[1:])
            names.append(ref if label is None else label_note(label))
        else:
            unit = registry.units.get(ref)
            names.append(unit["name"] if unit else ref)
    return names


def route_warnings(warnings, data, registry):
    """Tie each warning to the tasks it names, else to a block of the page (header, documents…)."""
    by_key = {t["key"]: t for s in data["sections"] for t in s["tasks"]}
    by_key.update({t["key"]: t for t in data["closing_tasks"]})
    notes = {"header": [], "documents": [], "distribution": [], "parts": [], "general": []}
    for warning in warnings:
        per_task = getattr(warning, "per_task", None)
        if per_task and all(key in by_key for key in per_task):
            for key, refs in per_task.items():
                by_key[key]["notes"].append(note_data(Note(BY_TOPIC, units=_unit_names(refs, registry))))
            continue
        keys = getattr(warning, "for_tasks", None) or _TASK_KEY.findall(warning)
        keys = [k for k in dict.fromkeys(keys) if k in by_key]
        if keys:
            own = getattr(warning, "each", None) or warning
            for key in keys:
                by_key[key]["notes"].append(note_data(own))
            continue
        block = next((name for name, rx in _BLOCKS if rx.search(warning)), "general")
        notes[block].append(note_data(warning))
    return notes
