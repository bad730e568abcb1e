from dataclasses import dataclass
from http import HTTPStatus

from django.contrib import messages

from tasks.services import WorkflowError


def refuse(request, form, error: WorkflowError):
    """Show a workflow refusal next to its field when it names one, else above the form."""
    if form is not None and error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    elif form is not None:
        form.add_error(None, error.message)
    else:
        messages.error(request, error.message)


@dataclass(frozen=True)
class Unsaved:
    """Text the user typed that was not saved because someone else decided first: the page
    shows it back (templates/tasks/_unsaved.html) so that nothing typed is lost."""

    label: str
    text: str


CONFLICT = HTTPStatus.CONFLICT

