"""The portal-wide "as of" date ("Số liệu tính đến ngày"): one date per session that the home
page, the unit's work, the assignment pages, the dashboard and the report form read their
figures at. Actions (submitting, reviewing, deciding) always happen today, whatever it is.

    day = as_of.get(request)          # the chosen date, or today
    as_of.is_today(request)
    as_of.periods(year)               # the reporting periods' end dates, for quick picks
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "tuson_as_of"
YEAR_KEY = "tuson_as_of_year"
# Nothing in the portal is older; a date before this is a typing mistake.
EARLIEST = datetime.date(2000, 1, 1)
INPUT_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")  # <input type="date">, or typed by hand


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    end: datetime.date


PERIODS = [  # (key, label, month and day the period ends)
    ("q1", _("Quý I"), (3, 31)),
    ("q2", _("Quý II"), (6, 30)),
    ("h1", _("6 tháng đầu năm"), (6, 30)),
    ("q3", _("Quý III"), (9, 30)),
    ("q4", _("Quý IV"), (12, 31)),
    ("year", _("Cả năm"), (12, 31)),
]


def periods(year):
    return [Period(key, str(label), datetime.date(year, month, day)) for key, label, (month, day) in PERIODS]


class InvalidDate(ValueError):
    """A date the portal cannot read its figures at; `message` says why, in Vietnamese."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def parse(text, today=None):
    """The date typed or picked, checked: readable, not after today, not before EARLIEST."""
    today = today or timezone.localdate()
    text = (text or "").strip()
    if not text:
        raise InvalidDate(gettext("Chưa chọn ngày tính số liệu."))
    for fmt in INPUT_FORMATS:
        try:
            day = datetime.datetime.strptime(text, fmt).date()
            break
        except ValueError:
            continue
    else:
        raise InvalidDate(gettext("Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2022."))
    if day > today:
        raise InvalidDate(gettext("Ngày tính số liệu không được sau hôm nay (%(d)s).") % {"d": f"{today:%d/%m/%Y}"})
    if day < EARLIEST:
        raise InvalidDate(gettext("Ngày tính số liệu không được trước %(d)s.") % {"d": f"{EARLIEST:%d/%m/%Y}"})
    return day


def get(request):
    """The session's "as of" date; today when none was chosen (or it no longer reads)."""
    today = timezone.localdate()
    session = getattr(request, "session", None)
    value = session.get(SESSION_KEY) if session is not None else None
    if value:
        try:
            day = datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            return today
        if EARLIEST <= day < today:
            return day
    return today


def is_today(request):
    return get(request) == timezone.localdate()


def choose(request, day):
    if day >= timezone.localdate():
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = day.isoformat()


def reset(request):
    request.session.pop(SESSION_KEY, None)


def for_directive(request, directive):
    """The session's date for figures of `directive`, and whether it had to be moved: a date
    before the directive was issued reads as the issue date."""
    day = get(request)
    if directive is not None and day < directive.issued_on:
        return directive.issued_on, True
    return day, False


def quick_pick_year(request, user=None):
    """The year of the latest directive the user can see, kept in the session: asked at
    sign-in (home.signals), or on the first page of a session that began without it."""
    session = request.session
    year = session.get(YEAR_KEY)
    if not isinstance(year, int):
        from directives.models import Directive

        latest = (Directive.objects.visible_to(user or request.user).exclude(status=Directive.Status.DRAFT)
                  .order_by("-issued_on").values_list("issued_on", flat=True).first())
        year = latest.year if latest else timezone.localdate().year
        session[YEAR_KEY] = year
    return year
