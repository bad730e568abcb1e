from functools import partial

from django.utils import timezone

from home import as_of


def _periods(request):
    return as_of.periods(as_of.quick_pick_year(request))


def as_of_date(request):
    """The header's "Số liệu tính đến ngày" control and banner."""
    if not request.user.is_authenticated:
        return {}
    day, today = as_of.get(request), timezone.localdate()
    return {
        "as_of": day,
        "as_of_today": today,
        "as_of_is_today": day == today,
        # A callable: the year of the quick picks is asked once per session, when drawn.
        "as_of_periods": partial(_periods, request),
    }
