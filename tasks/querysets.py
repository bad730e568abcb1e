import datetime

from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import Col
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import roles
from tasks.status import Bucket, Status


def end_of_day(day):
    """The first instant after `day` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


class SimpleCase(models.Func):
    """CASE <subject> WHEN <value> THEN <result> … ELSE <default> END.

    The subject is evaluated once per row; a searched CASE naming a subquery in several
    WHENs makes PostgreSQL run the subquery once per mention (the dashboard counts 100,000
    rows at a time: docs/performance.md)."""

    def __init__(self, subject, cases, default, output_field):
        expressions = [subject]
        for value, result in cases:
            expressions += [Value(value), result]
        super().__init__(*expressions, default, output_field=output_field)

    def as_sql(self, compiler, connection, **extra_context):
        subject, *pairs, default = self.get_source_expressions()
        sql, params = compiler.compile(subject)
        parts = [f"CASE {sql}"]
        for value, result in zip(pairs[::2], pairs[1::2]):
            value_sql, value_params = compiler.compile(value)
            result_sql, result_params = compiler.compile(result)
            parts.append(f"WHEN {value_sql} THEN {result_sql}")
            params = [*params, *value_params, *result_params]
        default_sql, default_params = compiler.compile(default)
        parts.append(f"ELSE {default_sql} END")
        return " ".join(parts), [*params, *default_params]


class CompiledOnce(models.Func):
    """`expression`, compiled to SQL once per query however many times the query names it.

    The status annotation names the deadline in force and the latest submission's status in
    several of its CASEs (and filters and orderings name them again): each mention is a copy
    of the same expression tree, and Django compiled every copy anew (building and compiling
    with_status went from 7.7 to 5.8 ms). The SQL of the first copy is kept on the query's compiler under
    `key` and the aliases of the columns it names, so only an identical expression of the
    same query reuses it."""

    template = "%(expressions)s"

    def __init__(self, expression, key, output_field):
        super().__init__(expression, output_field=output_field)
        self.key = key

    def as_sql(self, compiler, connection, **extra_context):
        (expression,) = self.get_source_expressions()
        aliases = tuple(sorted({getattr(node, "alias", None) or "" for node in expression.flatten()
                                if isinstance(node, Col)}))
        memo = compiler.__dict__.setdefault("_compiled_once", {})
        key = (self.key, aliases)
        if key not in memo:
            memo[key] = compiler.compile(expression)
        sql, params = memo[key]
        return sql, list(params)


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        """Assignments `user` may act on.

        view:   own units' work, the work of directives they track, or everything for the
                Office, observers and administrators;
        submit: own units' work only;
        review: work of the directives they track.
        """
        from accounts.permissions import tracked_directive_ids_q, unit_ids_q
        from directives.models import Task

        if not (user.is_authenticated and user.is_active):
            return self.none()
        tracked_tasks = Task.objects.filter(tracked_directive_ids_q(user)).values("pk")
        if action == "view":
            if roles.sees_everything(user):
                return self
            if not roles.is_reviewer(user):
                # Tracking nothing (every unit officer and head): one IN test, which PostgreSQL
                # plans as a semi-join estimated from the units granted. The OR below is
                # estimated at three quarters of the table whatever it holds
                # (docs/performance.md, "The permission filter").
                return self.filter(unit_ids_q(user))
            return self.filter(unit_ids_q(user) | Q(task_id__in=tracked_tasks))
        if action == "submit":
            return self.filter(unit_ids_q(user))
        if action == "review":
            return self.filter(task_id__in=tracked_tasks)
        raise ValueError(f"unknown action {action!r}")

    def reviewable_by(self, user):
        """visible_to(user, "review") with the tracked tasks read first and named by id (one
        more query). For a query whose rows carry the status annotation: PostgreSQL prices
        that annotation so high that every join order looks alike to it, and it joined the
        tracked tasks' subquery by a nested loop testing each candidate row against each
        task (docs/performance.md)."""
        from accounts.permissions import tracked_directive_ids_q
        from directives.models import Task

        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(task_id__in=list(
            Task.objects.filter(tracked_directive_ids_q(user)).values_list("pk", flat=True)))

    def active(self):
        return self.filter(is_cancelled=False)

    def with_extensions_granted(self, as_of=None):
        """Annotate `extensions_granted`: the extensions approved by the end of `as_of`."""
        from tasks.models import ExtensionRequest

        cutoff = end_of_day(as_of or timezone.localdate())
        approved = ExtensionRequest.objects.filter(
            assignment=OuterRef("pk"), status="approved",
            decided_at__lt=cutoff,
        ).order_by().values("assignment").annotate(n=models.Count("pk")).values("n")
        # An approval raises extension_count: without one there is nothing to count; when
        # the last approval (trigger-kept last_extension_at) came before the cutoff, every
        # one of them counts; when the first one (first_extension_at) came after it, none.
        # Only a day between two approvals looks the rows up.
        return self.annotate(extensions_granted=Case(
            When(extension_count=0, then=Value(0)),
            When(last_extension_at__lt=cutoff, then=F("extension_count")),
            When(first_extension_at__gte=cutoff, then=Value(0)),
            default=Coalesce(Subquery(approved), Value(0)),
            output_field=models.IntegerField(),
        ))

    def with_last_submitted(self, as_of=None):
        """Annotate `last_submitted_as_of`: when the latest submission made by the end of
        `as_of` came in (None if none had). The trigger-kept last_submitted_at answers unless
        the work was submitted again since then, first_submitted_at when none had come yet."""
        from tasks.models import Submission

        cutoff = end_of_day(as_of or timezone.localdate())
        earlier = Submission.objects.filter(assignment=OuterRef("pk"), submitted_at__lt=cutoff).order_by(
            "-submitted_at").values("submitted_at")[:1]
        return self.annotate(last_submitted_as_of=Case(
            When(last_submitted_at__isnull=True, then=Value(None)),
            When(last_submitted_at__lt=cutoff, then=F("last_submitted_at")),
            When(first_submitted_at__gte=cutoff, then=Value(None)),
            default=Subquery(earlier),
            output_field=models.DateTimeField(),
        ))

    def with_deadline(self, as_of=None):
        """Annotate `due_as_of`: the deadline in force at the end of `as_of`, or, for work
        completed by then, at the end of the day it was completed (with_status's, alone: for
        a query that needs the deadline and not the status)."""
        from tasks.models import ExtensionRequest

        as_of = as_of or timezone.localdate()
        done = Q(completed_on__isnull=False, completed_on__lte=as_of)
        # The deadline in force at the end of `deadline_day` (the completion day for done work,
        # else `as_of`): an extension approved later had not moved it yet.
        later_extension = ExtensionRequest.objects.filter(
            assignment=OuterRef("pk"), status="approved", decided_at__date__gt=OuterRef("deadline_day")
        ).order_by("decided_at", "pk")
        return self.alias(
            deadline_day=Case(When(done, then=F("completed_on")), default=Value(as_of),
                              output_field=models.DateField()),
        ).annotate(
            # Only an approved extension raises extension_count: without one, or when the
            # last approval came by `deadline_day`, the deadline in force is due_date (and
            # 100,000 rows skip the subquery); when the first approval came after it, the
            # deadline that approval moved. Only a day between two approvals looks them up.
            due_as_of=CompiledOnce(Case(
                When(Q(extension_count=0) | Q(last_extension_at__date__lte=F("deadline_day")), then=F("due_date")),
                When(first_extension_at__date__gt=F("deadline_day"), then=F("first_extension_due")),
                default=Coalesce(Subquery(later_extension.values("previous_due_date")[:1]), F("due_date")),
                output_field=models.DateField(),
            ), f"due_as_of:{as_of}", models.DateField()),
        )

    def with_status(self, as_of=None):
        """Annotate `status` (tasks.status.Status), `bucket` (the four reporting buckets) and
        `due_as_of`: the deadline in force at the end of `as_of`, or, for work completed by
        then, at the end of the day it was completed. Work is on time or late against the
        deadline in force when it was done: an extension approved afterwards does not turn a
        late completion into an on-time one (nor change the ranking after the fact).

        The one definition of an assignment's status, shared by the unit workspace, the
        dashboard, the reports and the reminders. `as_of` (a date, default today) sees only
        submissions made and completions dated by the end of that day.
        """
        from tasks.models import Submission

        as_of = as_of or timezone.localdate()
        cutoff = end_of_day(as_of)
        done = Q(completed_on__isnull=False, completed_on__lte=as_of)
        # A decision taken after `as_of` was not known then: the submission was still pending.
        latest = Submission.objects.filter(
            assignment=OuterRef("pk"), submitted_at__lt=cutoff
        ).order_by("-version").annotate(
            status_then=Case(
                When(decided_at__lt=cutoff, then=F("status")),
                default=Value("pending"),
                output_field=models.CharField(),
            )
        )
        qs = self.with_deadline(as_of).annotate(
            # The trigger-kept facts (Assignment.MAINTAINED) answer for every assignment whose
            # submissions all came before the cutoff (the highest version is then the latest
            # one by then) or all after it (none had come). Only work submitted both before
            # and since `as_of` looks its rows up.
            latest_submission_status=CompiledOnce(Case(
                When(last_submitted_at__isnull=True, then=Value(None)),
                When(last_submitted_at__lt=cutoff, then=Case(
                    When(last_decided_at__lt=cutoff, then=F("last_submission_status")),
                    default=Value(Submission.Status.PENDING),
                )),
                When(first_submitted_at__gte=cutoff, then=Value(None)),
                default=Subquery(latest.values("status_then")[:1]),
                output_field=models.CharField(),
            ), f"latest_submission_status:{as_of}", models.CharField()),
        )

        def overdue_or(otherwise):
            return Case(When(due_as_of__lt=as_of, then=Value(Status.OVERDUE)), default=otherwise,
                        output_field=models.CharField())

        # Not completed: by the latest submission (pending, returned, or an accepted progress
        # report), then by the deadline; the submission subquery is named once (SimpleCase).
        open_status = SimpleCase(
            F("latest_submission_status"),
            [
                ("pending", Value(Status.AWAITING_REVIEW)),
                ("returned", Value(Status.RETURNED)),
                ("accepted", overdue_or(Value(Status.IN_PROGRESS))),
            ],
            default=overdue_or(Case(
                When(received_on__lte=as_of, then=Value(Status.IN_PROGRESS)),
                default=Value(Status.NOT_YET_DUE),
                output_field=models.CharField(),
            )),
            output_field=models.CharField(),
        )
        return qs.annotate(
            status=Case(
                When(done & Q(completed_on__lte=F("due_as_of")), then=Value(Status.DONE_ON_TIME)),
                When(done, then=Value(Status.DONE_LATE)),
                default=open_status,
                output_field=models.CharField(),
            ),
            bucket=Case(
                When(done & Q(completed_on__lte=F("due_as_of")), then=Value(Bucket.DONE_ON_TIME)),
                When(done, then=Value(Bucket.DONE_LATE)),
                When(due_as_of__lt=as_of, then=Value(Bucket.OPEN_OVERDUE)),
                default=Value(Bucket.OPEN_WITHIN),
                output_field=models.CharField(),
            ),
        )
