"""extract_text: an uploaded TXT, DOCX or PDF → text. The type is decided by content."""

import io
import re
import zipfile

from tuson_qp.notes import Note, gettext_noop

from .errors import MAX_FILE_BYTES, ImportTextError


class ExtractedText(str):
    """The text (a ``str``), with ``source_type`` ("txt", "docx", "pdf") and ``warnings``."""

    source_type = "txt"
    warnings = ()

    @classmethod
    def make(cls, text, source_type, warnings=()):
        obj = cls(text)
        obj.source_type = source_type
        obj.warnings = list(warnings)
        return obj


def detect_type(data):
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"
    if data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:4] in (b"GIF8", b"II*\x00", b"MM\x00*"):
        return "image"
    return "text"


def extract_text(filename, data):
    """Text of an uploaded file. Raises ImportTextError with a Vietnamese message."""
    name = filename or "tệp"
    if not isinstance(data, (bytes, bytearray)):
        raise _refused(gettext_noop("%(name)s: dữ liệu tệp không hợp lệ."), name)
    data = bytes(data)
    if len(data) > MAX_FILE_BYTES:
        raise _refused(gettext_noop("%(name)s: tệp lớn %(size)s MB, vượt giới hạn 5 MB."), name,
                       size=f"{len(data) / 1024 / 1024:.1f}")
    if not data.strip():
        raise _refused(gettext_noop("%(name)s: tệp trống."), name)
    kind = detect_type(data)
    if kind == "pdf":
        text, warnings = _pdf(name, data), []
    elif kind == "zip":
        text, warnings = _docx(name, data), []
    elif kind == "ole":
        raise _refused(gettext_noop("%(name)s: định dạng Word cũ (.doc) chưa được hỗ trợ; hãy lưu lại "
                                    "thành .docx hoặc PDF rồi tải lên."), name)
    elif kind == "image":
        raise _refused(gettext_noop("%(name)s: đây là tệp ảnh, không có chữ để đọc; hãy tải bản Word "
                                    "hoặc PDF có lớp chữ."), name)
    else:
        text, warnings = _txt(name, data)
        kind = "txt"
    if not text.strip():
        raise _refused(gettext_noop("%(name)s: không có chữ nào trong tệp."), name)
    return ExtractedText.make(text, "docx" if kind == "zip" else kind, warnings)


def document_text(filename, data, *, max_pages=None):
    """The text of a PDF or DOCX of any size (a unit's submission, not a directive to import),
    PDF pages after `max_pages` left out. Raises ImportTextError (Vietnamese) for anything else."""
    name = filename or "tệp"
    kind = detect_type(bytes(data))
    if kind == "pdf":
        return ExtractedText.make(_pdf(name, bytes(data), max_pages), "pdf")
    if kind == "zip":
        return ExtractedText.make(_docx(name, bytes(data)), "docx")
    raise _refused(gettext_noop("%(name)s: chỉ đọc được chữ của tệp PDF hoặc Word (.docx)."), name)


def _refused(template, name, **values):
    """The ImportTextError for file `name`: `template` (with %(name)s) as a Note."""
    return ImportTextError(Note(template, name=name, **values))


def _txt(name, data):
    boms = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"),
            (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
    for bom, codec in boms:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), []
            except UnicodeDecodeError:
                raise _refused(gettext_noop("%(name)s: tệp có dấu BOM %(codec)s nhưng nội dung bị hỏng."),
                               name, codec=codec.upper()) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _reject_binary(name, text), []
    if data.count(b"\x00") > len(data) // 4:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if sum(ch.isprintable() or ch in "\r\n\t" for ch in text) > 0.95 * len(text):
                return text, [Note(gettext_noop("%(name)s: tệp UTF-16 không có BOM; đã đọc theo %(codec)s."),
                                   name=name, codec=codec.upper())]
        raise _refused(gettext_noop("%(name)s: không nhận ra định dạng tệp (dữ liệu nhị phân)."), name)
    try:
        text, codec = data.decode("cp1258"), "Windows-1258"
    except UnicodeDecodeError:
        text, codec = data.decode("windows-1252", errors="replace"), "Windows-1252"
    text = _reject_binary(name, text)
    return text, [Note(gettext_noop("%(name)s: tệp không phải UTF-8; đã đọc theo bảng mã %(codec)s. Hãy kiểm tra "
                                    "dấu tiếng Việt (nếu soạn bằng phông TCVN3/VNI, hãy chuyển sang Unicode "
                                    "trước)."), name=name, codec=codec)]


def _reject_binary(name, text):
    sample = text[:4096]
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch in "\r\n\t"))
    if sample and bad > 0.1 * len(sample):
        raise _refused(gettext_noop("%(name)s: không nhận ra định dạng tệp (không phải văn bản, Word hay "
                                    "PDF)."), name)
    return text


def _docx(name, data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise _refused(gettext_noop("%(name)s: tệp nén không phải văn bản Word (.docx)."), name)
    except zipfile.BadZipFile:
        raise _refused(gettext_noop("%(name)s: tệp Word (.docx) bị hỏng, không mở được."), name) from None
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
        # A merged cell appears once per grid column it spans: read it once. The elements are kept
        # (not only their id()): lxml proxies are recreated on access, and a freed one's id can be
        # reused by another cell, which would then be skipped.
        lines, seen = [], {}

        def walk(container):
            for child in container.iter_inner_content():
                if isinstance(child, Paragraph):
                    lines.append(child.text)
                elif isinstance(child, Table):
                    for row in child.rows:
                        for cell in row.cells:
                            if id(cell._tc) in seen:
                                continue
                            seen[id(cell._tc)] = cell._tc
                            walk(cell)
                            lines.append("")

        walk(document)
        return "\n".join(lines)
    except ImportTextError:
        raise
    except Exception:  # noqa: BLE001 - any failure inside python-docx means a damaged file
        raise _refused(gettext_noop("%(name)s: tệp Word (.docx) bị hỏng hoặc không đọc được."), name) from None


_PAGE_NUMBER = re.compile(r"^\s*-?\s*\d{1,3}\s*-?\s*$")


def _pdf(name, data, max_pages=None):
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ValueError
            except Exception:  # noqa: BLE001
                raise _refused(gettext_noop("%(name)s: tệp PDF được bảo vệ bằng mật khẩu; hãy tải bản "
                                            "không đặt mật khẩu."), name) from None
        if len(reader.pages) == 0:
            raise _refused(gettext_noop("%(name)s: tệp PDF không có trang nào."), name)
    except ImportTextError:
        raise
    except Exception:  # noqa: BLE001
        raise _refused(gettext_noop("%(name)s: tệp PDF bị hỏng, không mở được."), name) from None
    pages = []
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages[:max_pages]:
                pages.append(page.extract_text(x_tolerance=1.5) or "")
    except Exception:  # noqa: BLE001 - fall back on pypdf's own extraction
        pages = []
        try:
            pages = [page.extract_text() or "" for page in list(reader.pages)[:max_pages]]
        except Exception:  # noqa: BLE001
            raise _refused(gettext_noop("%(name)s: không đọc được chữ trong tệp PDF."), name) from None
    cleaned = []
    for page in pages:
        lines = page.split("\n")
        while lines and _PAGE_NUMBER.match(lines[0]):
            lines.pop(0)
        while lines and _PAGE_NUMBER.match(lines[-1]):
            lines.pop()
        cleaned.append("\n".join(lines))
    text = "\n".join(cleaned)
    if not text.strip():
        raise _refused(gettext_noop("%(name)s: tệp PDF không có lớp chữ (có thể là bản chụp/quét); hãy "
                                    "tải bản Word hoặc PDF xuất từ Word, hoặc nhận dạng chữ (OCR) "
                                    "trước."), name)
    return text
