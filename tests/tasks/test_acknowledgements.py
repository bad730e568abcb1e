"""Units confirm they received and disseminated the directive; the tracking body sees who has not."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from audit.models import AuditEntry
from tasks.models import Assignment, Unit
from tests.tasks.test_review import at

D = datetime.date


def ack_url(directive, unit_key):
    return reverse("tasks:acknowledge_directive", args=[directive.pk, Unit.objects.get(key=unit_key).pk])


def test_unit_confirms_for_all_its_work_under_the_directive(client, cast, directive):
    client.force_login(cast.dinh_bang)
    with time_machine.travel(at(D(2022, 1, 20)), tick=False):
        response = client.post(ack_url(directive, "p-dinh-bang"),
                               {"received_on": "06/01/2022", "disseminated_on": "12/01/2022"})
    assert response.status_code == 302
    rows = Assignment.objects.filter(unit__key="p-dinh-bang")
    assert set(rows.values_list("received_on", "disseminated_on")) == {(D(2022, 1, 6), D(2022, 1, 12))}
    assert AuditEntry.objects.filter(action="assignment.acknowledge").count() == rows.count()
    assert not Assignment.objects.filter(unit__key="p-tuong-giang", received_on__isnull=False).exists()


def test_one_assignment_can_be_confirmed_alone(client, cast, directive):
    assignment = Assignment.objects.filter(unit__key="p-dinh-bang").order_by("pk").first()
    client.force_login(cast.dinh_bang)
    response = client.post(reverse("tasks:acknowledge_assignment", args=[assignment.pk]),
                           {"received_on": "06/01/2022"})
    assert response.status_code == 302
    assert Assignment.objects.filter(unit__key="p-dinh-bang", received_on__isnull=False).count() == 1


@pytest.mark.parametrize("data, field, words", [
    ({"received_on": "01/01/2099"}, "received_on", "tương lai"),
    ({"received_on": "02/01/2022"}, "received_on", "trước ngày ban hành"),
    ({"received_on": "10/01/2022", "disseminated_on": "08/01/2022"}, "disseminated_on", "trước ngày tiếp nhận"),
])
def test_impossible_dates_are_refused_and_kept(client, cast, directive, data, field, words):
    client.force_login(cast.dinh_bang)
    response = client.post(ack_url(directive, "p-dinh-bang"), data)
    assert response.status_code == 200
    assert words in response.context["form"].errors[field][0]
    assert f'value="{data[field]}"' in response.content.decode()
    assert not Assignment.objects.filter(received_on__isnull=False).exists()


def test_dissemination_without_receipt_is_refused(client, cast, directive):
    client.force_login(cast.dinh_bang)
    response = client.post(ack_url(directive, "p-dinh-bang"), {"disseminated_on": "08/01/2022"})
    assert "tiếp nhận trước" in response.content.decode()


def test_another_ward_s_confirmation_page_is_404(client, cast, directive):
    client.force_login(cast.tuong_giang)
    assert client.get(ack_url(directive, "p-dinh-bang")).status_code == 404
    assert client.post(ack_url(directive, "p-dinh-bang"), {"received_on": "06/01/2022"}).status_code == 404
    client.force_login(cast.reviewer)
    assert client.get(ack_url(directive, "p-dinh-bang")).status_code == 404


def test_tracking_body_sees_who_has_not_confirmed(client, cast, directive):
    from tasks.services import assignments_acknowledge

    ids = list(Assignment.objects.filter(unit__key="p-dinh-bang").values_list("pk", flat=True))
    assignments_acknowledge(user=cast.dinh_bang, assignment_ids=ids, received_on=D(2022, 1, 6),
                            disseminated_on=D(2022, 1, 12))
    client.force_login(cast.reviewer)
    response = client.get(reverse("tasks:acknowledgement_report"))
    rows = response.context["rows"]
    keys = [Unit.objects.get(pk=r["unit_id"]).key for r in rows]
    assert keys[-1] == "p-dinh-bang" and "p-tuong-giang" in keys[:-1]
    assert response.context["missing"] == len(rows) - 1
    html = response.content.decode()
    assert "Chưa xác nhận" in html and "12/01/2022" in html


def test_the_report_is_empty_for_those_who_track_nothing(client, cast, directive):
    client.force_login(cast.dinh_bang)
    response = client.get(reverse("tasks:acknowledgement_report"))
    assert response.context["rows"] == [] and response.context["directive"] is None
