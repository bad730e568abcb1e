"""The workflow's writes. Views parse and authorise, then call these; so do tests and commands.

Every function re-reads its objects through `visible_to(user, action)` inside its own
transaction, so a permission lost between the page and the post is still refused.
"""

from .acknowledgements import assignments_acknowledge
from .errors import AlreadyDecided, WorkflowError
from .explanations import explanation_answer, explanation_request_create
from .extensions import extension_decide, extension_request_create
from .reviews import submission_decide
from .submissions import submission_create
from .withdrawals import submission_withdraw

__all__ = [
    "AlreadyDecided",
    "WorkflowError",
    "assignments_acknowledge",
    "explanation_answer",
    "explanation_request_create",
    "extension_decide",
    "extension_request_create",
    "submission_create",
    "submission_decide",
    "submission_withdraw",
]
