"""Shared helpers of the importer tests: the seed text and the variants made from it."""

import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEED = (DATA / "ct-03-2022.txt").read_text(encoding="utf-8")
REFERENCE = Path(__file__).resolve().parents[2] / "directives" / "data" / "03-CT-TU-2022.yaml"
WARD_KEYS = [
    "p-chau-khe", "p-dinh-bang", "p-dong-ky", "p-dong-nguyen", "p-dong-ngan", "p-huong-mac",
    "p-phu-chan", "p-phu-khe", "p-tam-son", "p-tan-hong", "p-trang-ha", "p-tuong-giang",
]


def squash(text):
    """Whitespace-normalised, one kind of dash, NFC: how part texts are compared."""
    text = unicodedata.normalize("NFC", text or "")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).replace("*", "")
    return " ".join(text.split())


def tasks_of(data):
    return [t for s in data.get("sections") or [] for t in s.get("tasks") or []] + list(
        data.get("closing_tasks") or [])


def header_of(data):
    d = data["directive"]
    fields = ["key", "parent_organ", "issuing_organ", "number", "symbol", "document_type",
              "issuing_body", "summary", "place", "issued_on", "year", "signer_authority",
              "signer_position", "signer_name"]
    return {f: d.get(f) for f in fields}


def parts_of(data):
    return [(s["number"], squash(s["text"])) for s in data["sections"]]


def documents_of(data):
    return sorted((d["number"], str(d["issued_on"]), d["issuer"]) for d in data["documents"])


# ---- variants of the seed -------------------------------------------------------------------

def wrapped(text, width=60):
    """Every paragraph re-wrapped at ``width`` with single line breaks, spaces doubled here and there."""
    import textwrap
    out = []
    for para in text.split("\n"):
        if len(para) <= width:
            out.append(para)
        else:
            out.extend(textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out).replace(", ", ",  ").replace("; ", " ;  ")


def no_blank_lines(text):
    return "\n".join(line for line in text.split("\n") if line.strip())


def sentence_per_line(text):
    return re.sub(r"(?<=[a-zà-ỹ)”]\.) (?=[A-ZĐÀ-Ỹ])", "\n", text)


def crlf(text):
    return text.replace("\n", "\r\n")


def nfd(text):
    return unicodedata.normalize("NFD", text)


def paren_numbers(text):
    return re.sub(r"^(\d)\. ", r"\1) ", text, flags=re.M)


def en_dashes(text):
    return text.replace("-", "–")


def em_dashes(text):
    return text.replace(" - ", " — ").replace("-", "‐")


def unbolded(text):
    return text.replace("**", "").replace("*", "")


def overbolded(text):
    text = re.sub(r"^(\d)\. ", r"**\1.** ", text, flags=re.M)
    text = text.replace("CHỈ THỊ\n", "# **CHỈ THỊ**\n").replace("Số 03 - CT/TU", "*Số 03 - CT/TU*")
    return text.replace("Từ Sơn, ngày 04 tháng 01 năm 2022", "_Từ Sơn, ngày 04 tháng 01 năm 2022_".replace("_", "*"))


def without_date(text):
    return text.replace("Từ Sơn, ngày 04 tháng 01 năm 2022", "")


def inline_distribution(text):
    text = text.replace("- } (b/c)\n- } (t/h)", "")
    for name in ("Thường trực Tỉnh ủy", "Văn phòng Tỉnh ủy", "ĐUQS tỉnh"):
        text = text.replace(f"- {name};", f"- {name} (b/c);")
    for name in ("Các đ/c Thành ủy viên", "Các Chi, Đảng bộ cơ sở",
                 "Các phòng, ban, ngành, đoàn thể thành phố", "Các Đơn vị tự vệ"):
        text = text.replace(f"- {name};", f"- {name} (t/h);")
    return text


def to_cp1258(text):
    """Encode Vietnamese in Windows-1258: base letters with â/ê/ô/ơ/ư/ă, tone marks combining."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = [m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323"]
        others = [m for m in parts[1:] if m not in tones]
        base = unicodedata.normalize("NFC", parts[0] + "".join(others))
        out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)
