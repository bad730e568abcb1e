"""Extension requests and requests for explanation, posted from the assignment page.

A GET (a reloaded or shared address) authorises like a POST, then goes to the assignment page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import get_object_for_user
from tasks import selectors, services
from tasks.forms import (
    ExplanationAnswerForm,
    ExplanationRequestForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
)
from tasks.models import ExplanationRequest, ExtensionRequest

from .assignments import render_detail
from .common import CONFLICT, Unsaved, refuse


def _back(assignment, anchor):
    url = reverse("tasks:assignment_detail", args=[assignment.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _conflict(request, assignment, anchor, label, text):
    """The assignment page after a colleague decided first, with what the user typed shown
    back (a redirect would lose it); with nothing typed, back to `anchor` on the page."""
    if not (text or "").strip():
        return _back(assignment, anchor)
    return render_detail(request, assignment, status=CONFLICT, unsaved=Unsaved(str(label), text))


@login_required
def extension_request_create(request, pk):
    assignment = selectors.get_assignment(request.user, pk, "submit")
    if request.method != "POST":
        return _back(assignment, "")
    form = ExtensionRequestForm(request.POST, assignment=assignment)
    if form.is_valid():
        try:
            extension = services.extension_request_create(
                user=request.user, assignment_id=assignment.pk, request=request,
                requested_due_date=form.cleaned_data["requested_due_date"], reason=form.cleaned_data["reason"],
            )
        except services.WorkflowError as error:
            refuse(request, form, error)
        else:
            messages.success(request, _("Đã gửi đề nghị gia hạn; Đảng ủy Quân sự sẽ xem xét."))
            return _back(assignment, f"gia-han-{extension.pk}")
    return render_detail(request, assignment, extension_form=form)


@login_required
def extension_decide(request, pk):
    extension = get_object_for_user(ExtensionRequest.objects.all(), request.user, pk, "review")
    assignment = selectors.get_assignment(request.user, extension.assignment_id, "review")
    if request.method != "POST":
        return _back(assignment, f"gia-han-{extension.pk}")
    form = ExtensionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.extension_decide(
                user=request.user, extension_id=extension.pk, request=request,
                approve=form.cleaned_data["decision"] == "approve", comment=form.cleaned_data["comment"],
            )
        except services.AlreadyDecided as error:
            messages.warning(request, error.message)
            return _conflict(request, assignment, f"gia-han-{extension.pk}", _("Ý kiến bạn vừa ghi về đề nghị gia hạn"),
                             form.cleaned_data["comment"])
        except services.WorkflowError as error:
            refuse(request, form, error)
        else:
            messages.success(request, _("Đã ghi quyết định về đề nghị gia hạn."))
            return _back(assignment, f"gia-han-{extension.pk}")
    return render_detail(request, assignment, decision_form=form)


@login_required
def explanation_request_create(request, pk):
    assignment = selectors.get_assignment(request.user, pk, "review")
    if request.method != "POST":
        return _back(assignment, "")
    form = ExplanationRequestForm(request.POST)
    if form.is_valid():
        try:
            explanation = services.explanation_request_create(
                user=request.user, assignment_id=assignment.pk, question=form.cleaned_data["question"],
                request=request,
            )
        except services.WorkflowError as error:
            refuse(request, form, error)
        else:
            messages.success(request, _("Đã gửi yêu cầu giải trình đến đơn vị."))
            return _back(assignment, f"giai-trinh-{explanation.pk}")
    return render_detail(request, assignment, explanation_form=form)


@login_required
def explanation_answer(request, pk):
    explanation = get_object_for_user(ExplanationRequest.objects.all(), request.user, pk, "submit")
    assignment = selectors.get_assignment(request.user, explanation.assignment_id, "submit")
    if request.method != "POST":
        return _back(assignment, f"giai-trinh-{explanation.pk}")
    form = ExplanationAnswerForm(request.POST, prefix=f"x{explanation.pk}")
    if form.is_valid():
        try:
            services.explanation_answer(user=request.user, explanation_id=explanation.pk,
                                        answer=form.cleaned_data["answer"], request=request)
        except services.AlreadyDecided as error:
            messages.warning(request, error.message)
            return _conflict(request, assignment, f"giai-trinh-{explanation.pk}", _("Nội dung giải trình bạn vừa gõ"),
                             form.cleaned_data["answer"])
        except services.WorkflowError as error:
            refuse(request, form, error)
        else:
            messages.success(request, _("Đã gửi nội dung giải trình."))
            return _back(assignment, f"giai-trinh-{explanation.pk}")
    return render_detail(request, assignment, answer_form=form)
