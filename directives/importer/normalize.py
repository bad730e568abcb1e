"""Text normalisation: NFC, line endings, markdown markers, dash and space variants."""

import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_TABLE = {ord(c): "-" for c in _DASHES}
_DASH_TABLE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})
_DASH_TABLE.update({ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                    "\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"})
_DASH_TABLE.update({ord(c): "\n" for c in "\u2028\u2029\x0b\x0c\x85"})
# Other C0/C1 control characters are dropped (random bytes decoded as text are full of them).
_DASH_TABLE.update({c: None for c in list(range(0, 9)) + list(range(14, 32)) + list(range(127, 160))
                    if c not in (0x85,)})

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_QUOTE = re.compile(r"^>\s?")
_MD_BULLET = re.compile(r"^[*+•●○▪◦]\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_DECORATIVE = re.compile(r"^[\s*_=~#.\-·•]*$")
_SPACES = re.compile(r" {2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,;:!?)\]])")
_SPACE_BEFORE_DOT = re.compile(r"(?<=\w) +\.(?=\s|$)")
_SPACE_AFTER_OPEN = re.compile(r"([(\[]) +")


def nfc(text):
    return unicodedata.normalize("NFC", text)


def normalize_line(line):
    line = line.strip()
    line = _MD_HEADING.sub("", line)
    line = _MD_QUOTE.sub("", line)
    line = _MD_BULLET.sub("- ", line)
    line = _MD_ESCAPE.sub(r"\1", line)
    line = line.replace("**", "").replace("__", "").replace("*", "")
    line = _SPACES.sub(" ", line).strip()
    line = _SPACE_BEFORE_PUNCT.sub(r"\1", line)
    line = _SPACE_BEFORE_DOT.sub(".", line)
    line = _SPACE_AFTER_OPEN.sub(r"\1", line)
    return line


def normalize_text(text):
    """NFC, "\\n" line ends, one kind of dash and space, no markdown; blank lines are kept."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").translate(_DASH_TABLE)
    lines = []
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if line and _DECORATIVE.match(line) and not re.search(r"\d", line):
            line = ""
        lines.append(line)
    return "\n".join(lines)


def squash(text):
    """Whitespace-normalised form, for comparisons."""
    return " ".join((text or "").split())


def _fold_table():
    table = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[:1]
        if base != ch:
            table[code] = base
    table.update({ord("đ"): "d", ord("Đ"): "D"})
    return table


_FOLD = _fold_table()


def fold(text):
    """Lower case without diacritics (đ → d), same length as the NFC text: for matching only."""
    return unicodedata.normalize("NFC", text or "").lower().translate(_FOLD)


def ascii_slug(text):
    text = fold(text)
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


_TERMINAL = re.compile(r"""[.!?:;…]["'”’)\]]*$""")


def ends_sentence(text):
    return bool(_TERMINAL.search(text.rstrip()))


def starts_lower(text):
    text = text.lstrip("\"'“‘(")
    return bool(text) and text[0].islower()


def ascii_keep_case(text):
    """Diacritics removed, case kept (Đ → D): for natural keys such as 03-CT-TU-2022."""
    return unicodedata.normalize("NFC", text or "").translate(_FOLD)
