"""What is due on a day: the reminder rules.

Decided from the one status annotation (`Assignment.objects.with_status(as_of)`): only open
work (the two "not completed" buckets) of published directives, never work awaiting review,
completed or cancelled. Every rule is a function of dates, so a sweep run any number of
times on a day finds the same occurrences, and the ReminderLog's unique key does the rest.

Day-exact rules (before the deadline, on the day, every N days overdue) fire only on their
day. Rules that must not be lost (escalation, returned work, unanswered explanation
requests) also fire during the REMINDER_CATCH_UP_DAYS after their day, once, should the
sweep not have run then.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from directives.models import Directive
from reminders import recipients
from reminders.models import ReminderPolicy, Rule
from tasks.models import Assignment, Submission
from tasks.querysets import end_of_day
from tasks.status import Bucket, Status

OPEN_BUCKETS = (Bucket.OPEN_WITHIN, Bucket.OPEN_OVERDUE)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Hit:
    assignment_id: int
    unit_id: int
    directive_id: int
    rule: str
    occurrence: str
    audience: str = recipients.UNIT


class PolicyBook:
    """The policy of every directive, loaded once; directives without a row use the defaults."""

    def __init__(self, policies):
        self._by_directive = {p.directive_id: p for p in policies}
        self.default = ReminderPolicy()

    @classmethod
    def load(cls):
        return cls(ReminderPolicy.objects.all())

    def for_directive(self, directive_id):
        return self._by_directive.get(directive_id, self.default)

    @property
    def paused_directive_ids(self):
        return [d for d, p in self._by_directive.items() if not p.is_active]

    @property
    def in_force(self):
        return [self.default, *(p for p in self._by_directive.values() if p.is_active)]


def catch_up_days():
    return max(1, settings.REMINDER_CATCH_UP_DAYS)


def deadline_rules(due_date, bucket, policy, as_of, catch_up=None):
    """The (rule, occurrence, audience) triples an open assignment owes on `as_of`."""
    catch_up = catch_up or catch_up_days()
    days_left = (due_date - as_of).days
    found = []
    if bucket == Bucket.OPEN_WITHIN:
        if days_left > 0 and days_left in policy.days_before_list:
            found.append((Rule.BEFORE_DUE, f"{due_date:%Y-%m-%d}-{days_left}", recipients.UNIT))
        elif days_left == 0 and policy.on_due_day:
            found.append((Rule.DUE_TODAY, f"{due_date:%Y-%m-%d}", recipients.UNIT))
    elif bucket == Bucket.OPEN_OVERDUE:
        late = -days_left
        every = policy.overdue_every_days
        if every and late > 0 and late % every == 0:
            found.append((Rule.OVERDUE, f"{due_date:%Y-%m-%d}+{late}", recipients.UNIT))
        after = policy.escalate_after_days
        if after and after <= late < after + catch_up:
            # Once per deadline: a new deadline (an extension) may escalate again.
            found.append((Rule.ESCALATION, f"{due_date:%Y-%m-%d}", recipients.ESCALATION))
    return found


def deadline_candidates(policies, as_of, catch_up, horizon):
    """Every due date that can owe a deadline reminder on `as_of`: lets SQL skip the rest."""
    dates = set()
    for p in policies:
        dates.update(as_of + d * DAY for d in p.days_before_list)
        if p.on_due_day:
            dates.add(as_of)
        every = p.overdue_every_days
        if every:
            dates.update(as_of - k * DAY for k in range(every, horizon + 1, every))
        if p.escalate_after_days:
            dates.update(as_of - (p.escalate_after_days + j) * DAY for j in range(catch_up))
    return sorted(dates)


def eligible(queryset, book):
    """Work that can owe reminders at all, by plain columns only (cheap on any table size):
    not cancelled, of an active unit, of a published directive whose reminders are on."""
    return queryset.filter(
        is_cancelled=False, unit__is_active=True, task__directive__status=Directive.Status.PUBLISHED,
    ).exclude(task__directive_id__in=book.paused_directive_ids)


def chunked(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def open_work(as_of, ids, size):
    """The open ones among `ids` with their status, a batch at a time: the status annotation
    runs only on the candidates, one query per `size` of them, never one per assignment."""
    for chunk in chunked(sorted(ids), size):
        yield list(
            Assignment.objects.with_status(as_of)
            .filter(pk__in=chunk, bucket__in=OPEN_BUCKETS)
            .values("pk", "unit_id", "task__directive_id", "due_as_of", "status", "bucket")
        )


def deadline_hits(as_of, book, size):
    catch_up = catch_up_days()
    dues = deadline_candidates(book.in_force, as_of, catch_up, settings.REMINDER_OVERDUE_HORIZON_DAYS)
    if not dues:
        return
    ids = list(eligible(Assignment.objects.filter(due_date__in=dues), book).values_list("pk", flat=True))
    for rows in open_work(as_of, ids, size):
        hits = []
        for row in rows:
            if row["status"] == Status.AWAITING_REVIEW:
                continue  # the unit has done its part; the tracking body has not
            directive_id = row["task__directive_id"]
            policy = book.for_directive(directive_id)
            for rule, occurrence, audience in deadline_rules(
                row["due_as_of"], row["bucket"], policy, as_of, catch_up
            ):
                hits.append(Hit(row["pk"], row["unit_id"], directive_id, rule, occurrence, audience))
        yield hits


def _window(as_of, attr, book, catch_up):
    """The instants [start, end) in which an event must have happened to owe a reminder today."""
    days = [getattr(p, attr) for p in book.in_force if getattr(p, attr)]
    if not days:
        return None
    oldest = as_of - (max(days) + catch_up - 1) * DAY
    return end_of_day(oldest - DAY), end_of_day(as_of - min(days) * DAY)


def _age_fires(event_at, after, as_of, catch_up):
    age = (as_of - timezone.localtime(event_at).date()).days
    return bool(after) and after <= age < after + catch_up


def _event_hits(as_of, book, size, events, rule, attr, wanted_status=None):
    """Hits for events (returned submissions, explanation requests) of open work, given as
    {assignment_id: (event_id, event_at)}."""
    catch_up = catch_up_days()
    for rows in open_work(as_of, list(events), size):
        hits = []
        for row in rows:
            if wanted_status and row["status"] != wanted_status:
                continue
            directive_id = row["task__directive_id"]
            event_id, event_at = events[row["pk"]]
            if _age_fires(event_at, getattr(book.for_directive(directive_id), attr), as_of, catch_up):
                hits.append(Hit(row["pk"], row["unit_id"], directive_id, rule, f"{rule_prefix(rule)}-{event_id}"))
        yield hits


def rule_prefix(rule):
    return {Rule.RETURNED: "submission", Rule.EXPLANATION: "explanation"}[rule]


def returned_hits(as_of, book, size):
    """Returned submissions, still the latest version, not resubmitted after N days."""
    window = _window(as_of, "returned_after_days", book, catch_up_days())
    if window is None:
        return
    newer = Submission.objects.filter(assignment_id=OuterRef("assignment_id"), version__gt=OuterRef("version"))
    events = {
        assignment_id: (pk, decided_at)
        for pk, assignment_id, decided_at in Submission.objects.filter(
            status=Submission.Status.RETURNED, decided_at__gte=window[0], decided_at__lt=window[1],
            assignment_id__in=eligible(Assignment.objects.all(), book).values("pk"),
        ).filter(~Exists(newer)).values_list("pk", "assignment_id", "decided_at")
    }
    yield from _event_hits(as_of, book, size, events, Rule.RETURNED, "returned_after_days",
                           wanted_status=Status.RETURNED)


def explanation_model():
    """The workflow's explanation request model, or None while it does not exist."""
    try:
        return apps.get_model("tasks", "ExplanationRequest")
    except LookupError:
        return None


def explanation_hits(as_of, book, size):
    """Explanation requests (yêu cầu giải trình) still unanswered N days after they were made."""
    model = explanation_model()
    window = _window(as_of, "explanation_after_days", book, catch_up_days())
    if model is None or window is None:
        return
    events = {}
    for pk, assignment_id, requested_at in model._default_manager.filter(
        answered_at__isnull=True, requested_at__gte=window[0], requested_at__lt=window[1],
        assignment_id__in=eligible(Assignment.objects.all(), book).values("pk"),
    ).order_by("requested_at", "pk").values_list("pk", "assignment_id", "requested_at"):
        events[assignment_id] = (pk, requested_at)  # the latest request of an assignment
    yield from _event_hits(as_of, book, size, events, Rule.EXPLANATION, "explanation_after_days")


def iter_hits(as_of, book=None, size=None):
    """Every reminder owed on `as_of`, in lists of at most a batch of source rows each."""
    book = book or PolicyBook.load()
    size = size or settings.REMINDER_BATCH_SIZE
    yield from deadline_hits(as_of, book, size)
    yield from returned_hits(as_of, book, size)
    yield from explanation_hits(as_of, book, size)
