from .assignments import Assignment
from .explanations import ExplanationRequest
from .extensions import ExtensionRequest
from .submissions import Submission, SubmissionFile
from .units import Membership, Unit, UnitGroupObjectPermission, UnitUserObjectPermission

__all__ = [
    "Assignment",
    "ExplanationRequest",
    "ExtensionRequest",
    "Membership",
    "Submission",
    "SubmissionFile",
    "Unit",
    "UnitGroupObjectPermission",
    "UnitUserObjectPermission",
]
