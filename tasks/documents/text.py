"""The text of a stored PDF or DOCX, read once per content (cached under its SHA-256)."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.storage import default_storage

from directives.importer.errors import ImportTextError
from directives.importer.extract import document_text
from directives.importer.normalize import nfc

from tasks.uploads.kinds import DOCX, PDF

TEXT_KINDS = {PDF.mime: "pdf", DOCX.mime: "docx"}
# A long annex costs seconds to read; the reviewer compares the body, which comes first.
MAX_PAGES = 40
CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class StoredText:
    text: str = ""
    error: str = ""  # a Vietnamese reason the text could not be read


def file_text(stored):
    """StoredText of a SubmissionFile; empty for a type that has no text (an image, XLSX…)."""
    if stored.content_type not in TEXT_KINDS:
        return StoredText()
    key = f"tasks:text:v1:{stored.sha256}"
    found = cache.get(key)
    if found is None:
        found = _read(stored)
        cache.set(key, found, CACHE_SECONDS)
    return StoredText(*found)


def _read(stored):
    try:
        with default_storage.open(stored.file.name, "rb") as handle:
            data = handle.read()
    except OSError:
        return ("", "missing")
    try:
        return (nfc(str(document_text(stored.original_name, data, max_pages=MAX_PAGES))), "")
    except ImportTextError as refusal:
        return ("", refusal.message_vi.translated() if hasattr(refusal.message_vi, "translated")
                else str(refusal.message_vi))


def submission_text(submission, files=None):
    """The text of every readable file of a submission, one after another."""
    parts = []
    for stored in files if files is not None else submission.files.all():
        text = file_text(stored).text
        if text.strip():
            parts.append(text.strip())
    return "\n\n".join(parts)
