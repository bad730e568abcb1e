"""Writers of an assignment's work lock the assignment row first, then the data version
(reports/0003) and the assignment's facts (tasks/0005) through the triggers: in one order, so
that two officials acting on the same work at the same moment wait for each other instead of
deadlocking (PostgreSQL aborts one of two deadlocked transactions: an error page)."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from tasks.models import Assignment, ExtensionRequest
from tasks.services import submission_decide
from tests.conftest import require_service, uses_postgres
from tests.tasks.helpers import make_submission


def in_thread(outcomes, name, action):
    def run():
        try:
            action()
            outcomes[name] = "ok"
        except Exception as error:  # the test reports which error, e.g. DeadlockDetected
            outcomes[name] = f"{type(error).__name__}: {error}"
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_a_review_while_the_unit_writes_to_the_same_work_waits_its_turn(cast, resolution_assignment):
    require_service("PostgreSQL", uses_postgres(), "row locks are what this test is about")
    work = resolution_assignment
    submission = make_submission(cast.dinh_bang, work)
    locked, outcomes = threading.Event(), {}

    def officer():
        # As extension_request_create does: the assignment locked, then a row written.
        with transaction.atomic():
            Assignment.objects.select_for_update().get(pk=work.pk)
            locked.set()
            time.sleep(0.5)  # the reviewer's decision arrives meanwhile
            ExtensionRequest.objects.create(
                assignment=work, previous_due_date=work.due_date,
                requested_due_date=work.due_date + datetime.timedelta(days=30),
                reason="Chờ Đại hội", requested_by=cast.dinh_bang,
            )

    def reviewer():
        locked.wait(10)
        submission_decide(user=cast.reviewer, submission_id=submission.pk, accept=False, comment="Bổ sung")

    threads = [in_thread(outcomes, "officer", officer), in_thread(outcomes, "reviewer", reviewer)]
    for thread in threads:
        thread.join(30)
    assert outcomes == {"officer": "ok", "reviewer": "ok"}
    assert Assignment.objects.values_list("last_submission_status", flat=True).get(pk=work.pk) == "returned"
    assert ExtensionRequest.objects.filter(assignment=work).count() == 1
