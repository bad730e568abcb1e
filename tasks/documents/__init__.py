"""Reading what a unit sent: the text of a PDF or DOCX (for the reviewer's reading and the
diff between versions) and the particulars suggested from its header."""

from .metadata import Suggestion, suggest_metadata
from .text import TEXT_KINDS, StoredText, file_text, submission_text
from .versions import compare_versions

__all__ = ["TEXT_KINDS", "StoredText", "Suggestion", "compare_versions", "file_text", "submission_text",
           "suggest_metadata"]
