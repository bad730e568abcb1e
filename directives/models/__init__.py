from .directive import (
    CitedDocument,
    Directive,
    DirectiveGroupObjectPermission,
    DirectiveUserObjectPermission,
    Recipient,
    Section,
)
from .import_draft import ImportDraft
from .task import Task

__all__ = [
    "CitedDocument",
    "Directive",
    "DirectiveGroupObjectPermission",
    "DirectiveUserObjectPermission",
    "ImportDraft",
    "Recipient",
    "Section",
    "Task",
]
