from .acknowledgements import AcknowledgeForm
from .requests import (
    ExplanationAnswerForm,
    ExplanationRequestForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
)
from .reviews import ReviewForm, ReviewQueueFilterForm
from .submissions import SubmissionForm

__all__ = [
    "AcknowledgeForm",
    "ExplanationAnswerForm",
    "ExplanationRequestForm",
    "ExtensionDecisionForm",
    "ExtensionRequestForm",
    "ReviewForm",
    "ReviewQueueFilterForm",
    "SubmissionForm",
]
