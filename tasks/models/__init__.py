from .assignments import Assignment
from .bulk import BulkUpdate
from .explanations import ExplanationRequest
from .extensions import ExtensionRequest
from .progress import AssignmentProgress
from .submissions import Submission, SubmissionFile
from .units import Membership, Unit, UnitGroupObjectPermission, UnitUserObjectPermission

__all__ = [
    "Assignment",
    "AssignmentProgress",
    "BulkUpdate",
    "ExplanationRequest",
    "ExtensionRequest",
    "Membership",
    "Submission",
    "SubmissionFile",
    "Unit",
    "UnitGroupObjectPermission",
    "UnitUserObjectPermission",
]
