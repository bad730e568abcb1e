"""Updating assignments by spreadsheet: download, upload, preview, apply or discard."""

import datetime
import hashlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tasks.bulk.applying import bulk_update_apply, bulk_update_discard
from tasks.bulk.reading import read_changes
from tasks.bulk.scope import editable_ids
from tasks.bulk.sheet import workbook_bytes
from tasks.models import BulkUpdate
from tasks.services.errors import WorkflowError
from tasks.uploads.inspection import clean_original_name

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetForm(forms.Form):
    tep = forms.FileField(label=gettext_lazy("Bảng tính đã điền (.xlsx)"),
                          error_messages={"required": gettext_lazy("Hãy chọn tệp bảng tính đã điền."),
                                          "empty": gettext_lazy("Tệp bảng tính rỗng.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tep"].widget.attrs.update({"class": "form-control", "accept": ".xlsx," + XLSX_TYPE})


@login_required
@require_http_methods(["GET", "POST"])
def bulk_start(request):
    form = SheetForm()
    if request.method == "POST":
        form = SheetForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["tep"]
            changes, problems = read_changes(request.user, upload)
            upload.seek(0)
            digest = hashlib.sha256(upload.read()).hexdigest()
            bulk = BulkUpdate.objects.create(
                user=request.user, file_name=clean_original_name(upload.name)[:255], sha256=digest,
                changes=changes, errors=list(problems),
            )
            return redirect("tasks:bulk_preview", pk=bulk.pk)
    progress_ids, deadline_ids = editable_ids(request.user)
    return render(request, "tasks/bulk_start.html", {
        "form": form, "progress_count": len(progress_ids), "deadline_count": len(deadline_ids),
        "recent": BulkUpdate.objects.filter(user=request.user)[:10],
    }, status=400 if form.errors else 200)


@login_required
@require_GET
def bulk_download(request):
    response = HttpResponse(workbook_bytes(request.user), content_type=XLSX_TYPE)
    name = f"tien-do-nhiem-vu-{timezone.localdate():%d-%m-%Y}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def bulk_preview(request, pk):
    bulk = BulkUpdate.objects.filter(pk=pk, user=request.user).first()
    if bulk is None:
        raise Http404
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            if bulk_update_discard(user=request.user, bulk_id=bulk.pk):
                messages.info(request, _("Đã hủy; không dòng nào được cập nhật."))
            return redirect("tasks:bulk")
        try:
            bulk_update_apply(user=request.user, bulk_id=bulk.pk, request=request)
        except WorkflowError as error:
            messages.error(request, error.message)
            return redirect("tasks:bulk_preview", pk=bulk.pk)
        messages.success(request, _("Đã cập nhật %(count)s nhiệm vụ từ bảng tính.") % {"count": len(bulk.changes)})
        return redirect("tasks:bulk_preview", pk=bulk.pk)
    return render(request, "tasks/bulk_preview.html", {"bulk": bulk, "rows": _shown(bulk.changes)})


def _display(field, value):
    if value in (None, ""):
        return "—"
    if field == "due_date":
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    return value


def _shown(changes):
    labels = {"progress_percent": _("Tiến độ (%)"), "progress_note": _("Ghi chú"), "due_date": _("Thời hạn"),
              "unit": _("Đơn vị thực hiện")}
    return [{**item, "items": [(labels[f], _display(f, before), _display(f, after))
                               for f, (before, after) in item["changes"].items()]} for item in changes]
