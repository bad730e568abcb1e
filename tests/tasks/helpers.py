"""Helpers shared by the workflow tests."""

import uuid

import pytest
from django.urls import reverse

from tasks.expectations import expected_kind
from tasks.models import Assignment, Submission


def stored_files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def first_assignment(unit_key, directive, kind=None):
    """The unit's first assignment (of a task expecting `kind`, when given)."""
    for assignment in (
        Assignment.objects.filter(unit__key=unit_key, task__directive=directive)
        .select_related("task", "unit").order_by("task__section__number", "task__position", "pk")
    ):
        if kind is None or expected_kind(assignment.task, assignment.unit) == kind:
            return assignment
    pytest.fail(f"the directive gives {unit_key} no assignment expecting {kind}")


def submission_data(files, **overrides):
    data = {
        "kind": Submission.Kind.RESOLUTION,
        "number_symbol": "05-NQ/ĐU",
        "issued_on": "15/01/2022",
        "signer": "Nguyễn Văn Bình",
        "summary": "Nghị quyết lãnh đạo công tác quân sự, quốc phòng địa phương năm 2022",
        "client_token": str(uuid.uuid4()),
        "files": files,
    }
    data.update(overrides)
    return data


def post_submission(client, assignment, files, **overrides):
    return client.post(reverse("tasks:submission_create", args=[assignment.pk]),
                       submission_data(files, **overrides))


def login(client, user):
    client.force_login(user)
    return client


def make_submission(user, assignment, kind=Submission.Kind.RESOLUTION, name="nghi-quyet.pdf", **fields):
    """A submission made through the service, with one real PDF."""
    from tasks.services import submission_create
    from tasks.uploads import inspect_upload
    from tests.tasks import files

    data = {"kind": kind, "number_symbol": "05-NQ/ĐU" if kind == Submission.Kind.RESOLUTION else "",
            "summary": "Văn bản thử nghiệm", "signer": "Nguyễn Văn Bình", "issued_on": None,
            "reported_value": None}
    data.update(fields)
    submission, _created = submission_create(
        user=user, assignment_id=assignment.pk, data=data,
        files=[inspect_upload(files.upload(name, files.pdf_bytes()))],
    )
    return submission
