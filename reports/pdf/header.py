"""The Party document header and signature of a report (Hướng dẫn 36-HD/VPTW).

The requester fills these in a form; the defaults come from the directive (its parent
organ, place and distribution list) and its tracking body (the issuing organ and the
number's symbol). They are stored in `Report.parameters["header"]` as plain strings.
"""

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date

from directives.models import Recipient

DOCUMENT_TYPE = "BÁO CÁO"
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
    def recipient_lines(self):
        """Each recipient as printed under "Nơi nhận:": "- X," and the last "- Y."."""
        items = [r.strip().lstrip("-–").strip().rstrip(",;.") for r in self.recipients]
        items = [r for r in items if r]
        return [f"- {r}{'.' if i == len(items) - 1 else ','}" for i, r in enumerate(items)]


def place_and_date(place, day):
    return f"{place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"


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


def default_recipients(directive, symbol):
    above = Recipient.objects.filter(
        directive=directive, purpose=Recipient.Purpose.REPORT
    ).order_by("position").values_list("recipient", flat=True)
    return [f"{name} (b/c)" for name in above] + [f"Lưu: VT {symbol}".strip()]


def default_header(kind, directive, unit=None, today=None, previous=None, issuer=None):
    """The header a form starts from. `previous` (a Header of the requester's last report on
    this directive) keeps the signer and the distribution they typed last time.

    The report is issued by the directive's tracking body, or by `issuer`: a unit's Party
    committee reporting on its own work (its parent organ is then the city's Party
    organisation, and it reports to the tracking body)."""
    today = today or date.today()
    tracking = directive.tracking_unit
    if issuer is None:
        symbol = organ_symbol(tracking)
        parent, issuing = directive.parent_organ.upper(), tracking.name.upper()
        recipients = default_recipients(directive, symbol)
    else:
        symbol = organ_symbol(issuer)
        parent, issuing = party_organisation_of(directive), issuer.name.upper()
        recipients = [f"{tracking.name} (b/c)", f"Lưu: VT {symbol}"]
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
        for name in ("parent_organ", "issuing_organ", "signer_authority", "signer_position",
                     "signer_name", "recipients", "place"):
            value = getattr(previous, name)
            if value:
                setattr(header, name, value)
    return header
