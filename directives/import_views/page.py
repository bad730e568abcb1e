"""The draft page: every block's form, from the draft or as posted, with the publish refusals attached."""

import datetime

from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _

from directives.import_forms import (
    ClosingForm,
    DocumentFormSet,
    DraftChoices,
    HeaderForm,
    PartForm,
    RecipientFormSet,
    TaskForm,
    as_date,
)
from directives.import_services import CLOSING, database_groups, directive_key, unit_rows
from directives.models import Directive

HEADER_PREFIX, DOCUMENTS_PREFIX, DISTRIBUTION_PREFIX = "h", "d", "r"


def vn_date(value):
    return datetime.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def choices_for(draft):
    return DraftChoices.build(draft.data, database_groups(unit_rows()))


def header_initial(draft):
    header = dict(draft.data["directive"])
    header["issued_on"] = as_date(header.get("issued_on"))
    return header


def part_form(draft, part, choices, data=None):
    if part == CLOSING:
        return ClosingForm(data, prefix="pC", initial={"text": draft.data["directive"].get("closing", "")})
    section = next(s for s in draft.data["sections"] if str(s["number"]) == part)
    return PartForm(data, prefix=f"p{part}", choices=choices,
                    initial={"title": section["title"], "text": section["text"], "cites": section.get("cites")})


def task_forms(draft, part, choices, data=None):
    from directives.import_services.editing import part_tasks

    return [TaskForm(data, task=task, choices=choices) for task in part_tasks(draft.data, part)]


def document_formset(draft, data=None):
    initial = [{**d, "issued_on": as_date(d.get("issued_on"))} for d in draft.data.get("documents") or []]
    return DocumentFormSet(data, initial=initial, prefix=DOCUMENTS_PREFIX)


def distribution_formset(draft, data=None):
    return RecipientFormSet(data, initial=list(draft.data.get("distribution") or []), prefix=DISTRIBUTION_PREFIX)


def attach(form, field, message):
    """Show a publish refusal on a form as if the form had found it (bound or not)."""
    name = field if field in form.fields else "__all__"
    if form.is_bound:
        form.add_error(None if name == "__all__" else name, message)
        return
    if form._errors is None:
        form._errors = ErrorDict()
    form._errors.setdefault(name, form.error_class(error_class="nonfield" if name == "__all__" else None))
    form._errors[name].append(message)
    if name != "__all__":
        widget = form.fields[name].widget
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


def build(draft, bound=None, choices=None, opened=(), recent=False):
    """Context of the draft page. `bound` holds the forms of the block just posted (kept as typed).

    Each task's form, and each part's full text, is folded; shown open are those with an error and
    those named in `opened` (the ones the user just acted on or edited; marked as such when `recent`)."""
    bound = bound or {}
    choices = choices or choices_for(draft)
    data = draft.data
    header = bound.get("header") or HeaderForm(initial=header_initial(draft), prefix=HEADER_PREFIX, choices=choices)
    parts, task_by_uid = [], {}
    for part in [str(s["number"]) for s in data["sections"]] + [CLOSING]:
        posted = bound.get(("part", part))
        form = posted[0] if posted else part_form(draft, part, choices)
        tasks = posted[1] if posted else task_forms(draft, part, choices)
        for task_form in tasks:
            task_by_uid[task_form.task["uid"]] = task_form
        section = next((s for s in data["sections"] if str(s["number"]) == part), None)
        parts.append({
            "id": part, "closing": part == CLOSING, "section": section, "form": form,
            "tasks": [{"form": f, "task": f.task, "lead": choices.describe(f.task.get("lead")),
                       "coordinating": choices.describe(f.task.get("coordinating")),
                       "deadline": vn_date(f.task.get("deadline"))} for f in tasks],
        })
    documents = bound.get("documents") or document_formset(draft)
    distribution = bound.get("distribution") or distribution_formset(draft)

    general = []
    for problem in draft.publish_errors or []:
        block, ref, field = problem.get("block"), problem.get("ref"), problem.get("field") or ""
        target = None
        if block == "header":
            target = header
        elif block == "part":
            target = next((p["form"] for p in parts if p["id"] == str(ref)), None)
        elif block == "task":
            target = task_by_uid.get(ref)
        elif block == "document" and isinstance(ref, int) and ref < len(documents.forms):
            target = documents.forms[ref]
        elif block == "recipient" and isinstance(ref, int) and ref < len(distribution.forms):
            target = distribution.forms[ref]
        if target is None:
            general.append(problem)
        else:
            attach(target, field, problem["message"])
    scroll_to = _fold(parts, set(opened), recent)
    notes = draft.notes or {}
    unplaced_error = bound.get("unplaced_error") or (None, "")
    where = dict(choices.parts, preamble=_("Phần mở đầu"))
    key = directive_key(data["directive"])
    return {
        "draft": draft, "header_form": header, "parts": parts, "documents": documents,
        "distribution": distribution, "choices": choices, "notes": notes,
        "publish_problems": draft.publish_errors or [], "general_problems": general,
        "unplaced": [{"index": i, "piece": piece, "where": where.get(piece.get("where"), piece.get("where")),
                      "error": unplaced_error[1] if i == unplaced_error[0] else ""}
                     for i, piece in enumerate(draft.unplaced or [])],
        "directive_key": key, "key_taken": bool(key) and Directive.objects.filter(key=key).exists(),
        "part_choices": choices.parts,
        "open_unplaced": len(draft.open_unplaced),
        "scroll_to": scroll_to if bound else "",
    }


def _fold(parts, opened, recent):
    """Say which folded blocks show open; returns the id of the first task with an error."""
    first_error = ""
    for part in parts:
        part["text_open"] = bool(part["form"].errors.get("text")) or f"phan-{part['id']}-noi-dung" in opened
        for item in part["tasks"]:
            anchor = f"nv-{item['task']['uid']}"
            item["errors"] = bool(item["form"].errors)
            item["recent"] = recent and anchor in opened
            item["open"] = item["errors"] or anchor in opened
            if item["errors"] and not first_error:
                first_error = anchor
    return first_error


ANCHORS = {"header": "dau-van-ban", "document": "van-ban-vien-dan", "recipient": "noi-nhan",
           "unplaced": "chua-xep", "general": "loi-ban-hanh"}


def anchor(problem):
    block, ref = problem.get("block"), problem.get("ref")
    if block == "task":
        return f"nv-{ref}"
    if block == "part":
        return f"phan-{ref}"
    return ANCHORS.get(block, "loi-ban-hanh")
