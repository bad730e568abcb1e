import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from home import as_of
from tasks import selectors, services
from tasks.forms import SubmissionForm
from tasks.services.errors import FormTokenUsed
from tasks.services.submissions import check_can_submit, existing_for_token

from .common import refuse


def _to_submission(submission):
    return redirect(reverse("tasks:assignment_detail", args=[submission.assignment_id]) + f"#van-ban-{submission.pk}")


@login_required
def submission_create(request, pk):
    """The unit sends a document (a new version after a return) with its files."""
    assignment = selectors.get_assignment(request.user, pk, "submit")
    if request.method == "POST":
        # A form posted twice (double click, reload): show the submission the first post made.
        existing = existing_for_token(request.user, request.POST.get("client_token") or None) \
            if _is_uuid(request.POST.get("client_token")) else None
        if existing is not None:
            messages.info(request, _("Văn bản này đã được nộp (lần %(version)s); không tạo bản trùng.")
                          % {"version": existing.version})
            return _to_submission(existing)
        form = SubmissionForm(request.POST, request.FILES, assignment=assignment)
        if form.is_valid():
            try:
                submission, created = services.submission_create(
                    user=request.user, assignment_id=assignment.pk, data=form.submission_data(),
                    files=form.inspected, client_token=form.cleaned_data.get("client_token"), request=request,
                )
            except services.WorkflowError as error:
                if isinstance(error, FormTokenUsed):
                    form.data = form.data.copy()
                    form.data["client_token"] = str(uuid.uuid4())  # the next press is a new submission
                refuse(request, form, error)
            else:
                if created:
                    messages.success(request, _("Đã nộp %(kind)s (lần %(version)s); văn bản đang chờ thẩm định.")
                                     % {"kind": submission.get_kind_display(), "version": submission.version})
                else:
                    messages.info(request, _("Văn bản này đã được nộp (lần %(version)s); không tạo bản trùng.")
                                  % {"version": submission.version})
                return _to_submission(submission)
    else:
        form = SubmissionForm(assignment=assignment, initial=_from_last_version(assignment))
    try:
        check_can_submit(assignment)
        blocked = ""
    except services.WorkflowError as error:
        blocked = error.message
    selectors.assignment_with_status(assignment, as_of.get(request))
    last = assignment.submissions.order_by("-version").select_related("decided_by").first()
    return render(request, "tasks/submission_form.html", {
        "assignment": assignment, "task": assignment.task, "form": form, "blocked": blocked,
        "last": last,
    })


def _from_last_version(assignment):
    """A revised version starts from what the last one said; the officer changes what the
    review asked for instead of typing everything again. Files are always chosen anew."""
    last = assignment.submissions.order_by("-version").first()
    if last is None:
        return {}
    initial = {"kind": last.kind, "number_symbol": last.number_symbol, "issued_on": last.issued_on,
               "signer": last.signer, "summary": last.summary}
    if last.reported_value is not None:
        initial["reported_value"] = last.reported_value
    return {k: v for k, v in initial.items() if v not in ("", None)}


def _is_uuid(value):
    import uuid

    try:
        uuid.UUID(str(value))
    except (TypeError, ValueError):
        return False
    return True
