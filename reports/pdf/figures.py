"""Small shared pieces of the report figures: bucket order, column labels, percentages, and
the per-task counts, classified exactly as the dashboard classifies them."""

from tasks.status import Bucket

BUCKETS = [Bucket.DONE_ON_TIME, Bucket.DONE_LATE, Bucket.OPEN_WITHIN, Bucket.OPEN_OVERDUE]
NOT_YET_DUE = "not_yet_due"
# Column headings: the four labels shortened just enough to fit a table column.
SHORT_LABELS = {
    Bucket.DONE_ON_TIME.value: "Hoàn thành đúng hạn",
    Bucket.DONE_LATE.value: "Hoàn thành quá hạn",
    Bucket.OPEN_WITHIN.value: "Chưa hoàn thành, trong hạn",
    Bucket.OPEN_OVERDUE.value: "Chưa hoàn thành, quá hạn",
}


def format_percent(value):
    """A Decimal percentage as printed: "50,0"; "–" for None (nothing to divide)."""
    if value is None:
        return "–"
    return f"{value}".replace(".", ",")


def classify(bucket, due_as_of, as_of):
    """The dashboard's reading of an assignment: one of the four buckets when it has fallen
    due by `as_of` (or is done), else "not yet due" (reports.dashboard.aggregate)."""
    if bucket == Bucket.OPEN_WITHIN and due_as_of > as_of:
        return NOT_YET_DUE
    return bucket


def task_counts(counts):
    """{"cells": four bucket counts, "not_yet_due", "total"} of one task's {class: count}."""
    cells = [int(counts.get(b.value, 0)) for b in BUCKETS]
    not_yet = int(counts.get(NOT_YET_DUE, 0))
    return {"cells": cells, "not_yet_due": not_yet, "total": sum(cells) + not_yet}
