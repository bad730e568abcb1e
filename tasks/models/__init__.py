from .assignments import Assignment
from .bulk import BulkUpdate
from .explanations import ExplanationRequest
from .extensions import ExtensionRequest
from .progress import AssignmentProgress
from .submissions import Submission, SubmissionFile
from .reorg import Reorganisation, UnitVersion
from .units import Membership, Unit, UnitGroupObjectPermission, UnitUserObjectPermission

__all__ = [
    "Assignment",
    "AssignmentProgress",
    "BulkUpdate",
    "ExplanationRequest",
    "ExtensionRequest",
    "Membership",
    "Reorganisation",
    "Submission",
    "SubmissionFile",
    "Unit",
    "UnitGroupObjectPermission",
    "UnitUserObjectPermission",
    "UnitVersion",
]
