"""The private calendar feed: a person's units' deadlines, moved by extensions; the tracking
body's tasks; nothing for an inactive account."""

import datetime

from django.test import Client
from icalendar import Calendar

from api import services
from tasks.models import Assignment


def _events(user):
    feed = services.calendar_feed_reset(user=user)
    response = Client().get(f"/lich/{feed.secret}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e["uid"]).split("@")[0]: e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_an_officer_gets_the_open_work_of_their_unit_with_an_alarm(cast, directive):
    events = _events(cast.dinh_bang)
    own = Assignment.objects.filter(unit__key="p-dinh-bang", is_cancelled=False, completed_on__isnull=True)
    assert set(events) == {f"assignment-{a.pk}" for a in own}
    a = own.first()
    event = events[f"assignment-{a.pk}"]
    assert event.decoded("dtstart") == a.due_date
    assert a.task.title in str(event["summary"])
    assert str(event["url"]).endswith(f"/viec/{a.pk}/")
    alarm = event.subcomponents[0]
    assert alarm.decoded("trigger") == -datetime.timedelta(hours=15)


def test_an_extension_moves_the_event(cast, directive):
    a = Assignment.objects.filter(unit__key="p-dinh-bang").first()
    before = _events(cast.dinh_bang)[f"assignment-{a.pk}"]
    Assignment.objects.filter(pk=a.pk).update(due_date=a.due_date + datetime.timedelta(days=20), extension_count=1)
    after = _events(cast.dinh_bang)[f"assignment-{a.pk}"]
    assert after.decoded("dtstart") == a.due_date + datetime.timedelta(days=20)
    assert int(after["sequence"]) == int(before["sequence"]) + 1


def test_the_tracking_body_gets_the_tracked_directive_tasks(cast, directive):
    events = _events(cast.reviewer)
    assert {f"task-{t.pk}" for t in directive.tasks.all()} <= set(events)
    # Their own unit's work (the City Military Party Committee has tasks of its own) as well.
    own = Assignment.objects.filter(unit__memberships__user=cast.reviewer, is_cancelled=False,
                                    completed_on__isnull=True)
    assert {uid for uid in events if uid.startswith("assignment-")} == {f"assignment-{a.pk}" for a in own}


def test_another_ward_work_never_appears(cast, directive):
    events = _events(cast.tuong_giang)
    units = set(Assignment.objects.filter(pk__in=[int(u.split("-")[1]) for u in events]).values_list(
        "unit__key", flat=True))
    assert units == {"p-tuong-giang"}


def test_an_inactive_account_feed_is_gone(cast, directive):
    feed = services.calendar_feed_reset(user=cast.dinh_bang)
    cast.dinh_bang.is_active = False
    cast.dinh_bang.save()
    assert Client().get(f"/lich/{feed.secret}.ics").status_code == 404
    assert Client().get("/lich/unknown.ics").status_code == 404
