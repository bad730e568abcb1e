"""Two posts of the same form at the same moment make one submission and leave one set of
files; two different forms for the same work cannot take the same version (PostgreSQL)."""

import threading
import uuid

import pytest
from django.db import connection

from tasks.models import Submission, SubmissionFile
from tasks.services import WorkflowError, submission_create
from tasks.uploads import inspect_upload
from tests.conftest import require_service, uses_postgres
from tests.tasks import files
from tests.tasks.helpers import stored_files


def race(cast, assignment, tokens):
    outcomes = []
    start = threading.Barrier(len(tokens))
    uploads = [inspect_upload(files.upload(f"nq-{i}.pdf", files.pdf_bytes())) for i in range(len(tokens))]

    def submit(token, item):
        try:
            start.wait()
            _submission, created = submission_create(
                user=cast.dinh_bang, assignment_id=assignment.pk, client_token=token,
                data={"kind": "resolution", "number_symbol": "05-NQ/ĐU", "summary": "Nghị quyết"}, files=[item],
            )
            outcomes.append("created" if created else "existing")
        except WorkflowError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(t, u)) for t, u in zip(tokens, uploads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_the_same_form_posted_twice_at_once_makes_one_submission(cast, resolution_assignment, media_root):
    require_service("PostgreSQL", uses_postgres(), "concurrent inserts need a real server")
    token = uuid.uuid4()
    assert race(cast, resolution_assignment, [token, token]) == ["created", "existing"]
    assert Submission.objects.count() == 1 and SubmissionFile.objects.count() == 1
    assert len(stored_files(media_root)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_forms_at_once_cannot_both_become_version_one(cast, resolution_assignment, media_root):
    require_service("PostgreSQL", uses_postgres(), "row locks are what this test is about")
    assert race(cast, resolution_assignment, [uuid.uuid4(), uuid.uuid4()]) == ["created", "refused"]
    assert list(Submission.objects.values_list("version", flat=True)) == [1]
    assert len(stored_files(media_root)) == 1
