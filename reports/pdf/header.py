"""The Party document header and signature of a report (Hướng dẫn 36-HD/VPTW).

The requester fills these in a form; the defaults come from the directive (its place and
distribution list) and from the tree of units as it stood on the report's "as of" date
(tasks.unit_history): the issuing unit's name (the issuing organ, the number's symbol) and
its parent's (the parent organ), so a reorganisation needs no code change and a report about
30/06/2022 is issued under 2022's names. They are stored in `Report.parameters["header"]` as
plain strings.
"""

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from types import SimpleNamespace

from directives.models import Recipient
from tasks.unit_history import units_as_of

DOCUMENT_TYPE = "BÁO CÁO"
DRAFT_MARK = "DỰ THẢO"
NBSP = "\u00a0"
# Words that stay on the line of the word after them in the summary line ("số 03-CT/TU",
# "ngày 04/01/2022", "năm 2022").
_BINDING_WORDS = {"số", "ngày", "tháng", "năm", "của", "về", "và"}
# Words left out of an organ's initials ("Đảng ủy Quân sự thành phố" → ĐUQS).
_NOT_IN_SYMBOL = {"thành", "phố", "phường", "tỉnh", "và", "các"}
# A local Party committee signs its documents "…/ĐU" ("Số 12-NQ/ĐU"): the place is not initials.
_LOCAL_COMMITTEE = re.compile(r"^đảng (ủy|uỷ) (phường|xã|thị trấn) ", re.IGNORECASE)
# A city-level Party committee and the Party organisation its units report within.
_PARTY_ORGANISATION = [("THÀNH ỦY ", "ĐẢNG BỘ THÀNH PHỐ "), ("HUYỆN ỦY ", "ĐẢNG BỘ HUYỆN "),
                       ("THỊ ỦY ", "ĐẢNG BỘ THỊ XÃ "), ("QUẬN ỦY ", "ĐẢNG BỘ QUẬN ")]
# Units that issue Party documents under their own name (a report on their own work).
PARTY_ORGAN_KINDS = ("ward", "party_cell")


@dataclass
class Header:
    parent_organ: str = ""
    issuing_organ: str = ""
    number: str = ""
    place: str = ""
    report_date: str = ""  # ISO date
    document_type: str = DOCUMENT_TYPE
    title: str = ""
    signer_authority: str = ""
    signer_position: str = ""
    signer_name: str = ""
    recipients: list = field(default_factory=list)
    # A draft (not final) prints DỰ THẢO in the header; a final report needs signer_name.
    final: bool = False

    @classmethod
    def from_parameters(cls, data):
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_parameters(self):
        return asdict(self)

    # What the templates print -------------------------------------------------------------

    @property
    def number_line(self):
        number = self.number.strip()
        if number.startswith("-"):
            # The number is left blank for the clerk to write in, as on paper.
            return "Số\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0" + number
        return f"Số {number}"

    @property
    def place_and_date(self):
        return place_and_date(self.place, date.fromisoformat(self.report_date))

    @property
    def title_line(self):
        """The summary line with its short words bound to the next (non-breaking spaces)."""
        return keep_together(self.title)

    @property
    def draft_mark(self):
        return "" if self.final else DRAFT_MARK

    @property
    def recipient_lines(self):
        """Each recipient as printed under "Nơi nhận:": "- X," and the last "- Y."."""
        items = [r.strip().lstrip("-–").strip().rstrip(",;.") for r in self.recipients]
        items = [r for r in items if r]
        return [f"- {r}{'.' if i == len(items) - 1 else ','}" for i, r in enumerate(items)]


def place_and_date(place, day):
    """HD36 writes a leading zero only for days 1–9 and for months 1 and 2:
    "ngày 05 tháng 7 năm 2022", "ngày 15 tháng 02 năm 2022", "ngày 30 tháng 12 năm 2022"."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def keep_together(text):
    """`text` with a non-breaking space after each short binding word ("năm 2022", "số
    03-CT/TU") and between its last two words, so that no line of the centred summary holds a
    lone "2022" or a lone last word."""
    words = (text or "").split()
    if len(words) < 2:
        return " ".join(words)
    out = []
    for i, word in enumerate(words):
        out.append(word)
        if i == len(words) - 1:
            break
        binding = word.lower() in _BINDING_WORDS or i == len(words) - 2
        out.append(NBSP if binding else " ")
    return "".join(out)


def _strip_marks(text):
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def organ_symbol(unit):
    """The short symbol after "BC/" for a unit: its short name when that is already a
    symbol (ĐUQS), else the initials of its name (Đảng ủy Quân sự thành phố → ĐUQS)."""
    short = (unit.short_name or "").strip()
    if short and " " not in short and short.upper() == short:
        return short
    if _LOCAL_COMMITTEE.match(unicodedata.normalize("NFC", unit.name.strip())):
        return "ĐU"
    # A parenthesised qualifier is not part of the symbol, nor is punctuation.
    name = re.sub(r"\([^)]*\)", " ", unit.name)
    initials = [w[0] for w in name.split() if w[0].isalpha() and w not in _NOT_IN_SYMBOL]
    return _strip_marks("".join(initials)).upper()


def party_organisation_of(directive):
    """The Party organisation under the directive's issuing committee, the parent organ of a
    unit's own report: THÀNH ỦY TỪ SƠN → ĐẢNG BỘ THÀNH PHỐ TỪ SƠN."""
    organ = unicodedata.normalize("NFC", directive.issuing_organ.strip().upper()).replace("UỶ", "ỦY")
    for committee, organisation in _PARTY_ORGANISATION:
        if organ.startswith(committee):
            return organisation + organ[len(committee):]
    return organ


def directive_reference(directive):
    """"Chỉ thị số 03-CT/TU, ngày 04/01/2022"."""
    kind = directive.document_type.strip().capitalize()
    return f"{kind} số {directive.number_symbol}, ngày {directive.issued_on:%d/%m/%Y}"


def _lower_first(text):
    return text[:1].lower() + text[1:] if text else text


def default_title(kind, directive, unit=None, as_of=None):
    from reports.models import Report

    reference = directive_reference(directive)
    summary = _lower_first(directive.summary.strip())
    if kind == Report.Kind.UNIT and unit is not None:
        return f"kết quả thực hiện {reference} {summary} của {unit.name}".replace("  ", " ")
    if kind == Report.Kind.OVERDUE:
        return f"danh sách nhiệm vụ chưa hoàn thành, quá hạn thực hiện {reference}"
    return f"kết quả thực hiện {reference} {summary}".replace("  ", " ")


# How the body a directive is signed for is written in running text.
_BODIES = {"BAN THƯỜNG VỤ": "Ban Thường vụ", "BAN CHẤP HÀNH": "Ban Chấp hành",
           "THƯỜNG TRỰC": "Thường trực", "BAN BÍ THƯ": "Ban Bí thư"}


def issuing_committee(directive):
    """The committee that issued the directive, as a report addresses it: "Ban Thường vụ
    Thành ủy" for a directive signed T/M BAN THƯỜNG VỤ by THÀNH ỦY TỪ SƠN."""
    authority = unicodedata.normalize("NFC", (directive.signer_authority or "").strip())
    body = re.sub(r"^(T/M|K/T|T/L|TM\.|KT\.|TL\.)\s*", "", authority, flags=re.IGNORECASE).strip()
    organ = unicodedata.normalize("NFC", directive.issuing_organ.strip())
    # "THÀNH ỦY TỪ SƠN" → "Thành ủy": the kind of committee, without its place.
    kind = next((c.strip().capitalize() for c, _org in _PARTY_ORGANISATION
                 if organ.upper().replace("UỶ", "ỦY").startswith(c)), organ.capitalize())
    if not body:
        return kind
    body = _BODIES.get(body.upper(), body.capitalize())
    return f"{body} {kind}"


def _recipient_key(text):
    return re.sub(r"\s*\(.*?\)\s*$", "", text.strip().lstrip("-–").strip().rstrip(",;.")).casefold()


def default_recipients(directive, symbol=None):
    """The tracking body's distribution: the committee that issued the directive (unless its
    own "b/c" list names it), the province's addressees of the directive's "b/c" list, and
    "Lưu VP" last (HD36)."""
    above = list(Recipient.objects.filter(
        directive=directive, purpose=Recipient.Purpose.REPORT
    ).order_by("position").values_list("recipient", flat=True))
    committee = issuing_committee(directive)
    lines = [] if any(_recipient_key(r) == committee.casefold() for r in above) else [f"{committee} (b/c)"]
    lines += [f"{name} (b/c)" for name in above]
    return lines + ["Lưu VP"]


def parent_organ_of(unit, directive):
    """The parent-organ line of a report issued by `unit` (HD36: its direct superior Party
    organisation), read from the unit's data: the Party organisation of its parent unit when
    it has one (ĐẢNG ỦY PHƯỜNG X → ĐẢNG BỘ PHƯỜNG X), else that of the committee that issued
    the directive (THÀNH ỦY TỪ SƠN → ĐẢNG BỘ THÀNH PHỐ TỪ SƠN). Editable in the form."""
    parent = getattr(unit, "parent", None)
    if parent is not None:
        name = unicodedata.normalize("NFC", parent.name.strip()).upper().replace("UỶ", "ỦY")
        if name.startswith("ĐẢNG ỦY "):
            return "ĐẢNG BỘ " + name[len("ĐẢNG ỦY "):]
        return name
    return party_organisation_of(directive)


def unit_on(unit, day):
    """`unit` as it stood on `day`: its name, short name and kind then, and its parent then
    (named as on that day), from the units' history; `unit` itself without a day."""
    if unit is None or day is None:
        return unit
    found = units_as_of([unit.pk], day)[unit.pk]
    parent = None
    if found.parent_id:
        then = units_as_of([found.parent_id], day)[found.parent_id]
        parent = SimpleNamespace(pk=then.pk, name=then.name, short_name=then.short_name, kind=then.kind, parent=None)
    return SimpleNamespace(pk=unit.pk, name=found.name, short_name=found.short_name, kind=found.kind, parent=parent)


def default_header(kind, directive, unit=None, today=None, previous=None, issuer=None, as_of=None):
    """The header a form starts from. `previous` (a Header of the requester's last report on
    this directive) keeps the signer and the distribution they typed last time; the organs
    come from the tree as it stood on `as_of` (the report's "as of" date; None: today's).

    The report is issued by the directive's tracking body, or by `issuer`: a unit's Party
    committee reporting on its own work (its parent organ is then the city's Party
    organisation, and it reports to the tracking body)."""
    today = today or date.today()
    tracking = unit_on(directive.tracking_unit, as_of)
    issuer, unit = unit_on(issuer, as_of), unit_on(unit, as_of)
    if issuer is None:
        symbol = organ_symbol(tracking)
        parent, issuing = parent_organ_of(tracking, directive), tracking.name.upper()
        recipients = default_recipients(directive)
    else:
        symbol = organ_symbol(issuer)
        parent, issuing = parent_organ_of(issuer, directive), issuer.name.upper()
        recipients = [f"{tracking.name} (b/c)", "Lưu VP"]
    header = Header(
        parent_organ=parent,
        issuing_organ=issuing,
        number=f"-BC/{symbol}",
        place=directive.place,
        report_date=today.isoformat(),
        title=default_title(kind, directive, unit),
        signer_authority="T/M ĐẢNG ỦY",
        signer_position="BÍ THƯ",
        recipients=recipients,
    )
    if previous is not None:
        # Not the organs: they follow the tree of units on the report's date.
        for name in ("signer_authority", "signer_position", "signer_name", "recipients", "place"):
            value = getattr(previous, name)
            if value:
                setattr(header, name, value)
    return header
