from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import get_object_for_user
from directives.models import Directive
from home import as_of
from tasks import selectors, services
from tasks.forms import (
    AcknowledgeForm,
    ExplanationAnswerForm,
    ExplanationRequestForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
)
from tasks.models import Assignment
from tasks.services.extensions import check_can_request_extension
from tasks.services.submissions import check_can_submit

from .common import refuse


def _allowed(check, assignment):
    try:
        check(assignment)
    except services.WorkflowError as error:
        return False, error.message
    return True, ""


def render_detail(request, assignment, *, status=200, **forms):
    """The assignment page; a form that failed is passed in bound so it keeps what was typed, and
    `unsaved` (common.Unsaved) shows back text a colleague's earlier decision kept from being saved."""
    user = request.user
    can_submit = Assignment.objects.visible_to(user, "submit").filter(pk=assignment.pk).exists()
    can_review = Assignment.objects.visible_to(user, "review").filter(pk=assignment.pk).exists()
    selectors.assignment_with_status(assignment, as_of.get(request))
    history = selectors.assignment_history(assignment)
    submit_ok, submit_reason = _allowed(check_can_submit, assignment) if can_submit else (False, "")
    extend_ok, extend_reason = _allowed(check_can_request_extension, assignment) if can_submit else (False, "")
    directive = assignment.task.directive
    answer_forms = {}
    if can_submit:
        failed = forms.get("answer_form")
        for x in history["open_explanations"]:
            answer_forms[x.pk] = failed if failed is not None and failed.prefix == f"x{x.pk}" else \
                ExplanationAnswerForm(prefix=f"x{x.pk}")
    for x in history["explanations"]:
        x.answer_form = answer_forms.get(x.pk)
    pending_extension = history["pending_extension"]
    context = {
        "assignment": assignment,
        "task": assignment.task,
        "directive": directive,
        "history": history,
        "can_submit": can_submit,
        "can_review": can_review,
        "submit_ok": submit_ok,
        "submit_reason": submit_reason,
        "extend_ok": extend_ok,
        "extend_reason": extend_reason,
        "extension_form": forms.get("extension_form") or (
            ExtensionRequestForm(assignment=assignment) if extend_ok else None),
        "ack_form": forms.get("ack_form") or (AcknowledgeForm(directive=directive, initial={
            "received_on": assignment.received_on, "disseminated_on": assignment.disseminated_on,
        }) if can_submit else None),
        "explanation_form": forms.get("explanation_form") or (ExplanationRequestForm() if can_review else None),
        "decision_form": forms.get("decision_form") or (
            ExtensionDecisionForm() if can_review and pending_extension else None),
        "unsaved": forms.get("unsaved"),
    }
    return render(request, "tasks/assignment_detail.html", context, status=status)


@login_required
def assignment_detail(request, pk):
    return render_detail(request, selectors.get_assignment(request.user, pk, "view"))


@login_required
def acknowledge_assignment(request, pk):
    assignment = selectors.get_assignment(request.user, pk, "submit")
    if request.method != "POST":
        return redirect("tasks:assignment_detail", pk=assignment.pk)
    form = AcknowledgeForm(request.POST, directive=assignment.task.directive)
    if form.is_valid():
        try:
            services.assignments_acknowledge(
                user=request.user, assignment_ids=[assignment.pk], request=request,
                received_on=form.cleaned_data["received_on"], disseminated_on=form.cleaned_data["disseminated_on"],
            )
        except services.WorkflowError as error:
            refuse(request, form, error)
        else:
            messages.success(request, _("Đã ghi nhận xác nhận tiếp nhận, phổ biến."))
            return redirect("tasks:assignment_detail", pk=assignment.pk)
    return render_detail(request, assignment, ack_form=form)


@login_required
def acknowledge_directive(request, directive_pk, unit_pk):
    """Confirm receipt and dissemination once for all of a unit's work under a directive."""
    directive = get_object_for_user(Directive.objects.all(), request.user, directive_pk, "view")
    assignments = list(
        Assignment.objects.visible_to(request.user, "submit").active()
        .filter(task__directive=directive, unit_id=unit_pk)
        .select_related("task", "unit").order_by("task__section__number", "task__position")
    )
    if not assignments:
        raise Http404
    unit = assignments[0].unit
    received = {a.received_on for a in assignments}
    disseminated = {a.disseminated_on for a in assignments}
    initial = {
        "received_on": received.pop() if len(received) == 1 else None,
        "disseminated_on": disseminated.pop() if len(disseminated) == 1 else None,
    }
    form = AcknowledgeForm(request.POST or None, directive=directive, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.assignments_acknowledge(
                user=request.user, assignment_ids=[a.pk for a in assignments], request=request,
                received_on=form.cleaned_data["received_on"], disseminated_on=form.cleaned_data["disseminated_on"],
            )
        except services.WorkflowError as error:
            refuse(request, form, error)
        else:
            messages.success(request, _("Đã ghi nhận xác nhận cho %(count)s nhiệm vụ của %(unit)s.")
                             % {"count": changed, "unit": unit.display_name})
            return redirect("tasks:acknowledge_directive", directive_pk=directive.pk, unit_pk=unit.pk)
    return render(request, "tasks/acknowledge_directive.html", {
        "directive": directive, "unit": unit, "assignments": assignments, "form": form,
    })
