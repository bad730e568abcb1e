from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

import audit
from tasks import actions, selectors
from tasks.downloads import file_response


@login_required
@require_safe
def file_download(request, pk):
    """A stored file, to someone who may see its assignment; anyone else gets 404."""
    stored = selectors.get_file_for_user(request.user, pk)
    submission = stored.submission
    if request.method == "GET":
        audit.record(actions.FILE_DOWNLOADED, actor=request.user, obj=stored,
                     unit=submission.assignment.unit, request=request,
                     changes={"submission": submission.pk, "version": submission.version,
                              "sha256": stored.sha256})
    return file_response(stored)
