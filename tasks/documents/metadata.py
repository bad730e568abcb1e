"""The particulars of an uploaded document suggested from its own text: number and symbol and
date from the header of its first page, the signer from its signature block. The importer's
parsers read them (directives/importer); the officer confirms or corrects every value."""

from dataclasses import dataclass, field

from directives.importer.distribution import find_tail_start, parse_tail
from directives.importer.errors import ImportTextError
from directives.importer.extract import document_text
from directives.importer.header import parse_header
from directives.importer.normalize import normalize_text

from tasks import symbols

# The header is on the first page; the signature closes the document, usually on page one
# or two of a resolution or report.
PAGES_READ = 4


@dataclass
class Suggestion:
    number_symbol: str = ""
    issued_on: object = None
    signer: str = ""
    error: str = ""  # why nothing could be read (Vietnamese), when nothing could
    found: list = field(default_factory=list)  # names of the fields found

    def as_json(self):
        return {
            "number_symbol": self.number_symbol,
            "issued_on": self.issued_on.strftime("%d/%m/%Y") if self.issued_on else "",
            "signer": self.signer,
            "found": self.found,
            "error": self.error,
        }


def _number_symbol(header):
    if not (header.number and header.symbol):
        return ""
    # Party documents put a dash after the number (03-CT/TU), State documents a slash (12/KH-UBND).
    for candidate in (f"{header.number}-{header.symbol}", f"{header.number}/{header.symbol}"):
        parsed = symbols.parse(candidate)
        if parsed is not None:
            return parsed.text
    return ""


def suggest_metadata(filename, data):
    """A Suggestion for the bytes of one PDF or DOCX (never raises on a bad file)."""
    try:
        text = document_text(filename, data, max_pages=PAGES_READ)
    except ImportTextError as refusal:
        note = refusal.message_vi
        return Suggestion(error=note.translated() if hasattr(note, "translated") else str(note))
    lines = normalize_text(text).split("\n")
    header = parse_header(lines)
    tail = parse_tail(lines[find_tail_start(lines, header.body_start):])
    suggestion = Suggestion(number_symbol=_number_symbol(header), issued_on=header.issued_on,
                            signer=tail.signer_name)
    suggestion.found = [name for name in ("number_symbol", "issued_on", "signer") if getattr(suggestion, name)]
    return suggestion
