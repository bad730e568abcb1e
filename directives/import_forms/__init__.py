"""Forms of the directive import: the source (paste or upload), the draft's blocks, publishing."""

from .blocks import ClosingForm, DraftChoices, HeaderForm, PartForm, TaskForm, as_date
from .rows import DocumentForm, DocumentFormSet, PublishForm, RecipientForm, RecipientFormSet
from .source import NOT_VIETNAMESE, ImportSourceForm, looks_vietnamese

__all__ = [
    "NOT_VIETNAMESE", "ClosingForm", "DocumentForm", "DocumentFormSet", "DraftChoices", "HeaderForm",
    "ImportSourceForm", "PartForm", "PublishForm", "RecipientForm", "RecipientFormSet", "TaskForm", "as_date",
    "looks_vietnamese",
]
