"""The body: paragraphs joined back together, the preamble, the numbered parts, the closing."""

import re
from dataclasses import dataclass, field

from tuson_qp.notes import Note, gettext_noop

from .normalize import ends_sentence, starts_lower

ITEM = re.compile(r"^(?:(?:Phần|Mục)\s+)?(\d{1,2}|[IVX]{1,5})\s*([.)])\s*(?=\S)")
LIST_ITEM = re.compile(r"^(?:[-+•]\s|[a-zđ]\)\s|\d{1,2}\.\d{1,2}\.?\s)")
CLOSING_CUE = re.compile(
    r"^(?:Căn cứ (?:Chỉ thị|Nghị quyết|Kế hoạch|nội dung)|Nhận được|(?:Chỉ thị|Nghị quyết|Kế hoạch|"
    r"Quyết định|Thông báo) này|Giao |Đề nghị |Yêu cầu |Các cấp ủy|Văn phòng Thành ủy|"
    r"Đảng ủy Quân sự (?:thành phố )?chủ trì|Quá trình (?:thực hiện|tổ chức))", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}


@dataclass
class Paragraph:
    text: str
    after_blank: bool


@dataclass
class Part:
    number: int
    written: str
    heading: str
    paragraphs: list

    @property
    def text(self):
        return "\n".join(self.paragraphs)


@dataclass
class Body:
    preamble: str = ""
    parts: list = field(default_factory=list)
    closing: list = field(default_factory=list)   # closing paragraphs
    unplaced: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def _item(text):
    m = ITEM.match(text)
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        kind, value = "arabic", int(token)
    elif token in _ROMAN:
        kind, value = "roman", _ROMAN[token]
    else:
        return None
    rest = text[m.end():]
    if not rest or not (rest[0].isupper() or rest[0] in "“\"("):
        return None
    return kind, m.group(2), value, token, rest


def paragraphs(lines):
    """Logical paragraphs: wrapped lines and stray breaks before a lower-case word are joined."""
    result, blank, last = [], True, ""
    for line in lines:
        if not line:
            blank = True
            continue
        prev = result[-1].text if result else None
        wrapped = prev is not None and not blank and not ends_sentence(prev) and len(last) >= 40
        join = prev is not None and (not (_item(line) or LIST_ITEM.match(line)) or wrapped) and (
            starts_lower(line) or (not blank and not ends_sentence(prev)
                                   and not line[:1] in "“\"")
        )
        last = line
        if join:
            glue = "" if re.search(r"\S[/\-]$", prev) else " "
            result[-1].text += glue + line
        else:
            result.append(Paragraph(line, blank))
        blank = False
    return result


def split_body(lines):
    body = Body()
    paras = paragraphs(lines)
    items = [(i, _item(p.text)) for i, p in enumerate(paras)]
    items = [(i, it) for i, it in items if it]
    kinds = {it[0] for _i, it in items}
    level = "arabic" if "arabic" in kinds else "roman"
    chosen = [(i, it) for i, it in items if it[0] == level]
    if chosen:
        style = chosen[0][1][1]
        chosen = [(i, it) for i, it in chosen if it[1] == style]
    headings = {i for i, it in items if it[0] != level}
    for i in sorted(headings):
        body.unplaced.append(paras[i].text)
    if not chosen:
        body.preamble = "\n".join(p.text for i, p in enumerate(paras) if i not in headings)
        return body
    starts = [i for i, _it in chosen]
    body.preamble = "\n".join(p.text for i, p in enumerate(paras[:starts[0]]) if i not in headings)
    written = [it[2] for _i, it in chosen]
    sequential = written == list(range(written[0], written[0] + len(written)))
    if not sequential:
        body.warnings.append(Note(
            gettext_noop("Các phần đánh số không liên tục (%(numbers)s); đã đánh lại số thứ tự 1…%(count)s."),
            numbers=[it[3] for _i, it in chosen], count=len(chosen),
        ))
    for n, (i, it) in enumerate(chosen):
        end = starts[n + 1] if n + 1 < len(starts) else len(paras)
        own = [paras[i].text[len(paras[i].text) - len(it[4]):]]
        own += [p.text for k, p in enumerate(paras[i + 1:end], start=i + 1) if k not in headings]
        number = it[2] if sequential else n + 1
        body.parts.append(Part(number, it[3], "", own))
    # After the last part: list items stay in it; a blank line or a closing cue starts the closing.
    last = body.parts[-1]
    cut = 1
    while cut < len(last.paragraphs):
        para = paras[starts[-1] + cut] if starts[-1] + cut < len(paras) else None
        text = last.paragraphs[cut]
        if not LIST_ITEM.match(text) and (CLOSING_CUE.match(text) or (para and para.after_blank)):
            break
        cut += 1
    body.closing = last.paragraphs[cut:]
    last.paragraphs = last.paragraphs[:cut]
    for part in body.parts:
        first = part.paragraphs[0]
        if len(part.paragraphs) > 1 and len(first) <= 120 and not ends_sentence(first):
            part.heading = first.rstrip(":")
            part.paragraphs = part.paragraphs[1:]
    return body
