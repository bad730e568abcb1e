"""Reading a submitted document in the page, and particulars suggested from an upload."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tasks import selectors
from tasks.documents import TEXT_KINDS, file_text, suggest_metadata
from tasks.uploads import FileRefused, inspect_upload
from tasks.uploads.kinds import DOCX, PDF


@login_required
def file_view(request, pk):
    """One stored file shown in the page: a PDF drawn by PDF.js (static/js/pdf-viewer.js), a
    DOCX as its text; any other type offers its download only."""
    stored = selectors.get_file_for_user(request.user, pk)
    submission = stored.submission
    assignment = selectors.get_assignment(request.user, submission.assignment_id, "view")
    return render(request, "tasks/file_view.html", {
        "stored": stored, "submission": submission, "assignment": assignment, "task": assignment.task,
        "kind": TEXT_KINDS.get(stored.content_type, ""), "text": file_text(stored),
    })


@login_required
def suggest_particulars(request, pk):
    """POST one file (multipart "file"): JSON with the number and symbol, the date and the
    signer read from it, for the submission form to offer; nothing is stored."""
    selectors.get_assignment(request.user, pk, "submit")  # authorises: out of scope is 404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": _("Hãy chọn một tệp PDF hoặc Word (.docx).")}, status=400)
    try:
        inspected = inspect_upload(upload)
    except FileRefused as refusal:
        return JsonResponse({"error": " ".join(refusal.messages)}, status=400)
    if inspected.kind.key not in (PDF.key, DOCX.key):
        return JsonResponse({"error": _("Chỉ gợi ý được từ tệp PDF hoặc Word (.docx).")}, status=400)
    upload.seek(0)
    suggestion = suggest_metadata(inspected.original_name, upload.read())
    return JsonResponse(suggestion.as_json(), status=200)
