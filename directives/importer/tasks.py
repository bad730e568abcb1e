"""Candidate tasks: one per obligation, split at sentences and at ";" before a new verb."""

import re
from dataclasses import dataclass

from directives import recurrence

from .dates import default_deadline, find_deadline, find_events, find_target
from .lexicon import VERB_START
from .units import assign_roles, find_mentions

MIN_CLAUSE_WORDS = 7
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+")
_ABBREV = re.compile(r"(?:\bv\.v|\bTP|\bTr|\bđ/c|\bĐ/c|\bThs|\bTS)\.$")
# Year-round wording wins; then one-time work; everything else is year-round ("periodic").
_YEAR_ROUND = re.compile(r"^(?:Tiếp tục|Duy trì)\b|thường xuyên|định kỳ|hằng năm|hàng năm|hằng tháng|"
                         r"hàng tháng|hằng quý|hàng quý|theo dõi, đôn đốc", re.I)
_ONE_OFF = re.compile(r"diễn tập|ra Nghị quyết|ban hành|xây dựng kế hoạch|phổ biến|đầu tư|hội thi|"
                      r"hội thao|sơ kết|tổng kết|cử cán bộ|tuyển chọn|giao quân", re.I)
_RESOLUTION = re.compile(r"(?:ra|ban hành|xây dựng) Nghị quyết", re.I)
_PLAN = re.compile(r"(?:xây dựng|ban hành) (?:kế hoạch|chương trình)", re.I)
_DISSEMINATION = re.compile(r"phổ biến đến|quán triệt đến|xác nhận đã nhận", re.I)


@dataclass
class Clause:
    start: int
    end: int
    text: str


def sentences(text):
    """[(start, end)] of the sentences of ``text``."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        nxt = text[m.end():m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt in "“\"") or _ABBREV.search(text[:m.start() + 1]):
            continue
        spans.append((start, m.start() + len(m.group(0).rstrip())))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _words(text):
    return len(text.split())


# A list item's marker at the start of a line: "a)", "-", "+", "•", "1.1." (normalize turns "+" into "-").
_LIST_MARKER = re.compile(r"(?:[-+•]|[a-zđ]\)|\d{1,2}\.\d{1,2}\.?)\s+")


def _line_spans(text):
    """[(start, end)] of the lines of ``text`` (its paragraphs), a list item's marker left out."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        m = _LIST_MARKER.match(text, start, end)
        spans.append((m.end() if m else start, end))
        start = end + 1
    return spans


def _sentences_by_line(text):
    """Sentences never run across a line break: each paragraph or list item is split on its own."""
    for a, b in _line_spans(text):
        for s, e in sentences(text[a:b]):
            yield a + s, a + e


def clauses(text, registry):
    """Split ``text`` into obligations: paragraphs and list items ("a)", "-", "+"), sentences,
    then ";" followed by a verb or a unit."""
    result = []
    for s, e in _sentences_by_line(text):
        cuts = [s]
        for m in re.finditer(r";\s+", text[s:e]):
            nxt = s + m.end()
            tail = text[nxt:e]
            opens = VERB_START.match(tail) or any(
                mm.start == 0 for mm in find_mentions(tail[:80], registry))
            if (opens and _words(tail.split(";")[0]) >= MIN_CLAUSE_WORDS
                    and _words(text[cuts[-1]:s + m.start()]) >= 4):
                cuts.append(nxt)
        cuts.append(e)
        for a, b in zip(cuts, cuts[1:]):
            piece = text[a:b].strip().rstrip(";").strip()
            if piece:
                start = text.index(piece, a)
                result.append(Clause(start, start + len(piece), piece))
    return result


def short_title(text, max_words=16):
    """A short heading from a clause: its first phrase, cut at a comma if it is too long."""
    text = re.sub(r"^Căn cứ [^,]{0,60},\s*", "", text.strip())
    text = re.sub(r"\s*\./\.$", ".", text)
    first = re.split(r"[;:]|\.(?:\s|$)", text, maxsplit=1)[0].strip().rstrip(" ,.")
    first = first[:1].upper() + first[1:]
    words = first.split()
    if len(words) <= max_words:
        return first
    cut = " ".join(words[:max_words])
    comma = cut.rfind(",")
    if comma > 0 and len(cut[:comma].split()) >= 5:
        return cut[:comma]
    return cut.rstrip(" ,.") + "…"


def _capital(text):
    return text[:1].upper() + text[1:]


def _event_pieces(clause, year):
    """Split a clause naming several anniversaries into one piece per date."""
    events = find_events(clause.text, year)
    if not events:
        return [(clause, None, [])]
    by_date = {}
    for ev in events:
        by_date.setdefault(ev.date, []).append(ev)
    if len(by_date) == 1:
        return [(clause, events[0], [(ev.start, ev.end) for ev in events])]
    lead_in = clause.text[:events[0].start]
    pieces = []
    for date, evs in by_date.items():
        names = ", ".join(ev.name for ev in evs)
        text = (lead_in + names).strip()
        pieces.append((Clause(clause.start + evs[0].start, clause.start + evs[-1].end, text), evs[-1],
                       [(ev.start - evs[0].start + len(lead_in), ev.end - evs[0].start + len(lead_in))
                        for ev in evs]))
    rest = clause.text[events[-1].end:].strip(" ,;")
    rest = re.sub(r"^(?:và|cùng)\s+", "", rest)
    if _words(rest) >= 4:
        verb = re.match(r"^(.*?\bkỷ niệm)\s", lead_in.strip() + " ")
        prefix = verb.group(1) + " " if verb else lead_in
        pieces.append((Clause(clause.start + events[-1].end, clause.end, _capital(prefix + rest)),
                       None, []))
    return pieces


def _split_named_wards(lead, registry):
    """Several wards named one by one ("phường Đình Bảng, Tương Giang"): one task each."""
    wards = set(registry.wards.values())
    if len(lead) > 1 and all(k in wards for k in lead):
        return [[k] for k in lead]
    return [lead]


def build_tasks(text, key_prefix, context, offset=0, closing=False):
    """Candidate tasks of one part (or of the closing paragraphs)."""
    registry, year, issued_on = context["registry"], context["year"], context["issued_on"]
    tasks = []
    for clause in clauses(text, registry):
        for piece, event, masked in _event_pieces(clause, year):
            lead, coordinating = assign_roles(piece.text, registry, masked, context.get("home"))
            cites = [] if event else list(dict.fromkeys(
                doc.key for s, e, doc in context["citations"] if offset + piece.start <= s < offset + piece.end))
            for own_lead in _split_named_wards(lead, registry):
                task = {
                    "key": f"{key_prefix}.{len(tasks) + 1}",
                    "title": short_title(piece.text),
                    "description": piece.text,
                    "kind": "periodic",
                    "deadline": None,
                    "deadline_proposed": True,
                    "deadline_note": "",
                    "event_date": event.date if event else None,
                    "target_value": None,
                    "target_unit": "",
                    "lead": list(own_lead),
                    "coordinating": list(coordinating),
                    "cites": list(cites),
                }
                _when(task, piece.text, event, year, issued_on, closing)
                tasks.append(task)
    return tasks


def _when(task, text, event, year, issued_on, closing):
    value, unit = find_target(text)
    if value is not None:
        task["target_value"], task["target_unit"] = value, unit
    stated, phrase = find_deadline(text, year)
    rule = None
    if event:
        task["kind"], task["deadline"] = "event", event.date
        if event.how == "range":
            task["deadline_proposed"] = False
            task["deadline_note"] = f"Ngày kỷ niệm do Chỉ thị nêu ({event.date:%d/%m/%Y})"
        else:
            task["deadline_note"] = (f"Chỉ thị không ghi ngày; theo ngày kỷ niệm ({event.date:%d/%m}) "
                                     f"năm {event.date.year}")
        return
    if stated:
        task["deadline"], task["deadline_proposed"] = stated, False
        task["deadline_note"] = f"Theo Chỉ thị: “{phrase}”"
    else:
        if _RESOLUTION.search(text):
            rule = "resolution"
        elif _PLAN.search(text):
            rule = "plan"
        elif closing and _DISSEMINATION.search(text):
            rule = "dissemination"
        task["deadline"], task["deadline_note"] = default_deadline(rule, issued_on, year)
    task["rule"] = rule
    if value is not None:
        task["kind"] = "target"
    elif rule or (_ONE_OFF.search(text) and not _YEAR_ROUND.search(text)):
        task["kind"] = "one_off"
    repeats = recurrence.detect(text)
    if repeats and task["kind"] != "target":
        task["kind"], task["recurrence"] = "periodic", repeats
