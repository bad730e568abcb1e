"""with_status's rules for `status` and `bucket`, applied in Python to the inputs that need
other tables (the deadline in force and the latest submission's status then, which the
database computes), for the few hundred rows of a matrix page or an overdue page.

Selecting `status` and `bucket` themselves makes Django compile, and PostgreSQL plan, the
deadline's and the submission's subqueries once per mention (about 9 KB of SQL against 2 KB
for the inputs: docs/performance.md). The rules are the same as with_status's, and
tests/reports/test_dashboard_totals.py holds them equal on every kind of assignment, day
by day.

    rows = qs.values_list("pk", *INPUTS)
    status, bucket = status_and_bucket(as_of, *inputs)
"""

from tasks.status import Bucket, Status

# The columns status_and_bucket() reads, in its order (annotations of with_status, fields).
INPUTS = ("due_as_of", "latest_submission_status", "completed_on", "received_on")


def status_and_bucket(as_of, due_as_of, latest_submission_status, completed_on, received_on):
    """(status, bucket) of an assignment "as of" `as_of`, from with_status's inputs: the values
    of Status and Bucket, plain strings as the database gives them."""
    if completed_on is not None and completed_on <= as_of:
        if completed_on <= due_as_of:
            return Status.DONE_ON_TIME.value, Bucket.DONE_ON_TIME.value
        return Status.DONE_LATE.value, Bucket.DONE_LATE.value
    overdue = due_as_of < as_of
    bucket = Bucket.OPEN_OVERDUE.value if overdue else Bucket.OPEN_WITHIN.value
    if latest_submission_status == "pending":
        return Status.AWAITING_REVIEW.value, bucket
    if latest_submission_status == "returned":
        return Status.RETURNED.value, bucket
    if overdue:
        return Status.OVERDUE.value, bucket
    if latest_submission_status == "accepted" or (received_on is not None and received_on <= as_of):
        return Status.IN_PROGRESS.value, bucket
    return Status.NOT_YET_DUE.value, bucket
