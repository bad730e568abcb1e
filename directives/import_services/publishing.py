"""Publishing a draft: the very loader of directives/data/*.yaml, with its refusals tied to the page."""

import datetime
import re

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import audit
from accounts.permissions import assert_still_visible
from audit import actions as audit_actions
from directives.importer.normalize import ascii_keep_case
from directives.loading import LoadError, load_directive
from directives.loading.validation import Validator
from directives.models import CitedDocument, Directive, ImportDraft

from . import labels
from .registry import database_groups, unit_rows

DIRECTIVE_IMPORTED = "directive.import"
audit_actions.register(DIRECTIVE_IMPORTED, gettext_lazy("Nhập chỉ thị từ văn bản"))
SOURCE = "bản nháp nhập từ văn bản"


class PublishRefused(Exception):
    def __init__(self, problems):
        self.problems = problems  # [{"block", "ref", "field", "label", "message"}]
        super().__init__("; ".join(f"{p['label']}: {p['message']}" for p in problems))


def directive_key(header):
    """"05-CT-TU-2023" from number 05, symbol CT/TU and the year of issue."""
    issued = header.get("issued_on")
    year = str(datetime.date.fromisoformat(issued).year) if issued else ""
    parts = [header.get("number") or "", re.sub(r"[/\s]+", "-", header.get("symbol") or ""), year]
    if not all(p.strip() for p in parts):
        return ""
    key = ascii_keep_case("-".join(p.strip() for p in parts))
    return re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9_-]+", "-", key)).strip("-")[:60]


def _document_keys(documents):
    """Keys under which the draft's documents are written, never changing another directive's.

    A document already in the catalogue with the same type, number, date, issuer and title is
    shared; a key taken by a different document gets a suffix."""
    mapping, used = {}, set()
    for doc in documents:
        same = CitedDocument.objects.filter(
            doc_type=doc["doc_type"], number=doc["number"], issued_on=doc.get("issued_on") or None,
            issuer=doc.get("issuer") or "", title=doc.get("title") or "",
        ).exclude(key__in=used).values_list("key", flat=True).first()
        key = same or doc["key"]
        n = 2
        while not same and (key in used or CitedDocument.objects.filter(key=key).exists()):
            key, n = f"{doc['key'][:76]}-{n}", n + 1
        mapping[doc["key"]] = key
        used.add(key)
    return mapping


def _task_for_loader(task, keys):
    out = {k: task.get(k) for k in ("key", "title", "description", "kind", "deadline", "deadline_proposed",
                                    "deadline_note", "event_date", "target_value", "target_unit", "lead",
                                    "coordinating", "recurrence")}
    out["cites"] = [keys.get(k, k) for k in task.get("cites") or []]
    return out


def load_data(draft, status, key):
    """The dictionary of docs/directive-format.md for the loader. Units come from the database."""
    data = draft.data
    header = dict(data["directive"])
    issued = header.get("issued_on")
    header.update(key=key, status=status, year=datetime.date.fromisoformat(issued).year if issued else None)
    keys = _document_keys(data.get("documents") or [])
    used = {ref[1:] for t in draft.all_tasks() for ref in (t.get("lead") or []) + (t.get("coordinating") or [])
            if ref.startswith("@")}
    groups = {name: members for name, members in database_groups(unit_rows()).items() if name in used}
    return {
        "directive": header,
        "units": [],
        "unit_groups": groups,
        "documents": [dict(d, key=keys[d["key"]]) for d in data.get("documents") or []],
        "sections": [{"number": s["number"], "title": s["title"], "text": s["text"],
                      "cites": [keys.get(k, k) for k in s.get("cites") or []],
                      "tasks": [_task_for_loader(t, keys) for t in s.get("tasks") or []]}
                     for s in data.get("sections") or []],
        "closing_tasks": [_task_for_loader(t, keys) for t in data.get("closing_tasks") or []],
        "distribution": list(data.get("distribution") or []),
    }


def _pre_problems(draft, key):
    """What the loader cannot see: an existing directive under the key, text not yet placed."""
    problems = []
    existing = Directive.objects.filter(key=key).first() if key else None
    if existing:
        problems.append(_problem("header", None, "number", _(
            "Đã có văn bản mã %(key)s (%(name)s, ngày %(date)s) trong cổng. Văn bản mới không được "
            "ghi đè lên văn bản cũ: hãy kiểm tra số, ký hiệu và ngày ban hành — có thể chỉ thị này đã "
            "được nhập.") % {"key": key, "name": existing, "date": existing.issued_on.strftime("%d/%m/%Y")}))
    open_pieces = len(draft.open_unplaced)
    if open_pieces:
        problems.append(_problem("unplaced", None, "", _(
            "Còn %(n)s đoạn văn bản chưa được xếp: hãy đưa vào một phần, tạo thành nhiệm vụ hoặc "
            "đánh dấu “Đã xem, không cần đưa vào”.") % {"n": open_pieces}))
    return problems


def publish_check(draft):
    """A dry run for the confirmation page: the key, every problem, and what would be created."""
    key = directive_key(draft.data["directive"])
    problems = _pre_problems(draft, key)
    plan = None
    try:
        plan = Validator(load_data(draft, Directive.Status.DRAFT, key), SOURCE).validate()
    except LoadError as error:
        problems += translate_errors(error.errors, draft)
    # Without a plan (the loader refused) the assignments cannot be counted; the tasks still can.
    summary = {"key": key, "problems": problems, "tasks": len(draft.all_tasks()), "assignments": None,
               "units": None}
    if plan:
        tasks = [t for s in plan["sections"] for t in s["tasks"]] + plan["closing_tasks"]
        units = [k for t in tasks for k in t["lead"] + t["coordinating"]]
        summary.update(tasks=len(tasks), assignments=len(units), units=len(set(units)))
    return summary


def draft_publish(draft, *, user, status, request=None):
    """Create the directive, its tasks and assignments from the draft. Raises PublishRefused,
    whose problems are also kept on the draft for the page to show next to the fields."""
    try:
        with transaction.atomic():
            draft = ImportDraft.objects.select_for_update().visible_to(user, "change").filter(pk=draft.pk).first()
            if draft is None:
                raise PermissionDenied
            if draft.status != ImportDraft.Status.OPEN:
                raise PublishRefused([_problem("general", None, "", _("Bản nháp này đã được dùng để tạo văn bản."))])
            key = directive_key(draft.data["directive"])
            problems = _pre_problems(draft, key)
            data = load_data(draft, status, key)
            try:
                if problems:
                    Validator(data, SOURCE).validate()
                    raise PublishRefused(problems)
                result = load_directive(data, source=SOURCE)
            except LoadError as error:
                raise PublishRefused(problems + translate_errors(error.errors, draft)) from None
            directive = result.directive
            audit.record(DIRECTIVE_IMPORTED, actor=user, obj=directive, request=request, changes={
                "draft": draft.pk, "source": draft.source_name or draft.get_source_type_display(),
                "status": status, "tasks": result.created["task"], "assignments": result.created["assignment"],
            })
            draft.status, draft.directive, draft.publish_errors = ImportDraft.Status.PUBLISHED, directive, []
            draft.save(update_fields=["status", "directive", "publish_errors", "updated_at"])
            assert_still_visible(Directive.objects.all(), user, directive, "view")
            return directive
    except IntegrityError:
        # Another publication took the same key between our check and our insert.
        refused = PublishRefused([_problem("header", None, "number", _(
            "Văn bản mã này vừa được tạo (có thể ở một cửa sổ khác); hãy kiểm tra danh sách chỉ thị."))])
        _keep(draft, refused)
        raise refused from None
    except PublishRefused as refused:
        _keep(draft, refused)
        raise


def _keep(draft, refused):
    ImportDraft.objects.filter(pk=draft.pk, status=ImportDraft.Status.OPEN).update(publish_errors=refused.problems)


def _problem(block, ref, field, message, label=""):
    return {"block": block, "ref": ref, "field": field, "label": label or _place_label(block, ref, field, None),
            "message": message}


# ---- the loader's refusals in words an official reads -----------------------------------------------

_MESSAGES = [
    (r"^thiếu giá trị$", "chưa điền"),
    (r"^thiếu ngày$", "chưa có ngày (ghi theo dạng dd/mm/yyyy)"),
    (r"^ngày không hợp lệ.*", "ngày không hợp lệ (ghi theo dạng dd/mm/yyyy)"),
    (r"^dài quá (\d+) ký tự$", r"dài quá \1 ký tự, hãy rút gọn"),
    (r"^năm không hợp lệ$", "chưa có ngày ban hành hợp lệ nên chưa xác định được năm"),
    (r"^nhiệm vụ phải có ít nhất một đơn vị chủ trì$", "chưa chọn đơn vị chủ trì (cần ít nhất một đơn vị)"),
    (r"^không có đơn vị mã '([^']*)'$", r"đơn vị “\1” không có trong danh sách đơn vị của cổng"),
    (r"^không có nhóm đơn vị '@?([^']*)'$", r"nhóm đơn vị “\1” không có trong cổng"),
    (r"^không có văn bản viện dẫn mã '([^']*)'$", r"văn bản viện dẫn đã bị xóa khỏi danh sách (\1)"),
    (r"^mã nhiệm vụ '([^']*)' bị trùng$", r"số hiệu nhiệm vụ \1 bị trùng"),
    (r"^phần số (\d+) bị trùng$", r"có hai phần cùng số \1"),
    (r"^giá trị .* không hợp lệ; chọn một trong: .*$", "lựa chọn không hợp lệ"),
    (r"^chỉ tiêu phải là số không âm$", "chỉ tiêu phải là một số không âm"),
    (r"^phải là một danh sách các phần, không rỗng$", "văn bản chưa có phần nào được đánh số"),
    (r"^thiếu phần đầu văn bản.*$", "thiếu phần đầu văn bản"),
]
_MESSAGES = [(re.compile(rx), repl) for rx, repl in _MESSAGES]

_PLACES = [
    ("task", re.compile(r"^sections\[(\d+)\]\.tasks\[(\d+)\](?:\.(\w+))?")),
    ("closing_task", re.compile(r"^closing_tasks\[(\d+)\](?:\.(\w+))?")),
    ("part", re.compile(r"^sections\[(\d+)\](?:\.(\w+))?")),
    ("document", re.compile(r"^documents\[(\d+)\](?:\.(\w+))?")),
    ("recipient", re.compile(r"^distribution\[(\d+)\](?:\.(\w+))?")),
    ("header", re.compile(r"^directive(?:\.(\w+))?")),
]
_HEADER_FIELD = {"year": "issued_on", "key": "number"}


def friendly(message):
    for rx, repl in _MESSAGES:
        if rx.match(message):
            return rx.sub(repl, message)
    return message


def translate_errors(errors, draft):
    """[(place, message)] of a LoadError → problems tied to a block, a task uid or a row of the page."""
    data = draft.data
    problems = []
    for place, message in errors:
        message = friendly(message)
        for kind, rx in _PLACES:
            m = rx.match(place or "")
            if not m:
                continue
            try:
                problems.append(_located(kind, m, data, message))
            except (IndexError, KeyError):
                problems.append(_problem("general", None, "", message, label=place))
            break
        else:
            problems.append(_problem("general", None, "", message, label=_("Văn bản")))
    return problems


def _located(kind, m, data, message):
    if kind == "task":
        task = data["sections"][int(m[1])]["tasks"][int(m[2])]
        return _problem("task", task["uid"], m[3] or "", message, _place_label("task", task, m[3], data))
    if kind == "closing_task":
        task = data["closing_tasks"][int(m[1])]
        return _problem("task", task["uid"], m[2] or "", message, _place_label("task", task, m[2], data))
    if kind == "part":
        section = data["sections"][int(m[1])]
        return _problem("part", str(section["number"]), m[2] or "", message,
                        _place_label("part", section, m[2], data))
    if kind in ("document", "recipient"):
        index = int(m[1])
        return _problem(kind, index, m[2] or "", message, _place_label(kind, index, m[2], data))
    field = _HEADER_FIELD.get(m[1] or "", m[1] or "")
    return _problem("header", None, field, message, _place_label("header", None, field, data))


def _place_label(block, ref, field, data):
    if block == "header":
        name = labels.HEADER.get(field or "")
        return _("Phần đầu văn bản — %(field)s") % {"field": name} if name else _("Phần đầu văn bản")
    if block == "task":
        where = (_("Tổ chức thực hiện") if ref["key"].startswith("C.")
                 else _("Phần %(n)s") % {"n": ref["key"].split(".")[0]})
        text = _("%(where)s, nhiệm vụ %(key)s") % {"where": where, "key": ref["key"]}
        name = labels.TASK.get(field or "")
        return f"{text} — {name}" if name else text
    if block == "part":
        text = _("Phần %(n)s") % {"n": ref["number"]}
        name = labels.PART.get(field or "")
        return f"{text} — {name}" if name else text
    if block == "document":
        doc = (data or {}).get("documents", [])[ref] if data else {}
        text = _("Văn bản viện dẫn thứ %(n)s") % {"n": ref + 1}
        text += f" ({doc.get('number')})" if doc.get("number") else ""
        name = labels.DOCUMENT.get(field or "")
        return f"{text} — {name}" if name else text
    if block == "recipient":
        text = _("Nơi nhận thứ %(n)s") % {"n": ref + 1}
        name = labels.RECIPIENT.get(field or "")
        return f"{text} — {name}" if name else text
    if block == "unplaced":
        return _("Phần văn bản chưa được xếp")
    return _("Văn bản")
