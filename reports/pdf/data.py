"""The detail rows of the reports, read through the requester's visible querysets.

The headline figures (the four buckets, parts, units, overdue list, charts) come from the
dashboard's `dashboard_data` so the PDF and the screen agree; what the dashboard does not
show — each task's results, a unit's submissions, extensions and explanations — is read
here, with the same status annotation (`Assignment.objects.with_status`). Every read is a
fixed number of queries whatever the number of units: a 500-unit directive is one report.
"""

from collections import defaultdict

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from reports.pdf.figures import FALLEN_DUE, fallen_due
from tasks.models import Assignment, ExplanationRequest, ExtensionRequest, Submission
from tasks.querysets import end_of_day
from tasks.unit_history import names_as_of


def scope(directive, user, unit=None):
    """The active assignments of `directive` that `user` sees (no status: for subqueries)."""
    qs = Assignment.objects.visible_to(user, "view").active().filter(task__directive=directive)
    return qs.filter(unit=unit) if unit is not None else qs


def assignments(directive, user, as_of, unit=None):
    return scope(directive, user, unit).with_status(as_of)


def bucket_counts_by_task(directive, user, as_of, unit=None):
    """{task_id: {bucket or "fallen_due": count}}: each assignment in its bucket, and those
    fallen due by `as_of` once more under "fallen_due", as the dashboard counts them."""
    counts = defaultdict(lambda: defaultdict(int))
    rows = assignments(directive, user, as_of, unit).order_by().values_list(
        "task_id", "bucket", "due_as_of")
    for task_id, bucket, due_as_of in rows.iterator(chunk_size=5000):
        counts[task_id][bucket] += 1
        if fallen_due(due_as_of, as_of):
            counts[task_id][FALLEN_DUE] += 1
    return counts


def units_by_task(directive, user, named_up_to, as_of=None):
    """{task_id: {role: {"names": [...] or None, "count": n}}}.

    Names are read only for the (task, role) pairs with at most `named_up_to` units: a task
    given to 500 units is described by their number, not by 500 names; as the units were
    named on `as_of` when given (tasks.unit_history)."""
    visible = scope(directive, user)
    by_task = defaultdict(dict)
    for task_id, role, n in visible.order_by().values_list("task_id", "role").annotate(n=Count("pk")):
        by_task[task_id][role] = {"names": [] if n <= named_up_to else None, "count": n}
    small = {t for t, roles in by_task.items() for e in roles.values() if e["names"] is not None}
    if small:
        rows = list(visible.filter(task_id__in=small).order_by("unit__kind", "unit__name")
                    .values_list("task_id", "role", "unit__name", "unit_id"))
        then = names_as_of({r[3] for r in rows}, as_of) if as_of else {}
        for task_id, role, name, unit_id in rows:
            names = by_task[task_id][role]["names"]
            if names is not None:
                names.append(then.get(unit_id, name))
    return by_task


def accepted_results(directive, user, as_of, per_task):
    """{task_id: the `per_task` latest results}: submissions accepted by the end of `as_of`,
    newest first, one per assignment (a window over the accepted submissions)."""
    cutoff = end_of_day(as_of)
    latest = (
        Submission.objects.visible_to(user, "view")
        .filter(assignment_id__in=scope(directive, user).values("pk"),
                status=Submission.Status.ACCEPTED, submitted_at__lt=cutoff, decided_at__lt=cutoff)
        .annotate(rank=Window(
            RowNumber(), partition_by=[F("assignment__task_id")],
            order_by=[F("submitted_at").desc(), F("pk").desc()],
        ))
        .filter(rank__lte=per_task)
        .values("assignment_id", "assignment__task_id", "assignment__unit__name", "assignment__unit_id", "kind",
                "number_symbol", "issued_on", "summary", "reported_value", "submitted_at")
    )
    latest = list(latest)
    then = names_as_of({r["assignment__unit_id"] for r in latest}, as_of)
    results, seen = defaultdict(list), set()
    for row in sorted(latest, key=lambda r: r["submitted_at"], reverse=True):
        if row["assignment_id"] in seen:
            continue  # an older accepted version of a result already listed
        seen.add(row["assignment_id"])
        results[row["assignment__task_id"]].append({
            "unit_name": then.get(row["assignment__unit_id"], row["assignment__unit__name"]),
            "text": submission_text(row),
        })
    return {task_id: grouped(rows) for task_id, rows in results.items()}


def grouped(rows):
    """Results with the same text listed once, with the units that reported it."""
    by_text = {}
    for row in rows:
        by_text.setdefault(row["text"], []).append(row["unit_name"])
    return [{"unit_name": ", ".join(names), "text": text, "count": len(names)}
            for text, names in by_text.items()]


# Words that add nothing to a result's kind ("Báo cáo kết quả: Báo cáo kết quả thực hiện").
_FILLER_WORDS = {"thực", "hiện", "nhiệm", "vụ", "chỉ", "thị", "tiến", "độ", "kết", "quả", "của",
                 "đơn", "vị", "về", "việc"}


def restates(summary, label):
    """True when `summary` only repeats the kind's label (a filler line, not a result)."""
    words, label_words = summary.casefold().rstrip(".").split(), label.casefold().split()
    if words[:len(label_words)] != label_words:
        return False
    return set(words[len(label_words):]) <= _FILLER_WORDS


def submission_text(row):
    label = str(Submission.Kind(row["kind"]).label)
    text = label
    if row["number_symbol"]:
        text += f" số {row['number_symbol']}"
    if row["issued_on"]:
        text += f", ngày {row['issued_on']:%d/%m/%Y}"
    summary = " ".join(row["summary"].split())
    if summary and not restates(summary, label):
        text += f": {summary}"
    if row["reported_value"] is not None:
        text += f" (đạt {format_number(row['reported_value'])})"
    return text


def format_number(value):
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def unit_submissions(directive, user, as_of, unit):
    return list(
        Submission.objects.visible_to(user, "view")
        .filter(assignment_id__in=scope(directive, user, unit).values("pk"),
                submitted_at__lt=end_of_day(as_of))
        .select_related("assignment__task")
        .order_by("assignment__task__section__number", "assignment__task__position", "version")
    )


def unit_extensions(directive, user, as_of, unit):
    return list(
        ExtensionRequest.objects.visible_to(user, "view")
        .filter(assignment_id__in=scope(directive, user, unit).values("pk"),
                requested_at__lt=end_of_day(as_of))
        .select_related("assignment__task").order_by("requested_at")
    )


def unit_explanations(directive, user, as_of, unit):
    return list(
        ExplanationRequest.objects.visible_to(user, "view")
        .filter(assignment_id__in=scope(directive, user, unit).values("pk"),
                requested_at__lt=end_of_day(as_of))
        .select_related("assignment__task").order_by("requested_at")
    )
