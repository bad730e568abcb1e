"""The reminder log page: the Office and the tracking body, filterable; nobody else."""

import datetime

import pytest
from django.urls import reverse

from reminders import services
from reminders.models import DeliveryStatus, ReminderLog
from tests.reminders.conftest import TODAY

DAY = datetime.timedelta(days=1)
URL = reverse("reminders:log")


@pytest.fixture
def logged(world, travel, django_capture_on_commit_callbacks):
    world.task(TODAY + 3 * DAY, title="Diễn tập phòng thủ")
    world.task(TODAY - 7 * DAY, title="Tuyển quân năm 2022")
    world.task(TODAY + DAY, world.ward_b, title="Việc của Tam Sơn")
    travel(TODAY, 0, 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep()
    return world


@pytest.mark.parametrize("who", ["office", "rita"])
def test_office_and_tracking_body_read_the_log(client, logged, who):
    client.force_login(getattr(logged, who))
    page = client.get(URL).content.decode()
    assert "Diễn tập phòng thủ" in page and "Tuyển quân năm 2022" in page and "Việc của Tam Sơn" in page
    assert "Nguyễn Thị An" in page and "Đã gửi" in page and "Chờ gửi" in page


@pytest.mark.parametrize("who", ["alice", "hana", "bob"])
def test_units_do_not_see_the_log(client, logged, who):
    client.force_login(getattr(logged, who))
    assert client.get(URL).status_code == 404


def test_the_nav_links_the_log_for_those_who_may_read_it(client, logged):
    client.force_login(logged.rita)
    assert f'href="{URL}"' in client.get(reverse("reminders:urge", args=[ReminderLog.objects.first().assignment_id])).content.decode()


def test_a_reviewer_sees_only_the_directives_they_track(client, logged):
    from directives.models import Directive
    from tasks.models import Unit

    other_tracker = Unit.objects.create(key="ca-tp", name="Công an thành phố", kind=Unit.Kind.POLICE)
    other = Directive.objects.create(
        key="05-CT-TU", parent_organ="X", issuing_organ="Y", number="05", symbol="CT/TU",
        document_type="CHỈ THỊ", summary="Khác", place="Từ Sơn", issued_on=TODAY, year=2022,
        tracking_unit=other_tracker, status=Directive.Status.PUBLISHED,
    )
    work = logged.task(TODAY + 3 * DAY, directive=other, title="Việc theo dõi nơi khác")
    ReminderLog.objects.create(assignment=work, rule="before_due", occurrence="x", occurrence_date=TODAY,
                               recipient=logged.alice, channel="email")
    client.force_login(logged.rita)
    assert "Việc theo dõi nơi khác" not in client.get(URL).content.decode()
    client.force_login(logged.office)
    assert "Việc theo dõi nơi khác" in client.get(URL).content.decode()


def test_filter_by_rule_status_channel_and_unit(client, logged):
    client.force_login(logged.office)
    page = client.get(URL, {"rule": "escalation"}).content.decode()
    assert "Tuyển quân năm 2022" in page and "Diễn tập phòng thủ" not in page
    page = client.get(URL, {"status": DeliveryStatus.PENDING, "channel": "email"}).content.decode()
    assert "Diễn tập phòng thủ" in page and "Tuyển quân năm 2022" not in page
    page = client.get(URL, {"unit": logged.ward_b.pk}).content.decode()
    assert "Việc của Tam Sơn" in page and "Diễn tập phòng thủ" not in page
    page = client.get(URL, {"q": "Rạng"}).content.decode()
    assert "Tuyển quân năm 2022" in page and "Diễn tập phòng thủ" not in page


def test_filter_by_dates_and_a_bad_date_is_explained(client, logged):
    client.force_login(logged.office)
    page = client.get(URL, {"date_from": "11/05/2022"}).content.decode()
    assert "Không có dòng nhật ký nào" in page
    page = client.get(URL, {"date_from": "10/05/2022", "date_to": "10/05/2022"}).content.decode()
    assert "Diễn tập phòng thủ" in page
    page = client.get(URL, {"date_from": "32/13/2022", "q": "An"}).content.decode()
    assert "Nhập ngày theo dạng dd/mm/yyyy." in page and 'value="An"' in page
    page = client.get(URL, {"date_from": "12/05/2022", "date_to": "10/05/2022"}).content.decode()
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in page


def test_a_failed_delivery_shows_its_error(client, logged):
    ReminderLog.objects.filter(channel="email", rule="escalation").update(
        status=DeliveryStatus.FAILED, error="SMTPServerDisconnected: máy chủ không trả lời")
    client.force_login(logged.office)
    page = client.get(URL, {"status": DeliveryStatus.FAILED}).content.decode()
    assert "Gửi lỗi" in page and "máy chủ không trả lời" in page


def test_the_log_page_takes_as_many_queries_for_a_few_rows_as_for_many(client, logged):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(logged.office)
    client.get(URL)  # warm the session and the per-user caches

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = queries()
    assignment = ReminderLog.objects.first().assignment
    ReminderLog.objects.bulk_create([
        ReminderLog(assignment=assignment, rule="overdue", occurrence=f"extra-{n}", occurrence_date=TODAY,
                    recipient=logged.hana, channel="email") for n in range(40)])
    assert queries() == few
