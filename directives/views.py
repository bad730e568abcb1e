from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from directives import selectors


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
