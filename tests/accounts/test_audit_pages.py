"""The audit trail: who reads it, filters, CSV export, and that nobody can change it."""

import csv
import datetime
import io

import pytest
import time_machine
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

import audit
from audit.models import AuditEntry


@pytest.fixture
def entries(person, ward, office_user):
    return [
        audit.record("membership.add", actor=office_user, obj=person, unit=ward, changes={"role": "officer"}),
        audit.record("auth.login", actor=person, obj=person),
        audit.record("auth.login_failed", actor_name="ke.la", changes={"username": "ke.la"}),
    ]


def listed(client, **params):
    response = client.get(reverse("audit:list"), params)
    assert response.status_code == 200
    return [e.pk for e in response.context["page"]]


def test_units_and_observers_cannot_read_the_trail(client, person, entries, django_user_model):
    from accounts import grants, roles
    observer = django_user_model.objects.create_user("quan.sat")
    grants.set_role(observer, roles.OBSERVER)
    for user in (person, observer):
        client.force_login(user)
        assert client.get(reverse("audit:list")).status_code == 404
        assert client.get(reverse("audit:export")).status_code == 404
    client.logout()
    assert client.get(reverse("audit:list")).status_code == 302


def test_office_reads_every_entry_newest_first(client, office_user, entries):
    client.force_login(office_user)
    pks = listed(client)
    assert {e.pk for e in entries} <= set(pks)
    assert pks == sorted(pks, reverse=True)


def test_reviewer_reads_the_trail(client, cast):
    client.force_login(cast.reviewer)
    assert client.get(reverse("audit:list")).status_code == 200


def test_filters_by_person_unit_object_action_and_date(client, office_user, entries, person, ward):
    client.force_login(office_user)
    added, logged_in, failed = entries
    assert listed(client, person=person.pk) == [logged_in.pk]
    assert listed(client, username="KE.LA") == [failed.pk]
    assert listed(client, unit=ward.pk) == [added.pk]
    assert set(listed(client, object_type="auth.user", object_id=str(person.pk))) == {added.pk, logged_in.pk}
    only_logins = listed(client, action="auth.login")
    assert logged_in.pk in only_logins and failed.pk not in only_logins and added.pk not in only_logins
    assert set(listed(client, action="auth.")) >= {logged_in.pk, failed.pk}
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert set(listed(client, date_from=today, date_to=today)) >= {added.pk, logged_in.pk, failed.pk}
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    assert not set(listed(client, date_to=yesterday)) & {added.pk, logged_in.pk, failed.pk}


def test_a_reversed_date_range_is_explained(client, office_user, entries):
    client.force_login(office_user)
    response = client.get(reverse("audit:list"), {"date_from": "10/05/2022", "date_to": "01/05/2022"})
    html = response.content.decode()
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi" in html and 'value="10/05/2022"' in html


def test_the_list_is_paginated(client, office_user, person):
    for i in range(55):
        audit.record("auth.login", actor=person, obj=person)
    client.force_login(office_user)
    response = client.get(reverse("audit:list"), {"action": "auth.login"})
    assert len(response.context["page"]) == 50
    assert len(client.get(reverse("audit:list"), {"action": "auth.login", "trang": 2}).context["page"]) >= 5


def test_csv_export_opens_in_excel_with_vietnamese(client, office_user, entries, ward):
    client.force_login(office_user)
    response = client.get(reverse("audit:export"), {"unit": ward.pk})
    body = b"".join(response.streaming_content)
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm"
    assert len(rows) == 2 and rows[1][3] == "Thêm cán bộ vào đơn vị" and rows[1][8] == ward.name
    assert AuditEntry.objects.filter(action="audit.export", actor=office_user).exists()


def test_csv_export_neutralises_formulas(client, office_user):
    audit.record("auth.login_failed", actor_name="=HYPERLINK(\"http://x\")")
    client.force_login(office_user)
    body = b"".join(client.get(reverse("audit:export")).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_entries_cannot_be_changed_or_deleted(person):
    entry = audit.record("auth.login", actor=person)
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()
    with pytest.raises(RuntimeError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(RuntimeError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    assert [p.codename for p in __import__("django.contrib.auth.models", fromlist=["Permission"]).Permission
            .objects.filter(content_type__app_label="audit")] == ["view_auditentry"]


def test_the_admin_shows_entries_read_only(django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", "r@x.vn", "x")
    request = RequestFactory().get("/")
    request.user = admin_user
    model_admin = site._registry[AuditEntry]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_entry_times_are_shown_in_vietnam_time(client, office_user, person):
    with time_machine.travel(datetime.datetime(2022, 5, 7, 1, 30, tzinfo=datetime.UTC), tick=False):
        audit.record("auth.login", actor=person)
    client.force_login(office_user)
    assert "07/05/2022 08:30:00" in client.get(reverse("audit:list")).content.decode()


def test_audit_list_runs_the_same_queries_for_5_and_100_entries(client, office_user, person, ward):
    def add(n):
        for _ in range(n):
            audit.record("membership.add", actor=office_user, obj=person, unit=ward)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("audit:list")).status_code == 200
        return len(ctx)

    client.force_login(office_user)
    add(5)
    small = count()
    add(95)
    assert count() == small
