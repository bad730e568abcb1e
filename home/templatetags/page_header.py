"""The header block of the working pages: the title, the directive (number and short title,
linked), the unit when the page is about one unit, and the "as of" date the page's figures
are read at, flagged when it is not today. Fed by what the views already put in the context:

    {% load page_header %}
    {% page_header _("Việc của đơn vị") directive=directive unit=assignment.unit %}
    {% page_header title dated=False %}            (a page no date drives)
    {% page_header title as_of=data.as_of %}       (a page with a date of its own)
    own_scope=True adds "Chỉ số liệu của đơn vị bạn" (a unit's people on the dashboard).

Without `as_of` the date is the session's (home.context_processors.as_of_date). The
directive and unit are objects the view has already loaded within the user's scope (or a
unit's name); the tag looks nothing up.
"""

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("includes/page_header.html", takes_context=True)
def page_header(context, title, directive=None, unit=None, as_of=None, dated=True, section=None,
                note="", title_id="", own_scope=False):
    day = (as_of or context.get("as_of")) if dated else None
    return {
        "title": title,
        "title_id": title_id,
        "directive": directive or None,
        "section": section or None,
        "unit": unit or None,
        "unit_name": getattr(unit, "name", unit) if unit else "",
        "note": note,
        "own_scope": own_scope not in (False, "0", "", None),
        "as_of": day,
        "is_today": day == timezone.localdate() if day else True,
    }


@register.filter
def chosen(items, pk):
    """The item of `items` whose pk (or unit_id) is `pk`; without `pk`, the only item when
    there is just one (a unit officer of one unit, a directive alone in its list)."""
    items = list(items or [])
    if pk in (None, ""):
        return items[0] if len(items) == 1 else None
    for item in items:
        if str(getattr(item, "pk", getattr(item, "unit_id", None))) == str(pk):
            return item
    return None
