"""Small shared pieces of the report figures: bucket order, column labels, percentages, and
the per-task counts, classified exactly as the dashboard classifies them."""

from tasks.status import Bucket

BUCKETS = [Bucket.DONE_ON_TIME, Bucket.DONE_LATE, Bucket.OPEN_WITHIN, Bucket.OPEN_OVERDUE]
FALLEN_DUE = "fallen_due"
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


def fallen_due(due_as_of, as_of):
    """Whether an assignment's deadline in force has come by `as_of` ("đã đến hạn"), as the
    dashboard reads it (reports.dashboard.counting)."""
    return due_as_of <= as_of


def task_counts(counts):
    """{"cells": four bucket counts, "fallen_due", "total"} of one task's {class: count}: the
    four buckets partition the task's assignments."""
    cells = [int(counts.get(b.value, 0)) for b in BUCKETS]
    return {"cells": cells, "fallen_due": int(counts.get(FALLEN_DUE, 0)), "total": sum(cells)}
