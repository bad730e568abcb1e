"""Sending a report ("Đã gửi"): a draft stays with its author's unit; once its author marks it
sent it is visible to the Office, observers and the members of the units of its distribution
list. The POST that sends it, for every member of the cast; the list that says who sent what,
when, as of which date."""

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from reports.models import Report
from reports.pdf.sharing import SendRefused, distribution_units, report_send
from tasks.models import Unit
from tests.reports.pdf_support import request_report


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def ready(capture, user, directive, final=True, **kwargs):
    with capture(execute=True):
        report = request_report(user, directive, final=final,
                                signer_name="Nguyễn Văn Thành" if final else "", **kwargs)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    return report


@pytest.fixture
def final_report(cast, directive, django_capture_on_commit_callbacks):
    return ready(django_capture_on_commit_callbacks, cast.reviewer, directive,
                 recipients=["Ban Thường vụ Thành ủy (b/c)", "Đảng ủy phường Đình Bảng (để t/h)", "Lưu VP"])


def visible(user, report):
    return Report.objects.visible_to(user).filter(pk=report.pk).exists()


POSTERS = ["dinh_bang", "tuong_giang", "dinh_bang_head", "reviewer", "office", "observer"]


@pytest.mark.parametrize("who", POSTERS)
def test_only_the_author_s_unit_may_send_the_tracking_body_s_report(cast, final_report, who):
    user = getattr(cast, who)
    response = client_for(user).post(reverse("reports:report_mark_sent", args=[final_report.pk]))
    final_report.refresh_from_db()
    if who == "reviewer":
        assert response.status_code == 302 and final_report.sent_by == cast.reviewer
        assert AuditEntry.objects.filter(action="report.send", actor=user).exists()
    else:  # nobody else sees the draft: 404, nothing sent
        assert response.status_code == 404 and final_report.sent_at is None


@pytest.mark.parametrize("who", POSTERS)
def test_the_wards_members_send_its_own_report_nobody_else(cast, directive, django_capture_on_commit_callbacks, who):
    report = ready(django_capture_on_commit_callbacks, cast.dinh_bang, directive, kind="unit",
                   unit=Unit.objects.get(key="p-dinh-bang"))
    response = client_for(getattr(cast, who)).post(reverse("reports:report_mark_sent", args=[report.pk]))
    report.refresh_from_db()
    if who in ("dinh_bang", "dinh_bang_head"):  # the requester, and the head of the author's unit
        assert response.status_code == 302 and report.is_sent
    else:
        assert response.status_code == 404 and not report.is_sent


def test_an_anonymous_post_goes_to_log_in(final_report):
    response = Client().post(reverse("reports:report_mark_sent", args=[final_report.pk]))
    assert response.status_code == 302 and reverse("login") in response.url
    final_report.refresh_from_db()
    assert final_report.sent_at is None


def test_a_draft_cannot_be_sent_and_says_why(cast, directive, django_capture_on_commit_callbacks):
    draft = ready(django_capture_on_commit_callbacks, cast.reviewer, directive, final=False)
    response = client_for(cast.reviewer).post(reverse("reports:report_mark_sent", args=[draft.pk]), follow=True)
    assert "Đây là bản dự thảo" in response.content.decode()
    draft.refresh_from_db()
    assert draft.sent_at is None


def test_a_report_is_sent_once(cast, final_report):
    report_send(report_id=final_report.pk, user=cast.reviewer)
    with pytest.raises(SendRefused, match="đã được gửi"):
        report_send(report_id=final_report.pk, user=cast.reviewer)


def test_once_sent_the_office_observers_and_the_listed_units_see_it(cast, final_report):
    assert [visible(getattr(cast, who), final_report) for who in POSTERS] == [
        False, False, False, True, False, False]
    report_send(report_id=final_report.pk, user=cast.reviewer)
    final_report.refresh_from_db()
    assert [u.key for u in final_report.shared_units.all()] == ["p-dinh-bang"]
    assert [visible(getattr(cast, who), final_report) for who in POSTERS] == [
        True, False, True, True, True, True]


def test_all_wards_in_the_distribution_list_means_every_ward(cast, directive):
    report = Report(directive=directive, kind="overdue", parameters={"header": {"recipients": [
        "Các Đảng ủy phường (t/h)", "Đảng ủy Quân sự thành phố", "Lưu VP"]}})
    found = {u.key for u in distribution_units(report)}
    wards = set(Unit.objects.filter(kind=Unit.Kind.WARD).values_list("key", flat=True))
    assert wards <= found and "duqs" in found and len(found) == len(wards) + 1


def test_the_list_shows_who_sent_what_when_as_of_which_date(cast, final_report):
    report_send(report_id=final_report.pk, user=cast.reviewer)
    html = client_for(cast.office).get(reverse("reports:report_list")).content.decode()
    assert "Đã gửi" in html and cast.reviewer.get_full_name() in html
    assert "Đảng ủy Quân sự thành phố" in html and "15/05/2022" in html
    detail = client_for(cast.dinh_bang).get(reverse("reports:report_detail", args=[final_report.pk]))
    assert detail.status_code == 200 and "Đảng ủy phường Đình Bảng" in detail.content.decode()


def test_the_list_shows_drafts_to_the_authors_unit_only(cast, directive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        mine = request_report(cast.reviewer, directive)
    for who, listed in (("reviewer", [mine.pk]), ("office", []), ("observer", []), ("dinh_bang", [])):
        page = client_for(getattr(cast, who)).get(reverse("reports:report_list"))
        assert [r.pk for r in page.context["page"]] == listed, who
