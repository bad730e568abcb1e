"""Items under the bell for workflow events. Called by the services inside their transaction,
so a rolled-back decision leaves no notification behind.

Titles are Notes (tuson_qp.notes): stored in Vietnamese with their template, and shown in each
recipient's language, not in that of the person whose action sent them."""

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext_noop

from notifications.models import Notification
from notifications.services import notify
from tasks.services.people import reviewers_of, unit_members
from tuson_qp.notes import Note, label_note

Kind = Notification.Kind


def _assignment_url(assignment, anchor=""):
    url = reverse("tasks:assignment_detail", args=[assignment.pk])
    return f"{url}#{anchor}" if anchor else url


def _date(day):
    """dd/mm/yyyy: the portal's date format in every language (tuson_qp/formats)."""
    return day.strftime("%d/%m/%Y")


def _task_label(assignment):
    return f"{assignment.task.key}. {assignment.task.title}"


def notify_new_assignments(assignment_ids):
    """Tell the members of each unit about the work newly assigned to it: one item per unit and
    directive, linking to the assignment (one task) or to the unit's workspace (several)."""
    from tasks.models import Assignment

    rows = (
        Assignment.objects.filter(pk__in=list(assignment_ids), is_cancelled=False)
        .select_related("task__directive", "unit")
        .order_by("unit_id", "task__directive_id", "due_date")
    )
    groups = defaultdict(list)
    for assignment in rows:
        groups[(assignment.unit_id, assignment.task.directive_id)].append(assignment)
    made = []
    for (unit_id, _directive_id), items in groups.items():
        first = items[0]
        directive = first.task.directive
        if len(items) == 1:
            title = Note(gettext_noop("%(unit)s được giao nhiệm vụ %(task)s (%(directive)s)"),
                         unit=first.unit.display_name, task=_task_label(first), directive=directive.number_symbol)
            url = _assignment_url(first)
        else:
            title = Note(gettext_noop("%(unit)s được giao %(count)s nhiệm vụ của %(directive)s"),
                         unit=first.unit.display_name, count=len(items), directive=directive.number_symbol)
            url = reverse("tasks:workspace") + f"?directive={directive.pk}"
        body = Note(gettext_noop("Thời hạn sớm nhất: %(date)s."), date=_date(first.due_date))
        made += notify(unit_members(unit_id), Kind.ASSIGNED, title, body=body, url=url)
    return made


def submission_created(submission):
    assignment = submission.assignment
    title = Note(gettext_noop("%(unit)s nộp %(kind)s (lần %(version)s) – nhiệm vụ %(task)s"),
                 unit=assignment.unit.display_name, kind=label_note(submission.Kind(submission.kind).label),
                 version=submission.version, task=assignment.task.key)
    url = reverse("tasks:submission_review", args=[submission.pk])
    notify(reviewers_of(assignment.task.directive), Kind.SUBMITTED, title, body=submission.summary[:500], url=url)


def submission_decided(submission, completed):
    assignment = submission.assignment
    values = {"kind": label_note(submission.Kind(submission.kind).label), "version": submission.version,
              "task": assignment.task.key}
    if submission.status == submission.Status.ACCEPTED:
        kind = Kind.ACCEPTED
        if completed:
            title = Note(gettext_noop("%(kind)s (lần %(version)s) của nhiệm vụ %(task)s đã được chấp nhận; nhiệm "
                                      "vụ hoàn thành"), **values)
        else:
            title = Note(gettext_noop("%(kind)s (lần %(version)s) của nhiệm vụ %(task)s đã được chấp nhận"), **values)
    else:
        kind = Kind.RETURNED
        title = Note(gettext_noop("%(kind)s (lần %(version)s) của nhiệm vụ %(task)s bị trả lại để hoàn thiện"),
                     **values)
    notify(unit_members(assignment.unit_id), kind, title, body=submission.review_comment,
           url=_assignment_url(assignment, f"van-ban-{submission.pk}"))


def extension_requested(extension):
    assignment = extension.assignment
    title = Note(gettext_noop("%(unit)s đề nghị gia hạn nhiệm vụ %(task)s đến %(date)s"),
                 unit=assignment.unit.display_name, task=assignment.task.key,
                 date=_date(extension.requested_due_date))
    notify(reviewers_of(assignment.task.directive), Kind.EXTENSION_REQUESTED, title, body=extension.reason,
           url=_assignment_url(assignment, f"gia-han-{extension.pk}"))


def extension_decided(extension):
    assignment = extension.assignment
    if extension.status == extension.Status.APPROVED:
        title = Note(gettext_noop("Đồng ý gia hạn nhiệm vụ %(task)s đến %(date)s"), task=assignment.task.key,
                     date=_date(extension.requested_due_date))
    else:
        title = Note(gettext_noop("Không đồng ý gia hạn nhiệm vụ %(task)s"), task=assignment.task.key)
    notify(unit_members(assignment.unit_id), Kind.EXTENSION_DECIDED, title, body=extension.decision_comment,
           url=_assignment_url(assignment, f"gia-han-{extension.pk}"))


def explanation_requested(explanation):
    assignment = explanation.assignment
    title = Note(gettext_noop("Yêu cầu giải trình về nhiệm vụ %(task)s"), task=_task_label(assignment))
    notify(unit_members(assignment.unit_id), Kind.EXPLANATION_REQUESTED, title, body=explanation.question,
           url=_assignment_url(assignment, f"giai-trinh-{explanation.pk}"))


def explanation_answered(explanation):
    assignment = explanation.assignment
    title = Note(gettext_noop("%(unit)s đã giải trình về nhiệm vụ %(task)s"),
                 unit=assignment.unit.display_name, task=assignment.task.key)
    recipients = list(reviewers_of(assignment.task.directive))
    if explanation.requested_by.is_active:
        recipients.append(explanation.requested_by)
    notify(recipients, Kind.EXPLANATION_ANSWERED, title, body=explanation.answer,
           url=_assignment_url(assignment, f"giai-trinh-{explanation.pk}"))
