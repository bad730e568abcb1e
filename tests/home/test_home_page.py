"""`/`: each person's own page, per role, at the session's "as of" date. Each block shows a
count and, when empty, what that means; each item links to where it is done."""

import re

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from accounts.models import SecurityPolicy
from reports.models import Report

from .conftest import AS_OF, choose_as_of


def home(client, user, day=AS_OF):
    client.force_login(user)
    client.get("/")  # the first request of a session settles its two-factor state
    if day:
        choose_as_of(client, day)
    response = client.get("/")
    assert response.status_code == 200
    return response


def block(response, key):
    """(count, items' text, html) of one block of the page."""
    page = response.content.decode()
    match = re.search(rf'<section class="card h-100 home-block" id="block-{key}".*?data-count="(\d+)">(.*?)</section>',
                      page, re.S)
    assert match, f"no block {key}"
    return int(match.group(1)), match.group(2)


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get("/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_the_directive_list_keeps_its_own_address(client, world):
    client.force_login(world.dinh_bang)
    response = client.get("/chi-thi/")
    assert response.status_code == 200 and "03-CT/TU" in response.content.decode()
    assert 'href="/chi-thi/"' in home(client, world.dinh_bang).content.decode()


def test_an_officer_sees_what_to_do_now_for_the_unit(client, world):
    response = home(client, world.dinh_bang)
    assert list(response.context["sections"]) == ["unit"]
    count, html = block(response, "unit-overdue")
    assert count == 1 and "Nhiệm vụ 1.2" in html and "quá hạn 1 ngày" in html
    assert f'href="/viec/{world.a["1.2"].pk}/nop/"' in html  # one click from its form
    count, html = block(response, "unit-due_week")
    assert count == 1 and "Nhiệm vụ 1.1" in html and "hạn hôm nay" in html
    count, html = block(response, "unit-due_month")
    assert count == 1 and "Nhiệm vụ C.1" in html  # due 31/05 after its extension
    count, html = block(response, "unit-receipts")  # only 1.1 was received
    assert count == 1
    assert f'href="/viec/chi-thi/{world.directive.pk}/don-vi/{world.ward_a.pk}/tiep-nhan/"' in html
    count, html = block(response, "unit-returned")
    assert count == 0 and "Không có văn bản nào bị trả lại" in html
    count, html = block(response, "unit-explanations")
    assert count == 0 and "Không có yêu cầu giải trình nào chờ đơn vị trả lời." in html
    # The unit's figures are for its head.
    assert not response.context["sections"]["unit"]["is_head"]
    assert "home-headline" not in response.content.decode()


def test_the_blocks_follow_the_as_of_date(client, world):
    response = home(client, world.dinh_bang, day=None)  # today, 20/05
    count, html = block(response, "unit-overdue")
    assert count == 2 and "quá hạn 11 ngày" in html  # 1.2 and 1.1 (due 10/05)
    count, html = block(response, "unit-due_month")
    assert count == 1 and "Nhiệm vụ C.1" in html and "còn 11 ngày" in html  # 3.2 (30/06) is 41 days off


def test_work_sent_back_is_first_with_its_form(client, world):
    response = home(client, world.tuong_giang)
    count, html = block(response, "unit-returned")
    assert count == 1 and f'href="/viec/{world.b["1.1"].pk}/nop/"' in html


def test_an_explanation_request_links_to_its_answer_form(client, world):
    from tasks.models import ExplanationRequest

    x = ExplanationRequest.objects.create(assignment=world.a["1.2"], question="Vì sao chậm?",
                                          requested_by=world.reviewer)
    count, html = block(home(client, world.dinh_bang), "unit-explanations")
    assert count == 1 and f'href="/viec/{world.a["1.2"].pk}/#explanation-answer-form-{x.pk}"' in html
    # The reviewer sees it as unanswered.
    count, html = block(home(client, world.reviewer), "reviewer-explanations")
    assert count == 1 and f"#giai-trinh-{x.pk}" in html


def test_the_head_also_sees_the_units_figures(client, world):
    response = home(client, world.dinh_bang_head)
    section = response.context["sections"]["unit"]
    assert section["is_head"]
    summary = section["headlines"][0].data.summary
    assert summary.assignments == 8  # the eight assignments of Đình Bảng, not the whole directive
    assert "Số liệu của đơn vị bạn" in response.content.decode()


def test_the_reviewer_sees_the_queue_oldest_first_with_how_long_it_waited(client, world):
    world.submit(world.a["1.2"], AS_OF)  # a second pending submission, newer
    response = home(client, world.reviewer)
    assert list(response.context["sections"]) == ["reviewer", "unit"]  # the reviewer is a DUQS member
    count, html = block(response, "reviewer-queue")
    assert count == 2
    assert html.index("nộp 06/05/2022, đã chờ 14 ngày") < html.index("nộp 10/05/2022, đã chờ 10 ngày")


def test_a_long_queue_is_counted_up_to_a_bound(client, world, monkeypatch):
    """Past home.selectors.COUNTED waiting submissions the block says "more than"."""
    from home import selectors

    monkeypatch.setattr(selectors, "COUNTED", 1)
    monkeypatch.setattr(selectors, "SHOWN", 1)
    world.submit(world.a["1.2"], AS_OF)
    count, html = block(home(client, world.reviewer), "reviewer-queue")
    assert count == 1 and "Đang hiện 1 trong hơn 1 mục." in html


def test_the_reviewer_sees_the_units_with_most_overdue_work_with_the_urge_action(client, world):
    response = home(client, world.reviewer)
    count, html = block(response, "reviewer-overdue_units")
    assert count == 3  # Đình Bảng (1.2, C.2), the department (1.1), Tương Giang (2.1)
    names = re.findall(r'class="fw-semibold">([^<]+)</a>', html)
    assert names[0] == "Đình Bảng"
    assert f'href="/nhac-viec/don-doc/{world.a["1.2"].pk}/?next=/"' in html
    assert f'href="/nhac-viec/don-doc/{world.dep["1.1"].pk}/?next=/"' in html


def test_the_reviewer_sees_what_falls_due_this_week_and_pending_requests(client, world):
    from tasks.models import ExtensionRequest

    ExtensionRequest.objects.create(
        assignment=world.a["3.2"], previous_due_date=world.a["3.2"].due_date,
        requested_due_date=timezone.localdate().replace(month=7, day=31), reason="Chờ kinh phí",
        requested_by=world.dinh_bang)
    response = home(client, world.reviewer)
    count, html = block(response, "reviewer-due_week")  # 10/05–16/05: A 1.1, B 1.1, M 3.1
    assert count == 3 and "Dân quân Đình Bảng" in html
    count, html = block(response, "reviewer-extensions")
    assert count == 1 and f'href="/viec/{world.a["3.2"].pk}/#extension-decision-form"' in html


def test_this_weeks_deadlines_are_those_in_force_on_the_day(client, world):
    """Work an extension moved out of the week after the "as of" day was still due in the
    week then; work moved into the week after it was not yet."""
    from tests.reports.conftest import d

    moved_out = world.assign(world.tasks["3.2"], world.ward_b, d(30, 6), original=d(12, 5))
    world.extend(moved_out, d(12, 5), d(30, 6), decided=d(15, 5))
    moved_in = world.assign(world.tasks["3.2"], world.dept, d(14, 5), original=d(3, 5))
    world.extend(moved_in, d(3, 5), d(14, 5), decided=d(12, 5))
    count, html = block(home(client, world.reviewer), "reviewer-due_week")
    assert count == 4  # A 1.1, B 1.1, M 3.1 and Tương Giang's 3.2 (12/05 in force on 10/05)
    assert f'href="/viec/{moved_out.pk}/"' in html and f'href="/viec/{moved_in.pk}/"' not in html


def test_the_reviewer_headline_figures_are_the_dashboards(client, world):
    response = home(client, world.reviewer)
    headline = response.context["sections"]["reviewer"]["headlines"][0]
    dashboard = client.get(f"/theo-doi/chi-thi/{world.directive.pk}/").context["data"]
    assert headline.as_of == dashboard.as_of == AS_OF
    assert [(b.key, b.count) for b in headline.data.summary.buckets] == \
        [(b.key, b.count) for b in dashboard.summary.buckets]


def test_the_office_sees_figures_drafts_accounts_and_report_requests(client, world):
    AccessAttempt.objects.create(username="tuong_giang", ip_address="10.0.0.9", user_agent="x",
                                 failures_since_start=5, attempt_time=timezone.now())
    SecurityPolicy.objects.create(pk=1, require_2fa_reviewers=True)
    Report.objects.create(kind=Report.Kind.DIRECTIVE_PROGRESS, directive=world.directive,
                          status=Report.Status.FAILED, error="x", requested_by=world.office)
    Report.objects.create(kind=Report.Kind.DIRECTIVE_PROGRESS, directive=world.directive,
                          status=Report.Status.READY, requested_by=world.office, file="reports/x.pdf",
                          size=1, sha256="0" * 64)
    response = home(client, world.office)
    assert list(response.context["sections"]) == ["office"]
    assert response.context["sections"]["office"]["headlines"][0].data.summary.assignments == 15
    count, html = block(response, "office-people")
    assert count == 2
    assert "Đỗ Thị Lan" in html and "Đang bị khóa đăng nhập" in html
    assert "Trần Văn Hùng" in html and "Chưa cài xác thực hai bước" in html
    count, html = block(response, "office-reports")
    assert count == 1 and "Không tạo được" in html
    count, html = block(response, "office-drafts")
    assert count == 0 and "Không có bản nháp nào đang soạn." in html


def test_an_old_lockout_needs_no_attention(client, world):
    AccessAttempt.objects.create(username="tuong_giang", ip_address="10.0.0.9", user_agent="x",
                                 failures_since_start=5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timezone.timedelta(days=1))  # auto_now_add
    assert block(home(client, world.office), "office-people")[0] == 0


def test_the_observer_sees_the_headline_figures_and_the_dashboard_link(client, world):
    response = home(client, world.observer)
    assert list(response.context["sections"]) == ["observer"]
    page = response.content.decode()
    assert f'href="/theo-doi/chi-thi/{world.directive.pk}/"' in page
    assert 'data-bucket="open_overdue"' in page
    assert "home-block" not in page


def test_someone_without_unit_or_role_is_told_so(client, world):
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("nobody", password="x")
    response = home(client, nobody)
    assert response.context["sections"] == {}
    assert "chưa thuộc đơn vị nào" in response.content.decode()


@pytest.mark.parametrize("who", ["dinh_bang", "tuong_giang"])
def test_an_officer_never_sees_another_wards_work(client, world, who):
    response = home(client, getattr(world, who))
    page = response.content.decode()
    other = "Tương Giang" if who == "dinh_bang" else "Đình Bảng"
    assert other not in page.split('id="main"')[1]


def test_a_reviewer_who_also_works_for_a_unit_gets_no_duplicate_ids(client, world):
    page = home(client, world.reviewer).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert "block-reviewer-due_week" in ids and "block-unit-due_week" in ids
    assert len(ids) == len(set(ids))
