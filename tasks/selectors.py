"""Reads of the workflow, always through the user's visible querysets."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.permissions import get_object_for_user, unit_ids_q
from tasks.expectations import expected_kind, target_text
from tasks.models import (
    Assignment,
    ExplanationRequest,
    ExtensionRequest,
    Submission,
    SubmissionFile,
    Unit,
)
from tasks.querysets import end_of_day
from tasks.status import DONE_STATUSES, Status

# Most urgent first: work sent back, then overdue, then open work by deadline; work waiting
# for the reviewer is the unit's least pressing; completed work comes last.
URGENCY = {
    Status.RETURNED: 0,
    Status.OVERDUE: 1,
    Status.IN_PROGRESS: 2,
    Status.NOT_YET_DUE: 2,
    Status.AWAITING_REVIEW: 3,
    Status.DONE_LATE: 4,
    Status.DONE_ON_TIME: 4,
}
DUE_SOON_DAYS = 7


def units_of(user):
    return Unit.objects.filter(unit_ids_q(user, field="pk")).order_by("kind", "name")


def decorate(assignment, today):
    """Attach what the pages show: days left or overdue, the expected document and target."""
    assignment.status_label = Status(assignment.status).label
    assignment.days_left = (assignment.due_date - today).days
    assignment.is_done = assignment.status in DONE_STATUSES
    assignment.is_due_soon = not assignment.is_done and 0 <= assignment.days_left <= DUE_SOON_DAYS
    assignment.expected_kind = expected_kind(assignment.task, assignment.unit)
    assignment.expected_kind_label = Submission.Kind(assignment.expected_kind).label
    assignment.target = target_text(assignment.task)
    assignment.urgency = (URGENCY.get(assignment.status, 2), assignment.due_date, assignment.pk)
    return assignment


@dataclass
class Group:
    section: object  # None for the tasks of the closing paragraphs
    items: list = field(default_factory=list)


@dataclass
class DirectiveBlock:
    directive: object
    groups: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)

    @property
    def parts(self):
        """Parts in the directive's order, the closing tasks last; items most urgent first."""
        ordered = sorted(self.groups.values(), key=lambda g: (g.section is None, g.section.number if g.section else 0))
        for group in ordered:
            group.items.sort(key=lambda a: a.urgency)
        return ordered


def workspace_queryset(user, *, unit_id=None, directive_id=None, as_of=None):
    """The work of the user's units (optionally one unit's, one directive's) with its status
    at `as_of`, the directive, part and unit joined, and whether an explanation is awaited or
    an extension requested."""
    qs = (
        Assignment.objects.visible_to(user, "submit").active().with_status(as_of or timezone.localdate())
        .select_related("task__directive", "task__section", "unit")
        .annotate(
            open_explanations=Exists(ExplanationRequest.objects.filter(
                assignment_id=OuterRef("pk"), answered_at__isnull=True)),
            pending_extension=Exists(ExtensionRequest.objects.filter(
                assignment_id=OuterRef("pk"), status=ExtensionRequest.Status.PENDING)),
        )
    )
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if directive_id:
        qs = qs.filter(task__directive_id=directive_id)
    return qs


def workspace(user, *, unit_id=None, directive_id=None, show_done=True, as_of=None):
    """The work of the user's units with its status, all of it (the home page's blocks; the
    workspace page itself reads a page at a time: tasks.workspace).

    Returns (blocks, urgent, counts): one block per directive (newest first) holding its
    parts; `urgent` lists the open work that is returned, overdue or due within
    DUE_SOON_DAYS, most urgent first; `counts` maps each status to its number.
    """
    today = as_of or timezone.localdate()
    qs = workspace_queryset(user, unit_id=unit_id, directive_id=directive_id, as_of=today)
    counts, blocks, urgent = {}, {}, []
    for assignment in qs:
        decorate(assignment, today)
        counts[assignment.status] = counts.get(assignment.status, 0) + 1
        if not assignment.is_done and (
            assignment.status in (Status.RETURNED, Status.OVERDUE) or assignment.is_due_soon
            or assignment.open_explanations
        ):
            urgent.append(assignment)
        if assignment.is_done and not show_done:
            continue
        directive = assignment.task.directive
        block = blocks.setdefault(directive.pk, DirectiveBlock(directive))
        block.units[assignment.unit_id] = assignment.unit
        section = assignment.task.section
        block.groups.setdefault(assignment.task.section_id, Group(section)).items.append(assignment)
    ordered = sorted(blocks.values(), key=lambda b: (b.directive.issued_on, b.directive.pk), reverse=True)
    urgent.sort(key=lambda a: a.urgency)
    return ordered, urgent, counts


def get_assignment(user, pk, action="view"):
    qs = Assignment.objects.select_related("task__directive__tracking_unit", "task__section", "unit")
    return get_object_for_user(qs, user, pk, action)


def assignment_with_status(assignment, as_of=None):
    today = as_of or timezone.localdate()
    annotated = Assignment.objects.with_status(today).values("status", "bucket").get(pk=assignment.pk)
    assignment.status, assignment.bucket = annotated["status"], annotated["bucket"]
    return decorate(assignment, today)


@dataclass
class Event:
    at: object  # an aware datetime or a date
    kind: str
    obj: object
    anchor: str = ""

    @property
    def sort_key(self):
        at = self.at
        if isinstance(at, date) and not hasattr(at, "hour"):
            return (at, 0)
        return (timezone.localtime(at).date(), 1, at.timestamp())


def assignment_history(assignment):
    """Everything that happened to an assignment, oldest first, in a fixed number of queries."""
    submissions = list(
        assignment.submissions.select_related("submitted_by", "decided_by")
        .prefetch_related(Prefetch("files", queryset=SubmissionFile.objects.select_related("signature").order_by("pk")))
        .order_by("version")
    )
    extensions = list(assignment.extension_requests.select_related("requested_by", "decided_by").order_by("requested_at"))
    explanations = list(assignment.explanation_requests.select_related("requested_by", "answered_by").order_by("requested_at"))
    events = []
    if assignment.received_on:
        events.append(Event(assignment.received_on, "received", assignment))
    if assignment.disseminated_on:
        events.append(Event(assignment.disseminated_on, "disseminated", assignment))
    for s in submissions:
        events.append(Event(s.submitted_at, "submitted", s, f"van-ban-{s.pk}"))
        if s.decided_at:
            events.append(Event(s.decided_at, "decided", s, f"tham-dinh-{s.pk}"))
    for e in extensions:
        events.append(Event(e.requested_at, "extension_requested", e, f"gia-han-{e.pk}"))
        if e.decided_at:
            events.append(Event(e.decided_at, "extension_decided", e))
    for x in explanations:
        events.append(Event(x.requested_at, "explanation_requested", x, f"giai-trinh-{x.pk}"))
        if x.answered_at:
            events.append(Event(x.answered_at, "explanation_answered", x))
    events.sort(key=lambda e: e.sort_key)
    return {
        "events": events,
        "submissions": submissions,
        "extensions": extensions,
        "explanations": explanations,
        "pending_submission": next((s for s in submissions if s.status == Submission.Status.PENDING), None),
        "pending_extension": next((e for e in extensions if e.status == ExtensionRequest.Status.PENDING), None),
        "open_explanations": [x for x in explanations if not x.is_answered],
    }


# What a row of the review queue shows of a submission and its assignment: the rest is not read.
QUEUE_FIELDS = ("submitted_at", "kind", "number_symbol", "version", "assignment_id", "assignment__due_date",
                "assignment__unit__name", "assignment__unit__short_name", "assignment__task__key",
                "assignment__task__title")


def review_queue(user, *, unit_id=None, directive_id=None, kind=None, signature=None):
    """Submissions waiting for the user's review, oldest first, with only what the queue's
    rows show (QUEUE_FIELDS). `signature`: "signed" (some file carries an intact signature)
    or "unsigned" (none does)."""
    qs = (
        Submission.objects.reviewable_by(user).filter(status=Submission.Status.PENDING)
        .select_related("assignment__task", "assignment__unit").only(*QUEUE_FIELDS)
        # A subquery, not Count("files"): a count joined and grouped over every pending
        # submission before the page is cut took half a second with 10,000 of them; this
        # one runs for the page's rows only (docs/performance.md).
        .annotate(file_count=Coalesce(Subquery(
            SubmissionFile.objects.filter(submission=OuterRef("pk")).order_by()
            .values("submission").annotate(n=Count("pk")).values("n")), 0))
        .order_by("submitted_at", "pk")
    )
    if unit_id:
        qs = qs.filter(assignment__unit_id=unit_id)
    if directive_id:
        qs = qs.filter(assignment__task__directive_id=directive_id)
    if kind:
        qs = qs.filter(kind=kind)
    if signature:
        from signatures.models import INTACT

        signed = SubmissionFile.objects.filter(signature__verdict__in=INTACT).values("submission_id")
        qs = qs.filter(pk__in=signed) if signature == "signed" else qs.exclude(pk__in=signed)
    return qs


def pending_extensions(user, *, unit_id=None, directive_id=None):
    # Tested through the join select_related makes anyway (reviewable_by): an IN over the
    # tracked assignments added three relations for PostgreSQL to plan (2–3 ms, for a few rows).
    qs = (
        ExtensionRequest.objects.reviewable_by(user).filter(status=ExtensionRequest.Status.PENDING)
        .select_related("assignment__task", "assignment__unit")
        .order_by("requested_at", "pk")
    )
    if unit_id:
        qs = qs.filter(assignment__unit_id=unit_id)
    if directive_id:
        qs = qs.filter(assignment__task__directive_id=directive_id)
    return qs


def open_explanations(user, *, unit_id=None, directive_id=None, action="review"):
    """Unanswered explanation requests: those the user asked for (action "review") or those
    their units must answer (action "submit")."""
    scoped = (ExplanationRequest.objects.reviewable_by(user) if action == "review"
              else ExplanationRequest.objects.visible_to(user, action))  # as pending_extensions
    qs = (
        scoped.filter(answered_at__isnull=True)
        .select_related("assignment__task", "assignment__unit")
        .order_by("requested_at", "pk")
    )
    if unit_id:
        qs = qs.filter(assignment__unit_id=unit_id)
    if directive_id:
        qs = qs.filter(assignment__task__directive_id=directive_id)
    return qs


def open_work_due_between(user, first, last, *, as_of=None):
    """Open work (not completed, not yet overdue) whose deadline in force falls between
    `first` and `last`, soonest first: what falls due this week across the units the user
    reviews."""
    as_of = as_of or timezone.localdate()
    # Not yet overdue: the deadline in force is `as_of` or later, and open work then is
    # simply work not completed by `as_of` (no status CASE to compile and evaluate).
    first = max(first, as_of)
    # Open work's deadline in force is due_date unless an approval came after `as_of`
    # (AssignmentQuerySet.with_deadline): a test on plain columns first, so the deadline is
    # worked out for the few rows that can match, not for every tracked assignment.
    extended_since = Q(extension_count__gt=0) & (
        Q(last_extension_at__isnull=True) | Q(last_extension_at__gte=end_of_day(as_of)))
    # The tracked tasks by id and the tasks loaded afterwards: joined (the permission's
    # subquery, select_related), the thousands of candidate rows were matched to the tasks
    # by a nested loop.
    return (
        Assignment.objects.reviewable_by(user).active()
        .filter(Q(due_date__gte=first, due_date__lte=last) | extended_since)
        .with_deadline(as_of)
        .filter(due_as_of__gte=first, due_as_of__lte=last)
        .exclude(completed_on__lte=as_of)
        .select_related("unit").prefetch_related("task__directive")
        .order_by("due_as_of", "unit__name", "pk")
    )


def acknowledgement_report(user, directive):
    """Per unit under a directive the user tracks: how many of its assignments have confirmed
    receipt and dissemination, and when. Units that have not confirmed come first."""
    rows = (
        Assignment.objects.visible_to(user, "review").active().filter(task__directive=directive)
        .values("unit_id", "unit__name", "unit__short_name", "unit__kind")
        .annotate(
            total=Count("pk"),
            received=Count("pk", filter=Q(received_on__isnull=False)),
            disseminated=Count("pk", filter=Q(disseminated_on__isnull=False)),
            first_received=Min("received_on"),
            last_disseminated=Max("disseminated_on"),
        )
        .order_by("unit__kind", "unit__name")
    )
    rows = list(rows)
    for row in rows:
        row["fully_received"] = row["received"] == row["total"]
        row["fully_disseminated"] = row["disseminated"] == row["total"]
    rows.sort(key=lambda r: (r["fully_received"] and r["fully_disseminated"], r["fully_received"]))
    return rows


def get_file_for_user(user, pk):
    return get_object_for_user(
        SubmissionFile.objects.select_related("submission__assignment__unit"), user, pk, "view"
    )
