"""The portal-wide "Số liệu tính đến ngày": set in the header (POST, CSRF), kept in the
session, shown as a banner while it is not today, read by the workspace, the assignment
pages, the dashboard and the report form; actions still happen today."""

import datetime

import pytest
from django.test import Client

from home import as_of

from .conftest import AS_OF, TODAY, choose_as_of


@pytest.fixture
def officer(client, world):
    client.force_login(world.dinh_bang)
    client.get("/")  # the first request of a session settles its two-factor state
    return client


def session_day(client):
    return client.session.get(as_of.SESSION_KEY)


def test_a_chosen_date_is_kept_in_the_session_and_shown_as_a_banner(officer):
    response = choose_as_of(officer, AS_OF, "/viec/")
    assert response.status_code == 302 and response["Location"] == "/viec/"
    assert session_day(officer) == "2022-05-10"
    page = officer.get("/viec/").content.decode()
    assert 'id="asof-banner"' in page
    assert "Đang xem số liệu tính đến ngày 10/05/2022, không phải hôm nay." in page
    assert "vẫn được ghi nhận vào hôm nay (20/05/2022)" in page


def test_no_banner_while_the_date_is_today(officer):
    page = officer.get("/viec/").content.decode()
    assert 'id="asof-toggle"' in page and 'id="asof-banner"' not in page


def test_the_html_date_picker_value_and_the_quick_picks_are_accepted(officer):
    officer.post("/so-lieu-den-ngay/", {"ngay": "2022-03-31", "next": "/"})
    assert session_day(officer) == "2022-03-31"
    officer.post("/so-lieu-den-ngay/", {"ngay": "", "ky": "2022-05-10", "next": "/"})
    assert session_day(officer) == "2022-05-10"


def test_one_click_goes_back_to_today(officer):
    choose_as_of(officer, AS_OF)
    response = officer.post("/so-lieu-den-ngay/", {"hom_nay": "1", "next": "/viec/"}, follow=True)
    assert session_day(officer) is None
    assert 'id="asof-banner"' not in response.content.decode()
    assert "Đang xem số liệu đến hôm nay." in response.content.decode()


@pytest.mark.parametrize("typed, message", [
    ("31/02/2022", "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2022."),
    ("hôm qua", "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2022."),
    ("21/05/2022", "Ngày tính số liệu không được sau hôm nay (20/05/2022)."),
    ("01/01/1999", "Ngày tính số liệu không được trước 01/01/2000."),
    ("", "Chưa chọn ngày tính số liệu."),
])
def test_a_bad_date_gets_a_clear_message_and_changes_nothing(officer, typed, message):
    choose_as_of(officer, AS_OF)
    response = officer.post("/so-lieu-den-ngay/", {"ngay": typed, "next": "/viec/"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if typed:
        assert f"«{typed}»" in page  # what was typed is shown back
    assert session_day(officer) == "2022-05-10"


def test_the_date_is_set_by_post_only_and_with_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.dinh_bang)
    assert client.get("/so-lieu-den-ngay/").status_code == 405
    assert client.post("/so-lieu-den-ngay/", {"ngay": "10/05/2022"}).status_code == 403
    assert session_day(client) is None


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.post("/so-lieu-den-ngay/", {"ngay": "10/05/2022"})
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_going_back_never_leaves_the_site_and_drops_the_page_date(officer):
    response = choose_as_of(officer, AS_OF, "https://evil.example/")
    assert response["Location"] == "/"
    response = choose_as_of(officer, AS_OF, "/theo-doi/chi-thi/1/?ngay=01/05/2022&loai=ward")
    assert response["Location"] == "/theo-doi/chi-thi/1/?loai=ward"


def test_the_workspace_counts_days_overdue_to_the_chosen_date(officer, world):
    assert "quá hạn 11 ngày" in officer.get("/viec/").content.decode()  # 1.2, due 09/05, today 20/05
    choose_as_of(officer, AS_OF)
    page = officer.get("/viec/").content.decode()
    assert "quá hạn 1 ngày" in page and "quá hạn 11 ngày" not in page


def test_the_assignment_page_reads_its_status_at_the_chosen_date(officer, world):
    url = f"/viec/{world.a['3.2'].pk}/"  # due 30/06
    assert "còn 41 ngày" in officer.get(url).content.decode()
    choose_as_of(officer, AS_OF)
    assert "còn 51 ngày" in officer.get(url).content.decode()


def test_the_dashboard_reads_at_the_chosen_date_unless_its_address_has_one(client, world):
    client.force_login(world.reviewer)
    url = f"/theo-doi/chi-thi/{world.directive.pk}/"
    client.get(url)
    choose_as_of(client, AS_OF)
    response = client.get(url)
    assert response.context["data"].as_of == AS_OF
    assert 'value="10/05/2022"' in response.content.decode()
    assert client.get(url, {"ngay": "15/05/2022"}).context["data"].as_of == datetime.date(2022, 5, 15)


def test_a_date_before_the_directive_reads_as_its_issue_day(client, world):
    client.force_login(world.reviewer)
    choose_as_of(client, datetime.date(2021, 12, 31))
    response = client.get(f"/theo-doi/chi-thi/{world.directive.pk}/")
    assert response.status_code == 200
    assert response.context["data"].as_of == world.directive.issued_on


def test_the_report_form_proposes_the_chosen_date(client, world):
    client.force_login(world.reviewer)
    client.get("/theo-doi/bao-cao/moi/")
    assert client.get("/theo-doi/bao-cao/moi/").context["form"].initial["as_of"] == TODAY
    choose_as_of(client, AS_OF)
    assert client.get("/theo-doi/bao-cao/moi/").context["form"].initial["as_of"] == AS_OF


def test_the_quick_picks_are_the_reporting_periods_of_the_directive_year(officer):
    page = officer.get("/").content.decode()
    for label, value in [("Quý I", "2022-03-31"), ("Quý II", "2022-06-30"), ("6 tháng đầu năm", "2022-06-30"),
                         ("Quý III", "2022-09-30"), ("Quý IV", "2022-12-31"), ("Cả năm", "2022-12-31")]:
        assert label in page and f'value="{value}"' in page
    assert "Kỳ báo cáo năm 2022" in page
    # Periods that end after today cannot be picked.
    assert page.count("disabled") >= 4


def test_an_action_taken_while_looking_at_a_past_date_happens_today(officer, world):
    from django.utils import timezone

    from tasks.models import ExtensionRequest

    choose_as_of(officer, AS_OF)
    assignment = world.a["3.2"]  # due 30/06
    response = officer.post(f"/viec/{assignment.pk}/gia-han/", {
        "requested_due_date": "31/07/2022", "reason": "Chờ kinh phí diễn tập"})
    assert response.status_code == 302
    request = ExtensionRequest.objects.get(assignment=assignment)
    assert timezone.localtime(request.requested_at).date() == TODAY
    assert request.previous_due_date == datetime.date(2022, 6, 30)
