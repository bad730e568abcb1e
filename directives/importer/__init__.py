"""The text importer: propose a directive's structured form from its text.

Pure Python (no Django), milliseconds per directive. The Office corrects the proposal and
publishes it through the same loader as directives/data/*.yaml (docs/directive-format.md).

    from directives.importer import extract_text, parse_directive_text, ImportTextError

    text = extract_text(upload.name, upload.read())   # TXT / DOCX / PDF → str (ImportTextError)
    result = parse_directive_text(text)                # never raises
    result.ok, result.errors                           # Vietnamese; no usable proposal when errors
    result.data                                        # the dict of docs/directive-format.md
    result.warnings, result.unplaced                   # to check; text the parser could not place
    result.task_score(reference_dict)                  # precision / recall against a hand-made file
    parse_file(name, data)                             # both steps, refusals as result.errors

Modules: normalize (NFC, dashes, markdown), header (organs, number, date, type, summary),
sections (paragraphs, preamble, numbered parts, closing), tasks (clauses → candidate tasks),
units + registry (who is named, who leads; the units of Từ Sơn), dates (events, deadlines,
targets), citations (cited documents), distribution (Nơi nhận, signature), extract (files),
scoring (task score), lexicon (word lists), result, errors, parser (orchestration).
"""

from .errors import ImportTextError
from .extract import ExtractedText, extract_text
from .parser import parse_directive_text, parse_file
from .registry import Registry, default_registry
from .result import ParseResult
from .scoring import TaskScore, task_score

__all__ = [
    "ExtractedText", "ImportTextError", "ParseResult", "Registry", "TaskScore", "default_registry",
    "extract_text", "parse_directive_text", "parse_file", "task_score",
]
