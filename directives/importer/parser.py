"""parse_directive_text: a directive's text → a proposed structured dictionary."""

import functools
import re

from tuson_qp.notes import Note, gettext_noop

from . import errors as E
from .citations import DocumentBook
from .distribution import Tail, find_tail_start, parse_tail
from .header import Header, guess_year, parse_header
from .normalize import ascii_keep_case, normalize_text
from .registry import default_registry
from .result import ParseResult
from .sections import Body, Part, split_body
from .tasks import build_tasks, short_title
from .units import home_ward

_TRACKING = re.compile(r"theo dõi, đôn đốc|kiểm tra việc thực hiện", re.I)


@functools.lru_cache(maxsize=1)
def _default():
    return default_registry()


def _stage(result, where, fn, fallback):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - the parser never raises on text
        result.errors.append(Note(E.INTERNAL, where=Note(where), exc=f"{type(exc).__name__}: {exc}"))
        return fallback


def parse_directive_text(text, registry=None):
    """Propose the structured form of a directive from its text. Never raises."""
    result = ParseResult()
    if not isinstance(text, str):
        result.errors.append(Note(E.NOT_A_TEXT))
        return result
    if len(text) > E.MAX_TEXT_CHARS:
        result.errors.append(Note(E.TOO_LONG, chars=E.thousands(len(text)), limit=E.thousands(E.MAX_TEXT_CHARS)))
        return result
    normalized = _stage(result, gettext_noop("chuẩn hóa"), lambda: normalize_text(text), "")
    if not normalized.strip():
        if not result.errors:
            result.errors.append(Note(E.EMPTY_TEXT))
        return result
    registry = registry or _default()
    lines = normalized.split("\n")
    header = _stage(result, gettext_noop("phần đầu"), lambda: parse_header(lines), Header())
    tail_start = _stage(result, gettext_noop("nơi nhận"), lambda: find_tail_start(lines, header.body_start), len(lines))
    tail = _stage(result, gettext_noop("nơi nhận"), lambda: parse_tail(lines[tail_start:]), Tail())
    body = _stage(result, gettext_noop("các phần"), lambda: split_body(lines[header.body_start:tail_start]), Body())
    signals = [bool(header.number), header.issued_on is not None, bool(header.document_type),
               len(body.parts) >= 2]
    if sum(signals) < 2 and not (len(body.parts) >= 2 and _looks_vietnamese(normalized)):
        result.errors.append(Note(E.NOT_RECOGNISED))
        result.unplaced = [line for line in lines if line][:50]
        return result
    _stage(result, gettext_noop("dựng đề xuất"),
           lambda: _assemble(result, header, body, tail, registry, normalized), None)
    return result


_VI_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def _looks_vietnamese(text):
    sample = text[:20000].lower()
    letters = sum(ch.isalpha() for ch in sample)
    return letters > 0 and sum(ch in _VI_LETTERS for ch in sample) / letters > 0.08


def _assemble(result, header, body, tail, registry, normalized):
    warnings = result.warnings
    warnings += header.warnings
    year = header.year
    if year is None:
        year, source = guess_year(header, normalized)
        if year:
            warnings.append(Note(gettext_noop("Năm của văn bản lấy theo %(source)s: %(year)s."),
                                 source=source, year=year))
    if not body.parts and (body.preamble or body.closing):
        warnings.append(Note(gettext_noop("Không tìm thấy các phần đánh số (1., 2. …); toàn bộ nội dung "
                                          "được đề xuất là một phần.")))
        text = "\n".join([body.preamble] + body.closing).strip()
        body.preamble, body.closing = "", []
        body.parts = [Part(1, "1", "", [text])]
    if not body.parts:
        warnings.append(Note(gettext_noop("Không tìm thấy nội dung các phần đánh số; chưa có nhiệm vụ nào "
                                          "để đề xuất.")))
    warnings += body.warnings

    book = DocumentBook()
    chunks = [body.preamble] + [p.text for p in body.parts] + ["\n".join(body.closing)]
    spans = [book.scan(chunk) for chunk in chunks]
    documents = book.finish()
    warnings += book.warnings
    context = {"registry": registry, "year": year, "issued_on": header.issued_on,
               "home": home_ward(registry, header.issuing_organ)}

    sections = []
    for part, part_spans in zip(body.parts, spans[1:-1]):
        context["citations"] = part_spans
        sections.append({
            "number": part.number,
            "title": part.heading or short_title(part.text),
            "text": part.text,
            "cites": list(dict.fromkeys(doc.key for _s, _e, doc in part_spans)),
            "tasks": build_tasks(part.text, str(part.number), context),
        })
    context["citations"] = spans[-1]
    closing_text = "\n".join(body.closing)
    closing_tasks = build_tasks(closing_text, "C", context, closing=True) if closing_text else []

    tracking = None
    for task in closing_tasks:
        if _TRACKING.search(task["description"]):
            tracking = next((k for k in task["lead"] if not k.startswith("@")), None)
            if tracking:
                break
    if not tracking:
        tracking = registry.tracking_default
        warnings.append(Note(gettext_noop("Không thấy đơn vị chủ trì theo dõi, đôn đốc; đề xuất %(unit)s."),
                             unit=_name(registry, tracking)))

    _default_leads(registry, sections, closing_tasks, tracking, warnings, context["home"])
    units, groups = _units(registry, sections, closing_tasks, tracking)
    key = ""
    if header.number and header.symbol:
        key = "-".join(p for p in [header.number, re.sub(r"[/\s]+", "-", header.symbol), str(year or "")] if p)
    result.data = {
        "directive": {
            "key": ascii_keep_case(key),
            "parent_organ": header.parent_organ,
            "issuing_organ": header.issuing_organ,
            "number": header.number,
            "symbol": header.symbol,
            "document_type": header.document_type,
            "issuing_body": header.issuing_body,
            "summary": header.summary,
            "place": header.place,
            "issued_on": header.issued_on,
            "year": year,
            "preamble": body.preamble,
            "closing": closing_text,
            "signer_authority": tail.signer_authority,
            "signer_position": tail.signer_position,
            "signer_name": tail.signer_name,
            "tracking_unit": tracking,
            "status": "draft",
        },
        "units": units,
        "unit_groups": groups,
        "documents": documents,
        "sections": sections,
        "closing_tasks": closing_tasks,
        "distribution": tail.distribution,
    }
    warnings += tail.warnings
    result.unplaced += header.unplaced + body.unplaced + tail.unplaced


def _default_leads(registry, sections, closing_tasks, tracking, warnings, home=None):
    """A lead for every task that names none: by what it is about, else the tracking body. In
    a ward's own directive (`home`: the issuing ward) that is the ward's work, never a city
    unit chosen by topic."""
    by_topic, by_tracking, by_home = {}, [], []
    for task in [t for s in sections for t in s["tasks"]] + closing_tasks:
        rule = task.pop("rule", None)
        if task["lead"]:
            continue
        lead = []
        if home:
            lead = [home]
            by_home.append(task["key"])
        elif rule == "dissemination" and "wards" in registry.groups:
            lead = ["@wards"]
        else:
            hits = [(len(rx.findall(task["description"])), -i, keys)
                    for i, (rx, keys) in enumerate(registry.topics)]
            count, _i, keys = max(hits, default=(0, 0, []))
            if count:
                lead = [k for k in keys if k in registry.units or k[1:] in registry.groups]
        if lead and not home:
            by_topic[task["key"]] = lead
        elif not lead:
            lead = [tracking]
            by_tracking.append(task["key"])
        task["lead"] = lead
        task["coordinating"] = [k for k in task["coordinating"] if k not in lead]
    if by_topic:
        # The draft names the units task by task (per_task); the text lists them by key.
        warnings.append(Note(
            gettext_noop("Không nêu đơn vị chủ trì; đề xuất theo lĩnh vực công việc — cần Văn phòng xác "
                         "nhận: %(proposals)s."),
            proposals="; ".join(f"{key} → {', '.join(lead)}" for key, lead in by_topic.items()),
            per_task=by_topic,
        ))
    for keys, unit, listed, each in (
        (by_tracking, tracking,
         gettext_noop("Các nhiệm vụ %(tasks)s không nêu đơn vị chủ trì; đề xuất %(unit)s (cơ quan theo dõi) — "
                      "cần Văn phòng xác nhận."),
         gettext_noop("Nhiệm vụ này không nêu đơn vị chủ trì; đề xuất %(unit)s (cơ quan theo dõi) — cần Văn "
                      "phòng xác nhận.")),
        (by_home, home,
         gettext_noop("Các nhiệm vụ %(tasks)s không nêu đơn vị chủ trì; đề xuất %(unit)s (đơn vị ban hành) — "
                      "cần Văn phòng xác nhận."),
         gettext_noop("Nhiệm vụ này không nêu đơn vị chủ trì; đề xuất %(unit)s (đơn vị ban hành) — cần Văn "
                      "phòng xác nhận.")),
    ):
        if keys:
            name = _name(registry, unit)
            warnings.append(Note(listed, for_tasks=keys, each=Note(each, unit=name), tasks=keys, unit=name))


def _name(registry, key):
    unit = registry.units.get(key)
    return f"{unit['name']} ({key})" if unit else key


def _units(registry, sections, closing_tasks, tracking):
    used_groups, used_units = [], {tracking}
    for task in [t for s in sections for t in s["tasks"]] + closing_tasks:
        for key in task["lead"] + task["coordinating"]:
            if key.startswith("@"):
                if key[1:] not in used_groups:
                    used_groups.append(key[1:])
                used_units.update(registry.groups.get(key[1:], []))
            else:
                used_units.add(key)
    for key in list(used_units):  # parents too: the loader wants them known
        while key in registry.units and registry.units[key].get("parent"):
            key = registry.units[key]["parent"]
            used_units.add(key)
    units = [dict(u) for k, u in registry.units.items() if k in used_units]
    groups = {name: list(registry.groups[name]) for name in registry.groups if name in used_groups}
    return units, groups


def parse_file(filename, data, registry=None):
    """extract_text then parse_directive_text; a refused file becomes an error, never an exception."""
    from .errors import ImportTextError
    from .extract import extract_text

    try:
        text = extract_text(filename, data)
    except ImportTextError as exc:
        return ParseResult(errors=[exc.message_vi])
    result = parse_directive_text(text, registry)
    result.warnings[:0] = list(text.warnings)
    return result
