"""Uploading real documents through the submission service, text extraction included."""

from tasks.models import Submission
from tests.tasks import files
from tests.tasks.helpers import first_assignment


def pdf_with_text(*paragraphs):
    from weasyprint import HTML

    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return HTML(string=f"<html><body style='font-family: DejaVu Sans'>{body}</body></html>").write_pdf()


def submit(user, unit_key, directive, name, content, **fields):
    """A submission by `user` for the unit's first assignment, its file's text extracted
    Call it inside django_capture_on_commit_callbacks(execute=True) so the extraction
    queued on commit runs (CELERY_TASK_ALWAYS_EAGER without a broker)."""
    from tasks.services import submission_create
    from tasks.uploads import inspect_upload

    assignment = first_assignment(unit_key, directive)
    data = {"kind": Submission.Kind.RESOLUTION, "number_symbol": "", "summary": "Văn bản báo cáo",
            "signer": "", "issued_on": None, "reported_value": None}
    data.update(fields)
    submission, _ = submission_create(user=user, assignment_id=assignment.pk, data=data,
                                      files=[inspect_upload(files.upload(name, content))])
    return submission


def docx(text):
    return files.docx_bytes(text)


