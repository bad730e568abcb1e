"""A person's deadlines as an iCalendar feed: their units' work, and for the tracking body
the tasks of the directives it tracks. All-day events on the deadline in force (an approved
extension moves the event: same UID, higher SEQUENCE), with an alarm the day before."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from directives.models import Directive, Task
from tasks.models import Assignment

ALARM_BEFORE = datetime.timedelta(hours=15)  # 09:00 the day before an all-day event


def _host():
    return settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "tuson-qp"


def _event(uid, day, summary, description, url, sequence=0):
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("sequence", sequence)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event


def feed(user):
    """The feed's bytes for `user` (who must still be active: checked by the view)."""
    cal = Calendar()
    cal.add("prodid", "-//Thanh uy Tu Son//tuson_qp//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Hạn nhiệm vụ – %(name)s") % {"name": user.get_full_name() or user.get_username()})
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    open_work = (Assignment.objects.visible_to(user, "submit").active()
                 .filter(completed_on__isnull=True, task__directive__status=Directive.Status.PUBLISHED)
                 .select_related("task__directive", "unit").order_by("due_date", "pk"))
    for a in open_work:
        directive = a.task.directive
        cal.add_component(_event(
            f"assignment-{a.pk}", a.due_date,
            _("Hạn: %(task)s – %(unit)s") % {"task": a.task.title, "unit": a.unit.short_name or a.unit.name},
            _("%(directive)s, nhiệm vụ %(key)s: %(task)s\nĐơn vị: %(unit)s\nThời hạn: %(due)s") % {
                "directive": f"{directive.document_type} {directive.number_symbol}", "key": a.task.key,
                "task": a.task.title, "unit": a.unit.name, "due": f"{a.due_date:%d/%m/%Y}"},
            settings.SITE_URL + reverse("tasks:assignment_detail", args=[a.pk]),
            sequence=a.extension_count,
        ))
    tracked = (Task.objects.filter(directive__in=Directive.objects.visible_to(user, "track"),
                                   directive__status=Directive.Status.PUBLISHED)
               .select_related("directive").order_by("deadline", "pk"))
    for task in tracked:
        directive = task.directive
        cal.add_component(_event(
            f"task-{task.pk}", task.deadline,
            _("Theo dõi: %(task)s") % {"task": task.title},
            _("%(directive)s, nhiệm vụ %(key)s: %(task)s\nThời hạn chung: %(due)s") % {
                "directive": f"{directive.document_type} {directive.number_symbol}", "key": task.key,
                "task": task.title, "due": f"{task.deadline:%d/%m/%Y}"},
            settings.SITE_URL + reverse("reports:dashboard", args=[directive.pk]),
        ))
    return cal.to_ical()
