"""Numbers and symbols of Party and State documents."""

import pytest

from tasks import symbols


@pytest.mark.parametrize("text, number, type_code, party", [
    ("05-NQ/ĐU", 5, "NQ", True),
    ("03-CT/TU", 3, "CT", True),
    ("15-BC/ĐUQS", 15, "BC", True),
    ("12/KH-UBND", 12, "KH", False),
    ("45/2022/NĐ-CP", 45, "NĐ", False),
    ("28/2013/TTLT-BLĐTBXH-BQP", 28, "TTLT", False),
    ("49/2015/QĐ-TTg", 49, "QĐ", False),
    ("123/UBND-VX", 123, "", False),
])
def test_well_formed_symbols_are_read(text, number, type_code, party):
    parsed = symbols.parse(text)
    assert (parsed.text, parsed.number, parsed.type_code, parsed.is_party) == (text, number, type_code, party)


@pytest.mark.parametrize("text", ["NQ-05/ĐU", "05/NQ/ĐU", "05-NQ", "05-NQ/", "số năm", "05_NQ/ĐU", "-NQ/ĐU", "05-NQ//ĐU"])
def test_malformed_symbols_are_refused(text):
    assert symbols.parse(text) is None


def test_spelling_is_made_canonical():
    assert symbols.normalize(" số: 05 - nq / đu ") == "05-NQ/ĐU"
    assert symbols.normalize("49/2015/qđ-ttg") == "49/2015/QĐ-TTg"


@pytest.mark.parametrize("typed", [
    "05\u2013NQ/ĐU",        # en dash (Word's autocorrect)
    "05\u2011NQ/ĐU",        # non-breaking hyphen
    "05\u2212NQ/ĐU",        # minus sign
    "05-NQ/\u00d0U",        # Ð (U+00D0) of the TCVN3/VNI fonts, looks like Đ
    "05-nq/\u00f0u",
    "05-NQ/ĐU\u200b",       # zero-width space copied from a PDF
    "\ufeff05-NQ/ĐU",
])
def test_look_alike_characters_copied_from_documents_are_read(typed):
    parsed = symbols.parse(typed)
    assert parsed is not None and parsed.text == "05-NQ/ĐU" and parsed.issuer == "ĐU"
