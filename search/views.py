from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search import selectors
from search.query import QueryError, parse


@login_required
@require_GET
def results(request):
    raw = request.GET.get("q", "")
    context = {"q": raw.replace("\x00", "")[:400], "groups": [], "error": "", "query": None}
    if raw.strip():
        try:
            query = parse(raw)
        except QueryError as exc:
            context["error"] = str(exc)
        else:
            context["query"] = query
            context["groups"] = selectors.search(request.user, query)
            context["found"] = any(g.results for g in context["groups"])
    status = 400 if context["error"] else 200
    return render(request, "search/results.html", context, status=status)
