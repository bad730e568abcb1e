"""Cited documents: type, number and symbol, date, issuer (with its term) and title."""

import re
from dataclasses import dataclass, field

from tuson_qp.notes import Note, gettext_noop

from .dates import make_date
from .lexicon import CAPITAL_VERB, DOC_TYPES, KNOWN_ISSUERS, SYMBOL_ISSUERS
from .normalize import ascii_slug, fold

_TYPE_ALT = "|".join(re.escape(name) for name, _t, _p in DOC_TYPES)
_TYPE_INFO = {fold(name): (doc_type, prefix) for name, doc_type, prefix in DOC_TYPES}
_SYM = r"[0-9A-Za-zĐđ&]+"
_MENTION = re.compile(
    r"(?<!\w)(" + _TYPE_ALT + r")\s+(?:số\s*:?\s*)?"
    r"(\d{1,5}(?:\s?[/\-]\s?" + _SYM + r")*(?:\s[A-ZĐ]{2,}(?:[/\-]" + _SYM + r")+)?)"
    r"(?![\w/])",
    re.I,
)
_DATE_AFTER = re.compile(
    r"^,?\s*(?:ban hành\s+)?ngày\s+(?:(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"
    r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))", re.I)
_ISSUER_AFTER = re.compile(r"^,?\s*của\s+", re.I)
_ISSUER_STOP = re.compile(r"[,;.:“”\"(\n]|\s(?:về|quy định|hướng dẫn|ngày|nhằm|đối với|và các)\s", re.I)
_TERM = re.compile(r"^\s*\((khóa|khoá|nhiệm kỳ)\s+([^)]{1,20})\)", re.I)
_QUOTED = re.compile(r"^,?\s*[“\"]([^”\"]{3,400})[”\"]")
_UNQUOTED = re.compile(r"^,?\s*(?:quy định\s+|hướng dẫn\s+)?(về\s+[^;“”\"]{3,400})", re.I)
# An unquoted title ends at ";", ".", ":", at the next cited document (", Quy định …", "và Thông tư …")
# or where the sentence's subject begins ("…, Ban Thường vụ Đảng ủy yêu cầu …").
_TITLE_END = re.compile(
    r"[;.:](?:\s|$)|(?:,|\s+và)\s*(?:" + _TYPE_ALT + r")\s"
    r"|,\s+(?=(?:Ban|Đảng ủy|Thành ủy|Tỉnh ủy|Huyện ủy|Ủy ban|UBND|Hội đồng|Chi bộ|Thường trực|Văn phòng)(?!\w))",
    re.I)


@dataclass
class CitedDocument:
    doc_type: str
    prefix: str
    number: str
    issued_on: object = None
    issuer: str = ""
    issuer_derived: bool = False
    title: str = ""
    title_quoted: bool = False
    key: str = ""
    mentions: list = field(default_factory=list)

    def as_dict(self):
        return {"key": self.key, "doc_type": self.doc_type, "number": self.number,
                "issued_on": self.issued_on, "issuer": self.issuer, "title": self.title}


def normalize_number(raw):
    number = re.sub(r"\s*([/\-])\s*", r"\1", raw.strip())
    return re.sub(r"(?<=[A-ZĐ])\s+(?=[A-ZĐ])", "", number)


_KNOWN = {fold(name): name for name in KNOWN_ISSUERS}


def canonical_issuer(raw):
    raw = " ".join(raw.split()).strip(" ,;")
    return _KNOWN.get(fold(raw)) or raw[:1].upper() + raw[1:]


def issuer_from_symbol(number):
    parts = [p.upper() for p in re.split(r"[/\-]", number)[1:]]
    names = [SYMBOL_ISSUERS[p] for p in parts if p in SYMBOL_ISSUERS]
    return ", ".join(dict.fromkeys(names))


def _issuer_base(issuer):
    return fold(re.sub(r"\s*\(.*\)$", "", issuer or ""))


def _term(issuer):
    m = re.search(r"\((?:khóa|khoá|nhiệm kỳ)\s+([^)]+)\)", issuer or "", re.I)
    return m.group(1).strip().upper() if m else ""


def _read_tail(text, pos):
    """Date, issuer and title written after a document's number, from ``pos``."""
    date, issuer, title, quoted = None, "", "", False
    for _ in range(3):
        rest = text[pos:pos + 500]
        m = _DATE_AFTER.match(rest)
        if m and date is None:
            g = m.groups()
            date = make_date(*(g[:3] if g[0] else g[3:]))
            pos += m.end()
            continue
        m = _ISSUER_AFTER.match(rest)
        if m and not issuer:
            body = rest[m.end():]
            stop = _ISSUER_STOP.search(body)
            name = body[:stop.start() if stop else min(len(body), 80)].strip()
            if 2 <= len(name) <= 80:
                end = m.end() + len(body[:stop.start() if stop else len(name)].rstrip())
                term = _TERM.match(rest[end:])
                issuer = canonical_issuer(name)
                if term:
                    issuer += f" (khóa {term.group(2).strip()})" if term.group(1).lower() != "nhiệm kỳ" \
                        else f" (nhiệm kỳ {term.group(2).strip()})"
                    end += term.end()
                pos += end
                continue
        m = _QUOTED.match(rest)
        if m and not title:
            title, quoted = m.group(1).strip().rstrip(".,; "), True
            pos += m.end()
            continue
        m = _UNQUOTED.match(rest)
        if m and not title:
            candidate = m.group(1)
            stop = _TITLE_END.search(candidate)
            candidate = candidate[:stop.start()] if stop else candidate
            verb = CAPITAL_VERB.search(candidate)
            candidate = candidate[:verb.start()] if verb else candidate
            title = candidate.strip().rstrip(".,; ")
            pos += m.start(1) + len(candidate)
            continue
        break
    return date, issuer, title, quoted, pos


_ABBR = {"ban chap hanh trung uong": "bch", "bo chinh tri": "bct", "ban bi thu": "bbt",
         "chinh phu": "cp", "thu tuong chinh phu": "ttg"}


def _issuer_abbr(issuer):
    base = _issuer_base(issuer)
    if base in _ABBR:
        return _ABBR[base]
    return "".join(w[0] for w in ascii_slug(base).split("-") if w) or "x"


class DocumentBook:
    """All documents cited in one directive, deduplicated in reading order."""

    def __init__(self):
        self.documents = []
        self.warnings = []

    def _compatible(self, doc, new):
        if doc.issued_on and new.issued_on and doc.issued_on != new.issued_on:
            return False
        if doc.issuer and new.issuer and not (doc.issuer_derived or new.issuer_derived):
            if _issuer_base(doc.issuer) != _issuer_base(new.issuer):
                return False
            if _term(doc.issuer) and _term(new.issuer) and _term(doc.issuer) != _term(new.issuer):
                return False
        return True

    def add(self, new):
        same = [d for d in self.documents
                if d.doc_type == new.doc_type and d.number.upper() == new.number.upper()]
        fits = [d for d in same if self._compatible(d, new)]
        if not fits:
            self.documents.append(new)
            return new
        if len(fits) > 1 and not new.issuer and not new.issued_on:
            self.warnings.append(Note(
                gettext_noop("%(number)s: nhắc lại không nêu cơ quan ban hành, có %(count)s văn bản cùng số; tạm gắn "
                             "với văn bản đầu tiên (%(issuer)s)."),
                number=new.number, count=len(fits), issuer=fits[0].issuer or Note(gettext_noop("không rõ")),
            ))
        doc = fits[0]
        doc.issued_on = doc.issued_on or new.issued_on
        if new.issuer and (not doc.issuer or doc.issuer_derived and not new.issuer_derived
                           or len(new.issuer) > len(doc.issuer) and not new.issuer_derived):
            doc.issuer, doc.issuer_derived = new.issuer, new.issuer_derived
        if new.title and (not doc.title or new.title_quoted and not doc.title_quoted):
            doc.title, doc.title_quoted = new.title, new.title_quoted
        return doc

    def scan(self, text, offset=0):
        """Add every document cited in ``text``; [(start, end, CitedDocument)] of its mentions."""
        spans = []
        for m in _MENTION.finditer(text):
            type_info = _TYPE_INFO.get(fold(m.group(1)))
            if not type_info:
                continue
            number = normalize_number(m.group(2))
            if not re.search(r"[/\-]", number) and not re.match(r"^,?\s*(?:của|ngày|[;,.])", text[m.end():], re.I):
                continue  # a bare number that is not a citation ("Quyết định 2 năm …")
            date, issuer, title, quoted, end = _read_tail(text, m.end())
            derived = False
            if not issuer:
                issuer, derived = issuer_from_symbol(number), True
            doc = self.add(CitedDocument(type_info[0], type_info[1], number, date, issuer,
                                         derived and bool(issuer), title, quoted))
            doc.mentions.append(offset + m.start())
            spans.append((offset + m.start(), offset + end, doc))
        return spans

    def finish(self):
        """Give every document a unique key (nq-28-nq-tw-bch-2013) and return the list of dicts."""
        bases = {}
        for doc in self.documents:
            bases.setdefault(f"{doc.prefix}-{ascii_slug(doc.number)}", []).append(doc)
        used = set()
        for base, docs in bases.items():
            for doc in docs:
                key = f"{base}-{_issuer_abbr(doc.issuer)}" if len(docs) > 1 else base
                if doc.issued_on and str(doc.issued_on.year) not in key:
                    key += f"-{doc.issued_on.year}"
                n, unique = 2, key
                while unique in used:
                    unique, n = f"{key}-{n}", n + 1
                doc.key = unique[:80]
                used.add(doc.key)
        return [doc.as_dict() for doc in self.documents]
