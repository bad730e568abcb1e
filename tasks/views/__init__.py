from .assignments import acknowledge_assignment, acknowledge_directive, assignment_detail
from .documents import file_view, suggest_particulars
from .downloads import file_download
from .requests import (
    explanation_answer,
    explanation_request_create,
    extension_decide,
    extension_request_create,
)
from .review import acknowledgement_report, review_queue, submission_review
from .submissions import submission_create
from .withdrawals import submission_withdraw
from .workspace import workspace

__all__ = [
    "acknowledge_assignment",
    "acknowledge_directive",
    "acknowledgement_report",
    "assignment_detail",
    "explanation_answer",
    "explanation_request_create",
    "extension_decide",
    "extension_request_create",
    "file_download",
    "file_view",
    "review_queue",
    "submission_create",
    "submission_review",
    "submission_withdraw",
    "suggest_particulars",
    "workspace",
]
