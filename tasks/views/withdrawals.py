"""The unit takes back a version still waiting for review."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import get_object_for_user
from tasks import services
from tasks.models import Submission


@login_required
def submission_withdraw(request, pk):
    """POST: withdraw; a GET goes to the submission on its assignment's page."""
    submission = get_object_for_user(Submission.objects.all(), request.user, pk, "submit")
    target = reverse("tasks:assignment_detail", args=[submission.assignment_id]) + f"#van-ban-{submission.pk}"
    if request.method != "POST":
        return redirect(target)
    try:
        services.submission_withdraw(user=request.user, submission_id=submission.pk, request=request)
    except services.WorkflowError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("Đã rút văn bản lần %(version)s; đơn vị có thể nộp lại bản đúng.")
                         % {"version": submission.version})
    return redirect(target)
