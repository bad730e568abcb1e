from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from home import as_of, selectors
from home.views_as_of import set_as_of

__all__ = ["home", "set_as_of"]


@login_required
@require_GET
def home(request):
    """"/": each person's own page, per role, at the session's "as of" date."""
    day = as_of.get(request)
    sections = selectors.home_page(request.user, day)
    return render(request, "home/home.html", {"sections": sections, "day": day})
