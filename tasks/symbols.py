"""The number and symbol of a Party or State document (số và ký hiệu), e.g. 05-NQ/ĐU, 12/KH-UBND.

Party documents (Hướng dẫn 36-HD/VPTW): number, dash, type code, slash, issuer: 05-NQ/ĐU,
03-CT/TU, 15-BC/ĐUQS. State documents (Nghị định 30/2020/NĐ-CP): number, optional year,
slash, type code, dash, issuer: 12/KH-UBND, 45/2022/NĐ-CP; an official letter (công văn)
has no type code: 123/UBND-VX.
"""

import re
import unicodedata
from dataclasses import dataclass

LETTERS = "A-ZĐĂÂÊÔƠƯ"
SEG = rf"[{LETTERS}][{LETTERS}0-9&]*"
PARTY = re.compile(rf"^(?P<number>\d{{1,5}})-(?P<type>{SEG})/(?P<issuer>{SEG}(?:[-.]{SEG})*)$")
STATE = re.compile(
    rf"^(?P<number>\d{{1,5}})/(?:(?P<year>(?:19|20)\d{{2}})/)?(?P<type>{SEG})-(?P<issuer>{SEG}(?:-{SEG})*)$"
)
# Party documents also use these codes with their issuers (ĐU, TU, ĐUQS …).
KNOWN_TYPES = {"NQ", "KH", "BC", "CT", "QĐ", "QĐI", "TB", "HD", "CV", "TTR", "KL", "QC", "CTR", "TT",
               "NĐ", "TTLT", "BB", "GM", "PA", "ĐA", "TC", "QY", "HĐ"}


@dataclass(frozen=True)
class DocumentSymbol:
    text: str
    number: int
    type_code: str  # "" for an official letter (công văn) of the State form
    issuer: str
    is_party: bool


# What a number and symbol copied from a Word or PDF document often holds in place of the
# characters of the standard: "Ð" (U+00D0, from TCVN3/VNI fonts) for "Đ", typographic
# dashes and the minus sign for the hyphen, invisible zero-width characters.
LOOKALIKES = str.maketrans({
    "\u00d0": "Đ", "\u00f0": "đ",
    **{dash: "-" for dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"},
    "\u2044": "/", "\u2215": "/", "\uff0f": "/",
    **{invisible: None for invisible in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
})


def normalize(value):
    """Canonical spelling: NFC, upper case, no spaces, no leading "Số", look-alike characters
    replaced by those of the standard."""
    text = unicodedata.normalize("NFC", value or "").translate(LOOKALIKES).strip()
    text = re.sub(r"^(?i:số)\s*[:.]?\s*", "", text)
    text = re.sub(r"\s+", "", text).upper()
    # The Prime Minister's code keeps its lower-case g (QĐ-TTg).
    return text.replace("-TTG", "-TTg")


def parse(value):
    """The parts of a number and symbol, or None when it does not follow either form."""
    text = normalize(value)
    match = PARTY.match(text.replace("-TTg", "-TTG"))
    if match:
        return DocumentSymbol(text, int(match["number"]), match["type"], match["issuer"], True)
    match = STATE.match(text.replace("-TTg", "-TTG"))
    if match:
        type_code, issuer = match["type"], match["issuer"]
        if type_code not in KNOWN_TYPES and not match["year"]:
            # 123/UBND-VX: an official letter, the first code is its issuer.
            type_code, issuer = "", f"{type_code}-{issuer}"
        return DocumentSymbol(text, int(match["number"]), type_code, issuer, False)
    return None
