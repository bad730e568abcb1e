"""The tail of a directive: the distribution list (Nơi nhận) and the signature block."""

import re
from dataclasses import dataclass, field

from tuson_qp.notes import Note, gettext_noop

from .header import is_caps

NOI_NHAN = re.compile(r"(?<!\w)Nơi\s+nhận\s*:?", re.I)
AUTHORITY = re.compile(r"(?<!\w)(T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.)\s*([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,80}[A-ZĐÀ-Ỹ])")
POSITIONS = [
    "PHÓ BÍ THƯ THƯỜNG TRỰC", "PHÓ BÍ THƯ", "BÍ THƯ", "PHÓ CHỦ TỊCH", "CHỦ TỊCH",
    "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG", "PHÓ TRƯỞNG BAN", "TRƯỞNG BAN", "CHỈ HUY TRƯỞNG",
    "CHÍNH ỦY", "CHỦ NHIỆM", "THƯỜNG TRỰC", "ỦY VIÊN",
]
POSITION = re.compile(r"(?:^|\s)(" + "|".join(POSITIONS) + r")$")
SIGNATURE_NOISE = re.compile(
    r"^[\[(](?:handwritten signature|signature|signed|seal|stamp|chữ ký|đã ký|ký[^)\]]{0,30}|"
    r"con dấu|dấu|đóng dấu)[\])]$", re.I)
NAME = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,5}$")
BRACE = re.compile(r"^-?\s*\}\s*\(?\s*(?:để\s+)?(b/c|t/h|báo cáo|thực hiện|p/h|phối hợp)\s*\)?[;.,]?$", re.I)
INLINE_PURPOSE = re.compile(
    r"\s*\}?\s*\(\s*(?:để\s+)?(b/c|t/h|báo cáo|thực hiện|p/h|phối hợp)\s*\)\s*[;.,]?\s*$", re.I)
LUU = re.compile(r"^Lưu\b", re.I)
SUPERIOR = re.compile(r"(?<!\w)(?:tỉnh|Tỉnh ủy|Trung ương|TW|Ban Bí thư|Bộ Chính trị)(?!\w)", re.I)
_PURPOSES = {"b/c": "bc", "báo cáo": "bc", "t/h": "th", "thực hiện": "th", "p/h": "th", "phối hợp": "th"}
_LABELS = {"bc": "b/c", "th": "t/h", "luu": "lưu"}


@dataclass
class Tail:
    distribution: list = field(default_factory=list)
    signer_authority: str = ""
    signer_position: str = ""
    signer_name: str = ""
    unplaced: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def find_tail_start(lines, body_start):
    """Index of the "Nơi nhận" line (or of the signature when there is none)."""
    for i in range(len(lines) - 1, body_start - 1, -1):
        if NOI_NHAN.match(lines[i]) or NOI_NHAN.search(lines[i]) and AUTHORITY.search(lines[i]):
            return i
    for i in range(len(lines) - 1, body_start - 1, -1):
        if AUTHORITY.search(lines[i]):
            return i
    return len(lines)


def _signature(tail, line):
    """Take the signature parts out of ``line``; return what is left."""
    m = AUTHORITY.search(line)
    if m and not tail.signer_authority:
        tail.signer_authority = f"{m.group(1)} {m.group(2).strip()}"
        line = (line[:m.start()] + line[m.end():]).strip()
    if tail.signer_authority and not tail.signer_position:
        m = POSITION.search(line)
        if m:
            tail.signer_position = m.group(1)
            return line[:m.start()].strip()
    if tail.signer_position and not tail.signer_name:
        m = re.search(r"(?:^|[;,]\s*)([A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?: [A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,5})$", line)
        if m and (NAME.match(line) or line.startswith("-")):
            tail.signer_name = m.group(1)
            return line[:m.start()].strip(" ;,")
    return line


def _assign_braces(items, braces, warnings):
    """Give the purposes of standalone "} (b/c)" lines to the items that have none."""
    open_items = [it for it in items if it["purpose"] is None]
    if not open_items or not braces:
        return
    if len(braces) == 1 or len(open_items) < len(braces):
        for it in open_items:
            it["purpose"] = braces[0]
    else:
        # Split in contiguous groups; for two groups choose the cut that best separates the
        # superiors (tỉnh, Trung ương: for report) from the rest.
        superior = [bool(SUPERIOR.search(it["recipient"])) for it in open_items]
        if len(braces) == 2:
            def fit(cut):
                want_first = braces[0] == "bc"
                return sum((s == want_first) for s in superior[:cut]) + sum(
                    (s != want_first) for s in superior[cut:])
            cut = max(range(1, len(open_items)), key=lambda c: (fit(c), -c))
            cuts = [0, cut, len(open_items)]
        else:
            size = len(open_items) / len(braces)
            cuts = [round(size * k) for k in range(len(braces))] + [len(open_items)]
        for g, purpose in enumerate(braces):
            for it in open_items[cuts[g]:cuts[g + 1]]:
                it["purpose"] = purpose
    groups = []
    for it in open_items:
        if groups and groups[-1][0] == it["purpose"]:
            groups[-1][1].append(it["recipient"])
        else:
            groups.append((it["purpose"], [it["recipient"]]))
    reading = "; ".join(f"{_LABELS[p]}: {', '.join(names)}" for p, names in groups)
    warnings.append(Note(gettext_noop("Nơi nhận: dấu “}” đứng riêng dòng, đã hiểu là %(reading)s — cần kiểm tra."),
                         reading=reading))


def _spread_inline_braces(items, warnings):
    """"- A;\n- B; } (b/c)": a brace drawn beside a recipient spans the recipients above it that
    have no purpose of their own (back to the previous purpose or the start of the list)."""
    spread = []
    for i, it in enumerate(items):
        if not it["brace"]:
            continue
        k = i - 1
        while k >= 0 and items[k]["purpose"] is None:
            items[k]["purpose"] = it["purpose"]
            spread.append(items[k]["recipient"])
            k -= 1
    if spread:
        warnings.append(Note(gettext_noop("Nơi nhận: dấu “}” bên cạnh một dòng được hiểu là gồm cả các dòng "
                                          "phía trên chưa ghi b/c, t/h (%(recipients)s) — cần kiểm tra."),
                             recipients=spread))


def parse_tail(lines):
    tail = Tail()
    items, braces, in_list, noise = [], [], False, []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if SIGNATURE_NOISE.match(line):
            noise.append(line)  # a scan's note such as "[Handwritten signature]": said, not kept
            continue
        m = NOI_NHAN.search(line)
        if m:
            in_list = True
            line = (line[:m.start()] + line[m.end():]).strip()
        line = _signature(tail, line)
        if not line:
            continue
        b = BRACE.match(line)
        if b:
            braces.append(_PURPOSES[b.group(1).lower()])
            continue
        if in_list and items and items[-1]["open"] and line[:1].islower():
            line = items.pop()["raw"] + " " + line  # a recipient wrapped onto the next line
        elif not (in_list and (line.startswith(("-", "+")) or not is_caps(line) and not tail.signer_name)):
            tail.unplaced.append(line)
            continue
        text = line.lstrip("-+ ").strip()
        p = INLINE_PURPOSE.search(text)
        purpose = _PURPOSES[p.group(1).lower()] if p else None
        if p:
            text = text[:p.start()]
        if LUU.match(text):
            purpose = "luu"
        if text.strip(" ;,."):
            items.append({"recipient": text.strip(" ;,."), "purpose": purpose, "raw": line,
                          "open": not p and not re.search(r"[;.]\s*$", text),
                          "brace": bool(p and "}" in p.group(0))})
    _spread_inline_braces(items, tail.warnings)
    for it in items:
        del it["raw"], it["open"], it["brace"]
    _assign_braces(items, braces, tail.warnings)
    guessed = [it for it in items if it["purpose"] is None]
    for it in guessed:
        it["purpose"] = "bc" if SUPERIOR.search(it["recipient"]) else "th"
    if guessed:
        tail.warnings.append(Note(
            gettext_noop("Nơi nhận: không ghi b/c hay t/h cho %(recipients)s; đã đề xuất theo cấp (cấp trên: b/c, "
                         "còn lại: t/h)."),
            recipients=[it["recipient"] for it in guessed],
        ))
    tail.distribution = items
    if noise:
        tail.warnings.append(Note(
            gettext_noop("Khối người ký: đã bỏ qua %(notes)s (ghi chú của bản chụp về chữ ký, con dấu; không phải "
                         "nội dung văn bản)."),
            notes=[f"“{n}”" for n in noise],
        ))
    if not items:
        tail.warnings.append(Note(gettext_noop("Không tìm thấy danh sách Nơi nhận.")))
    if not tail.signer_name:
        tail.warnings.append(Note(gettext_noop("Không tìm thấy người ký (khối “T/M …”, chức vụ, họ tên).")))
    return tail
