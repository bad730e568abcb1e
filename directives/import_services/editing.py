"""The Office's corrections to a draft: field edits and the task operations (merge, split, move…).

Every save runs under a row lock and checks the revision the page was drawn from, so a form
posted from a stale page (another window, another colleague) is refused rather than applied
to tasks that have moved. Task keys are renumbered after each change ("4.3", "C.2").
"""

import datetime
import re

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directives.importer.tasks import short_title
from directives.models import ImportDraft
from tuson_qp.notes import Note, gettext_noop, note_data

CLOSING = "C"


class StaleDraft(Exception):
    """The draft changed since the page was drawn."""


class EditRefused(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


def _locked(draft, revision):
    locked = ImportDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.status != ImportDraft.Status.OPEN:
        raise EditRefused(_("Bản nháp này đã được dùng để tạo văn bản; không sửa được nữa."))
    # A revision that is not the draft's (or not a number at all) is a page out of date.
    if revision is not None and str(revision).strip() != str(locked.revision):
        raise StaleDraft
    return locked


def _save(draft, drop_errors=()):
    renumber(draft.data)
    draft.revision += 1
    if drop_errors:
        draft.publish_errors = [p for p in draft.publish_errors or []
                                if (p.get("block"), p.get("ref")) not in set(drop_errors)]
    draft.save()
    return draft


# ---- structure ----------------------------------------------------------------------------------

def part_ids(data):
    return [str(s["number"]) for s in data.get("sections") or []] + [CLOSING]


def part_tasks(data, part):
    if str(part) == CLOSING:
        return data.setdefault("closing_tasks", [])
    for section in data.get("sections") or []:
        if str(section["number"]) == str(part):
            return section.setdefault("tasks", [])
    raise EditRefused(_("Không có phần %(part)s trong bản nháp.") % {"part": part})


def find_task(data, uid):
    for part in part_ids(data):
        tasks = part_tasks(data, part)
        for index, task in enumerate(tasks):
            if task["uid"] == uid:
                return part, tasks, index
    raise EditRefused(_("Nhiệm vụ này không còn trong bản nháp (có thể đã bị xóa hoặc gộp)."))


def renumber(data):
    for section in data.get("sections") or []:
        for i, task in enumerate(section.get("tasks") or [], start=1):
            task["key"] = f"{section['number']}.{i}"
    for i, task in enumerate(data.get("closing_tasks") or [], start=1):
        task["key"] = f"{CLOSING}.{i}"


def part_label(part):
    return _("Tổ chức thực hiện") if str(part) == CLOSING else _("phần %(n)s") % {"n": part}


def sentences(text):
    """The sentences and clauses a description can be split at (". " and "; ")."""
    pieces = [p.strip() for p in re.split(r"(?<=[.;])\s+(?=\S)", (text or "").strip()) if p.strip()]
    return pieces or [""]


def _union(*lists):
    out = []
    for items in lists:
        out += [k for k in items if k not in out]
    return out


def _new_task(draft, **values):
    task = {"uid": draft.next_uid, "key": "", "title": "", "description": "", "kind": "one_off",
            "deadline": None, "deadline_proposed": False, "deadline_note": "", "event_date": None,
            "target_value": None, "target_unit": "", "lead": [], "coordinating": [], "cites": [],
            "notes": []}
    task.update(values)
    draft.next_uid += 1
    return task


def _year_end(draft):
    issued = draft.data.get("directive", {}).get("issued_on")
    year = datetime.date.fromisoformat(issued).year if issued else datetime.date.today().year
    return datetime.date(year, 12, 31).isoformat()


# ---- the operations -------------------------------------------------------------------------------

def op_delete(draft, uid, **_kw):
    _part, tasks, index = find_task(draft.data, uid)
    task = tasks.pop(index)
    return _("Đã xóa nhiệm vụ %(key)s.") % {"key": task["key"]}, None


def op_add(draft, part, **_kw):
    tasks = part_tasks(draft.data, part)
    tasks.append(_new_task(
        draft, deadline=_year_end(draft), deadline_proposed=True,
        deadline_note=_("Thời hạn đề xuất: cuối năm; Văn phòng cần xác nhận."),
        notes=[note_data(Note(gettext_noop(
            "Nhiệm vụ do Văn phòng thêm: hãy điền tên, nội dung và đơn vị chủ trì.")))],
    ))
    return _("Đã thêm một nhiệm vụ vào %(part)s.") % {"part": part_label(part)}, tasks[-1]["uid"]


def op_split(draft, uid, at=None, **_kw):
    """Split before sentence `at` (1-based); with one sentence only, duplicate the task."""
    _part, tasks, index = find_task(draft.data, uid)
    task = tasks[index]
    pieces = sentences(task["description"])
    try:
        at = int(at)
    except (TypeError, ValueError):
        at = 0
    new = _new_task(draft, **{k: v for k, v in task.items() if k not in ("uid", "key")})
    new["lead"], new["coordinating"], new["cites"] = list(task["lead"]), list(task["coordinating"]), list(task["cites"])
    new["notes"] = list(task.get("notes") or [])
    if len(pieces) > 1 and 0 < at < len(pieces):
        task["description"] = " ".join(pieces[:at])
        new["description"] = " ".join(pieces[at:])
        new["title"] = short_title(new["description"])
        message = _("Đã tách nhiệm vụ %(key)s thành hai nhiệm vụ; hãy kiểm tra tên và đơn vị của từng nhiệm vụ.")
    else:
        message = _("Đã nhân đôi nhiệm vụ %(key)s; hãy sửa nội dung của bản sao.")
    tasks.insert(index + 1, new)
    return message % {"key": task["key"]}, new["uid"]


def op_merge(draft, uids, **_kw):
    """Merge the selected tasks into the first of them: descriptions joined, units and citations united."""
    if len(uids) < 2:
        raise EditRefused(_("Hãy chọn ít nhất hai nhiệm vụ (ô “Chọn để gộp”) rồi bấm “Gộp các nhiệm vụ đã chọn”."))
    found = [find_task(draft.data, uid) for uid in uids]
    found.sort(key=lambda f: (part_ids(draft.data).index(f[0]), f[2]))
    first = found[0][1][found[0][2]]
    others = [tasks[index] for _part, tasks, index in found[1:]]
    keys = [first["key"]] + [t["key"] for t in others]
    for task in others:
        if task["description"] and task["description"] not in first["description"]:
            first["description"] = f"{first['description'].rstrip()} {task['description'].strip()}".strip()
        first["lead"] = _union(first["lead"], task["lead"])
        first["coordinating"] = _union(first["coordinating"], task["coordinating"])
        first["cites"] = _union(first["cites"], task["cites"])
        first["notes"] = _union(first.get("notes") or [], task.get("notes") or [])
        if first["target_value"] is None and task["target_value"] is not None:
            first["target_value"], first["target_unit"] = task["target_value"], task["target_unit"]
        first["event_date"] = first["event_date"] or task["event_date"]
        # The earliest deadline: merging must not give the units more time than the text does.
        if task["deadline"] and (not first["deadline"] or task["deadline"] < first["deadline"]):
            first["deadline"], first["deadline_proposed"] = task["deadline"], task["deadline_proposed"]
            first["deadline_note"] = task["deadline_note"]
    first["coordinating"] = [k for k in first["coordinating"] if k not in first["lead"]]
    gone = {t["uid"] for t in others}
    for part in part_ids(draft.data):
        tasks = part_tasks(draft.data, part)
        tasks[:] = [t for t in tasks if t["uid"] not in gone]
    return _("Đã gộp các nhiệm vụ %(keys)s thành một.") % {"keys": ", ".join(keys)}, first["uid"]


def op_move(draft, uid, to=None, **_kw):
    if str(to) not in part_ids(draft.data):
        raise EditRefused(_("Hãy chọn phần cần chuyển nhiệm vụ đến."))
    part, tasks, index = find_task(draft.data, uid)
    if str(to) == str(part):
        raise EditRefused(_("Nhiệm vụ đã ở %(part)s.") % {"part": part_label(part)})
    task = tasks.pop(index)
    part_tasks(draft.data, to).append(task)
    return _("Đã chuyển nhiệm vụ %(key)s sang %(part)s.") % {"key": task["key"], "part": part_label(to)}, task["uid"]


OPERATIONS = {"delete": op_delete, "add": op_add, "split": op_split, "merge": op_merge, "move": op_move}


# ---- the services the views call -----------------------------------------------------------------

def draft_save_header(draft, values, *, revision):
    with transaction.atomic():
        draft = _locked(draft, revision)
        draft.data["directive"].update(values)
        return _save(draft, drop_errors=[("header", None)])


def draft_save_part(draft, part, part_values, task_values, *, revision, op=None, **op_args):
    """Save a part's text and its tasks' fields, then apply `op`. Returns (draft, message, uid)."""
    with transaction.atomic():
        draft = _locked(draft, revision)
        data = draft.data
        tasks = part_tasks(data, part)
        if str(part) == CLOSING:
            data["directive"]["closing"] = part_values.get("text", data["directive"].get("closing", ""))
        else:
            section = next(s for s in data["sections"] if str(s["number"]) == str(part))
            section.update(part_values)
        for task in tasks:
            if task["uid"] in task_values:
                task.update(task_values[task["uid"]])
                task["coordinating"] = [k for k in task["coordinating"] if k not in task["lead"]]
        message, focus = _("Đã lưu %(part)s.") % {"part": part_label(part)}, None
        if op:
            message, focus = OPERATIONS[op](draft, part=part, **op_args)
        dropped = [("part", str(part))] + [("task", t["uid"]) for t in tasks]
        return _save(draft, drop_errors=dropped), message, focus


def _document_key(row, taken):
    year = row["issued_on"][:4] if row.get("issued_on") else ""
    base = slugify(f"{row['doc_type']}-{row['number']}-{year}".replace("/", "-"))[:70].strip("-") or "van-ban"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def draft_save_documents(draft, rows, *, revision):
    """`rows`: the kept documents in order, each with its old key (None for a new row)."""
    with transaction.atomic():
        draft = _locked(draft, revision)
        data = draft.data
        taken = {r["key"] for r in rows if r.get("key")}
        documents = []
        for row in rows:
            row = dict(row)
            if not row.get("key"):
                row["key"] = _document_key(row, taken)
                taken.add(row["key"])
            documents.append(row)
        kept = {d["key"] for d in documents}
        for holder in data["sections"] + draft.all_tasks():
            holder["cites"] = [k for k in holder.get("cites") or [] if k in kept]
        data["documents"] = documents
        return _save(draft, drop_errors=[("document", i) for i in range(len(rows) + 50)])


def draft_save_distribution(draft, rows, *, revision):
    with transaction.atomic():
        draft = _locked(draft, revision)
        draft.data["distribution"] = list(rows)
        return _save(draft, drop_errors=[("recipient", i) for i in range(len(rows) + 50)])


def draft_place_unplaced(draft, index, action, target=None, *, revision):
    """Put a piece of unplaced text somewhere (a part's text, a new task) or mark it reviewed.

    The piece itself stays listed, with its state, so nothing the parser read is ever lost."""
    with transaction.atomic():
        draft = _locked(draft, revision)
        try:
            piece = draft.unplaced[int(index)]
        except (IndexError, ValueError, TypeError):
            raise EditRefused(_("Không tìm thấy đoạn văn bản này.")) from None
        data, focus = draft.data, None
        if action in ("text", "task") and target not in part_ids(data) + ["preamble"]:
            raise EditRefused(_("Hãy chọn nơi đặt đoạn văn bản."))
        if action == "text":
            if target == "preamble":
                data["directive"]["preamble"] = f"{data['directive'].get('preamble', '').rstrip()}\n{piece['text']}".strip()
            elif target == CLOSING:
                data["directive"]["closing"] = f"{data['directive'].get('closing', '').rstrip()}\n{piece['text']}".strip()
            else:
                section = next(s for s in data["sections"] if str(s["number"]) == target)
                section["text"] = f"{section['text'].rstrip()}\n{piece['text']}".strip()
            piece.update(state="placed", where=str(target))
        elif action == "task":
            if target == "preamble":
                raise EditRefused(_("Nhiệm vụ phải thuộc một phần hoặc phần Tổ chức thực hiện."))
            task = _new_task(draft, title=short_title(piece["text"]), description=piece["text"],
                             deadline=_year_end(draft), deadline_proposed=True,
                             deadline_note=_("Thời hạn đề xuất: cuối năm; Văn phòng cần xác nhận."),
                             notes=[note_data(Note(gettext_noop(
                                 "Tạo từ phần văn bản chưa được xếp: hãy chọn đơn vị chủ trì.")))])
            part_tasks(data, target).append(task)
            piece.update(state="placed", where=str(target))
            focus = task["uid"]
        elif action == "dismiss":
            piece["state"] = "dismissed"
        elif action == "restore":
            piece.update(state="open", where="")
        else:
            raise EditRefused(_("Thao tác không hợp lệ."))
        return _save(draft, drop_errors=[("unplaced", None)]), focus


def draft_discard(draft):
    with transaction.atomic():
        draft = ImportDraft.objects.select_for_update().get(pk=draft.pk)
        if draft.status != ImportDraft.Status.OPEN:
            raise EditRefused(_("Bản nháp này đã được dùng để tạo văn bản; không xóa được."))
        draft.delete()
