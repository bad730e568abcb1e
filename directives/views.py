from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import get_object_for_user
from directives import selectors
from directives.import_services import draft_from_directive
from directives.models import Directive


@login_required
def directive_list(request):
    return render(request, "directives/list.html", {"directives": selectors.directives_for(request.user)})


@login_required
def directive_detail(request, pk):
    directive = selectors.get_directive_for_user(request.user, pk)
    sections, closing_tasks = selectors.directive_structure(directive)
    return render(request, "directives/detail.html", {
        "directive": directive,
        "sections": sections,
        "closing_tasks": closing_tasks,
        "documents": directive.cited_documents.order_by("doc_type", "number"),
        "recipients": directive.recipients.all(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def copy_next_year(request, pk):
    """The Office starts next year's directive from this one (an import draft to edit)."""
    directive = get_object_for_user(Directive.objects.all(), request.user, pk, "change")
    if request.method == "POST":
        draft = draft_from_directive(user=request.user, directive=directive)
        messages.success(request, _("Đã tạo bản nháp chỉ thị năm %(year)s từ %(name)s: hãy ghi số văn bản, "
                                    "kiểm tra nội dung, thời hạn rồi ban hành.")
                         % {"year": directive.year + 1, "name": directive})
        return redirect("directives:import_draft", pk=draft.pk)
    return render(request, "directives/copy_next_year.html", {
        "directive": directive, "task_count": directive.tasks.count(), "next_year": directive.year + 1,
    })
