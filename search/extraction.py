"""Getting the text out of an uploaded PDF or DOCX, within limits.

A PDF with pages but no text layer (a scan) is `no_text`; other kinds (XLSX, ODT, images)
are `skipped`; anything that raises is `failed` with the reason. Limits: files above
SEARCH_EXTRACT_MAX_BYTES are not opened, at most SEARCH_EXTRACT_MAX_PAGES pages are read and
at most SEARCH_EXTRACT_MAX_CHARS characters kept.
"""

from dataclasses import dataclass

from django.conf import settings

# Raised when the extraction changes in a way that makes stored texts worth redoing:
# `manage.py search_backfill` re-extracts every file stored with an older version.
VERSION = 1

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Extracted:
    status: str
    text: str = ""
    pages: int | None = None
    truncated: bool = False
    error: str = ""


def _limits():
    return (
        getattr(settings, "SEARCH_EXTRACT_MAX_BYTES", 50 * 1024 * 1024),
        getattr(settings, "SEARCH_EXTRACT_MAX_PAGES", 300),
        getattr(settings, "SEARCH_EXTRACT_MAX_CHARS", 2_000_000),
    )


def extract(fileobj, content_type, size):
    from search.models import SearchText

    max_bytes, max_pages, max_chars = _limits()
    if content_type not in (PDF, DOCX):
        return Extracted(SearchText.Status.SKIPPED)
    if size > max_bytes:
        return Extracted(SearchText.Status.FAILED, error=f"file larger than {max_bytes} bytes")
    if content_type == PDF:
        pieces, pages, truncated = _pdf(fileobj, max_pages, max_chars)
    else:
        pieces, pages, truncated = _docx(fileobj, max_chars), None, False
    text = "\n".join(p for p in pieces if p)
    if len(text) > max_chars:
        text, truncated = text[:max_chars], True
    if not text.strip():
        return Extracted(SearchText.Status.NO_TEXT, pages=pages)
    return Extracted(SearchText.Status.OK, text=text, pages=pages, truncated=truncated)


def _pdf(fileobj, max_pages, max_chars):
    import pdfplumber

    pieces, total, truncated = [], 0, False
    with pdfplumber.open(fileobj) as pdf:
        count = len(pdf.pages)
        for index, page in enumerate(pdf.pages):
            if index >= max_pages or total > max_chars:
                truncated = True
                break
            piece = page.extract_text() or ""
            pieces.append(piece)
            total += len(piece)
            page.close()  # pdfplumber keeps each page's objects otherwise
    return pieces, count, truncated


def _docx(fileobj, max_chars):
    import docx

    document = docx.Document(fileobj)
    pieces, total = [], 0
    for paragraph in document.paragraphs:
        pieces.append(paragraph.text)
        total += len(paragraph.text)
        if total > max_chars:
            return pieces
    for table in document.tables:
        for row in table.rows:
            line = " | ".join(cell.text for cell in row.cells)
            pieces.append(line)
            total += len(line)
            if total > max_chars:
                return pieces
    return pieces
