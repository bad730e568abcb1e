"""The dashboard page: who sees what, the "as of" date and the filters in the URL, the
unit table and its ranking mode, the overdue list (query counts: test_dashboard_queries.py)."""

import datetime
import re

import pytest
from django.urls import reverse

from directives.models import Directive
from reminders.models import DeliveryStatus, ReminderLog, Rule
from tests.reports.conftest import VN, at, d


def url(world, **params):
    from urllib.parse import urlencode

    base = reverse("reports:dashboard", args=[world.directive.pk])
    return f"{base}?{urlencode(params)}" if params else base


def page(client, user, world, **params):
    client.force_login(user)
    response = client.get(url(world, **params))
    assert response.status_code == 200
    return response.content.decode()


def units_table(html):
    return html.split('id="units-table"', 1)[1].split("</table>", 1)[0]


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(url(world))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_someone_without_work_under_the_directive_gets_404(client, world):
    client.force_login(world.outsider)
    assert client.get(url(world)).status_code == 404
    assert client.get(reverse("reports:dashboard_export", args=[world.directive.pk])).status_code == 404


def test_a_draft_directive_is_404_for_the_tracking_body_but_not_the_office(client, world):
    Directive.objects.filter(pk=world.directive.pk).update(status=Directive.Status.DRAFT)
    client.force_login(world.reviewer)
    assert client.get(url(world)).status_code == 404
    client.force_login(world.office)
    assert client.get(url(world)).status_code == 200


def test_the_tracking_body_sees_every_unit_and_the_four_buckets(client, world):
    html = page(client, world.reviewer, world, ngay="10/05/2022")
    table = units_table(html)
    for name in ("Đảng ủy phường Đình Bảng", "Đảng ủy phường Tương Giang", "Phòng Văn hóa và Thông tin",
                 "Ban Chỉ huy quân sự phường Đình Bảng"):
        assert name in table
    # The four groups partition the 15 assignments; percentages are of all of them.
    assert re.findall(r'data-bucket="(\w+)">(\d+)<', html) == [
        ("done_on_time", "4"), ("done_late", "1"), ("open_within", "6"), ("open_overdue", "4")]
    assert "26,7%" in html and "40,0%" in html
    assert 'data-count="awaiting_review">1<' in html and 'data-count="returned">1<' in html
    assert "Số liệu tính đến ngày 10/05/2022" in html
    assert "toàn bộ <strong>15</strong> nhiệm vụ được giao" in html  # the denominator, stated
    # Fallen due, and the completion rate among them, apart from the four groups.
    assert 'data-count="fallen_due">10<' in html and 'data-rate="fallen_due_done_percent">40,0%<' in html
    assert 'id="scope-note"' not in html


@pytest.mark.parametrize("who", ["office", "observer"])
def test_the_office_and_observers_see_every_unit_read_only(client, world, who):
    html = page(client, getattr(world, who), world, ngay="10/05/2022")
    assert "Đảng ủy phường Tương Giang" in units_table(html)
    assert "urge-button" not in html


@pytest.mark.parametrize("who", ["dinh_bang", "dinh_bang_head"])
def test_a_unit_officer_or_head_sees_only_their_own_unit(client, world, who):
    html = page(client, getattr(world, who), world, ngay="10/05/2022")
    table = units_table(html)
    assert "Đảng ủy phường Đình Bảng" in table
    assert "Tương Giang" not in table and "Phòng Văn hóa" not in table
    assert "Tương Giang" not in html.split('id="matrix"', 1)[1]
    assert 'data-count="assignments">8<' in html
    assert 'id="scope-note"' in html
    assert "urge-button" not in html


def test_the_ward_filter_offers_every_ward_or_only_the_user_s_own(client, world):
    """Every ward for the tracking body; a unit officer only their ward, or the ward above
    their unit; a later write to a ward shows at once (the units read per data version)."""
    from tasks.models import Membership
    from accounts import grants

    def offered(user):
        client.force_login(user)
        response = client.get(reverse("reports:dashboard", args=[world.directive.pk]), {"ngay": "10/05/2022"})
        return [label for value, label in response.context["form"].fields["phuong"].choices if value]

    assert offered(world.reviewer) == ["Đình Bảng", "Tam Sơn", "Tương Giang"]
    assert offered(world.dinh_bang) == ["Đình Bảng"]
    militia_officer = world.outsider
    grants.remove_member(world.other, militia_officer)
    grants.add_member(world.militia, militia_officer, Membership.Role.OFFICER)
    assert offered(militia_officer) == ["Đình Bảng"]  # the ward its militia belongs to
    world.ward_b.short_name = "Tương Giang mới"
    world.ward_b.save()
    assert offered(world.reviewer) == ["Đình Bảng", "Tam Sơn", "Tương Giang mới"]


def test_the_as_of_date_is_read_as_dd_mm_yyyy(client, world):
    html = page(client, world.reviewer, world, ngay="20/05/2022")
    assert 'data-bucket="open_overdue">6<' in html
    html = page(client, world.reviewer, world, ngay="09/05/2022")
    assert 'data-bucket="open_overdue">3<' in html
    assert 'value="09/05/2022"' in html


def test_a_wrong_date_is_explained_next_to_the_field_and_today_is_used(client, world):
    html = page(client, world.reviewer, world, ngay="31/02/2022")
    assert "Ngày không hợp lệ" in html
    assert 'aria-describedby="id_ngay_helptext id_ngay_error"' in html
    assert 'value="31/02/2022"' in html  # what the user typed is kept
    assert "Số liệu tính đến ngày 20/05/2022" in html


def test_a_date_in_the_future_is_refused(client, world):
    html = page(client, world.reviewer, world, ngay="21/05/2022")
    assert "không được sau hôm nay" in html


def test_filters_come_from_the_url_and_are_kept_in_its_links(client, world):
    html = page(client, world.reviewer, world, ngay="10/05/2022", vai_tro="coordinating")
    table = units_table(html)
    assert "Phòng Văn hóa và Thông tin" in table and "Đình Bảng" not in table
    assert 'data-count="assignments">1<' in html
    assert "Vai trò: Phối hợp" in html
    export = re.search(r'href="([^"]+)" id="export-xlsx"', html).group(1)
    assert "vai_tro=coordinating" in export and "ngay=10%2F05%2F2022" in export


def test_each_filter_of_the_form_is_applied(client, world):
    cases = [
        ({"loai": "department"}, 2), ({"phuong": world.ward_a.pk}, 10), ({"phan": "c"}, 2),
        ({"trang_thai": "overdue"}, 3), ({"vai_tro": "lead"}, 14), ({"don_vi": world.militia.pk}, 2),
    ]
    for params, assignments in cases:
        html = page(client, world.reviewer, world, ngay="10/05/2022", **params)
        assert f'data-count="assignments">{assignments}<' in html, params


def test_an_unknown_filter_value_is_explained_and_ignored(client, world):
    html = page(client, world.reviewer, world, ngay="10/05/2022", loai="tinh")
    assert 'id="id_loai_error"' in html
    assert 'data-count="assignments">15<' in html


def test_the_unit_table_sorts_by_a_column(client, world):
    html = page(client, world.reviewer, world, ngay="10/05/2022", sap_xep="-qua-han")
    rows = re.findall(r'<tr data-unit="(\d+)">', units_table(html))
    # Đình Bảng has 2 overdue; Tương Giang and the department 1 each; the militia none.
    assert rows[0] == str(world.ward_a.pk) and rows[-1] == str(world.militia.pk)
    assert 'aria-sort="descending"' in html


def test_the_ranking_mode_ranks_within_each_kind_of_unit_and_states_its_formula(client, world):
    html = page(client, world.reviewer, world, ngay="10/05/2022", che_do="thi-dua")
    table = units_table(html)
    ranks = re.findall(r'<tr data-unit="(\d+)">\s*<td[^>]*data-rank="(\d*)"', table)
    # The wards ranked together (Tương Giang 33,3 points, Đình Bảng 30,0); the department and
    # the militia have one assignment fallen due each, under the threshold of 3: not ranked.
    assert ranks == [(str(world.ward_b.pk), "1"), (str(world.ward_a.pk), "2"),
                     (str(world.dept.pk), ""), (str(world.militia.pk), "")]
    assert re.findall(r'data-group="([\w-]+)"', table) == ["phuong", "thanh-pho", "luc-luong"]
    assert 'data-score="33.3">33,3<' in table
    assert "Chưa xếp hạng: mới có 1 nhiệm vụ đã đến hạn, cần ít nhất 3" in table
    assert 'id="ranking-rule"' in html
    assert ("Điểm = (100 × số hoàn thành đúng hạn + 50 × số hoàn thành quá hạn) ÷ số nhiệm vụ đã đến hạn"
            in html)
    assert "Đơn vị có dưới 3 nhiệm vụ đã đến hạn" in html


def test_the_ranking_threshold_is_a_setting(client, world, settings):
    settings.DASHBOARD_RANKING_MIN_DUE = 1
    html = page(client, world.reviewer, world, ngay="10/05/2022", che_do="thi-dua")
    ranks = re.findall(r'<tr data-unit="(\d+)">\s*<td[^>]*data-rank="(\d*)"', units_table(html))
    # Each alone in its group: first.
    assert ranks == [(str(world.ward_b.pk), "1"), (str(world.ward_a.pk), "2"),
                     (str(world.dept.pk), "1"), (str(world.militia.pk), "1")]
    assert "Chưa xếp hạng" not in units_table(html)


def test_matrix_cells_link_to_the_assignment_with_their_meaning_in_words(client, world):
    html = page(client, world.reviewer, world, ngay="10/05/2022")
    detail = reverse("tasks:assignment_detail", args=[world.a["1.2"].pk])
    cell = re.search(rf'<td class="mx mx-overdue"><a href="{detail}" title="([^"]+)">'
                     r'<span aria-hidden="true">QH</span><span class="visually-hidden">([^<]+)</span>', html)
    assert cell and cell.group(1) == cell.group(2) == "Quá hạn, quá hạn 1 ngày (hạn 09/05/2022)"
    assert "QH: Chưa hoàn thành, quá hạn" in html  # the legend names each state's group
    assert "CĐH: Chưa hoàn thành, còn trong hạn: chưa đến hạn" in html


def test_a_wide_matrix_is_paged_by_columns_keeping_the_page_of_units(client, world):
    world.grow(units=1, tasks=50)  # 58 tasks: two groups of 50 columns
    first = page(client, world.reviewer, world, ngay="10/05/2022")
    assert "Nhiệm vụ 1–50 trong số 58 (nhóm cột 1/2)." in first
    assert first.count('class="mx-task"') == 50
    following = re.search(r'href="\?([^"]+)" id="matrix-next-tasks"', first).group(1).replace("&amp;", "&")
    assert dict(p.split("=") for p in following.split("&")) == {"ngay": "10%2F05%2F2022", "trang_nv": "2"}
    second = page(client, world.reviewer, world, ngay="10/05/2022", trang_nv=2)
    assert "Nhiệm vụ 51–58 trong số 58 (nhóm cột 2/2)." in second
    assert second.count('class="mx-task"') == 8
    assert 'id="matrix-next-tasks"' not in second and "Nhóm cột trước" in second


def test_each_pager_turns_its_own_list_and_keeps_the_others_pages(client, world):
    from urllib.parse import parse_qs

    world.grow(units=60, tasks=3)  # 64 units, 124 overdue assignments
    html = page(client, world.reviewer, world, ngay="10/05/2022", trang="2", trang_qh="2")

    def links(label):
        nav = html.split(f'<nav aria-label="{label}">', 1)[1].split("</nav>", 1)[0]
        return {text: parse_qs(href.replace("&amp;", "&").lstrip("?"))
                for href, text in re.findall(r'<a class="page-link" href="([^"]+)"[^>]*>([^<]+)</a>', nav)}

    base = {"ngay": ["10/05/2022"], "trang": ["2"], "trang_qh": ["2"]}
    assert links("Các trang của bảng đơn vị") == {"Trang sau": {**base, "trang_dv": ["2"]}}
    assert links("Các trang của danh sách quá hạn") == {
        "Trang trước": {**base, "trang_qh": ["1"]}, "Trang sau": {**base, "trang_qh": ["3"]}}
    assert links("Các trang đơn vị của ma trận") == {
        "Trang trước": {**base, "trang": ["1"]}, "Trang sau": {**base, "trang": ["3"]}}
    assert 'id="matrix-next"' in html and "Các nhóm cột nhiệm vụ của ma trận" not in html


def test_the_overdue_list_shows_days_the_last_reminder_and_the_urge_button(client, world):
    ReminderLog.objects.create(
        assignment=world.dep["1.1"], rule=Rule.OVERDUE, occurrence="2022-05-08", occurrence_date=d(8, 5),
        recipient=world.reviewer, channel="email", status=DeliveryStatus.SENT, sent_at=at(d(8, 5), 7),
    )
    html = page(client, world.reviewer, world, ngay="10/05/2022")
    rows = html.split('id="overdue-table"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'data-days="(\d+)"', rows) == ["40", "9", "5", "1"]
    assert "08/05/2022 · Quá hạn" in rows
    urge = reverse("reminders:urge", args=[world.dep["1.1"].pk])
    assert re.search(rf'href="{urge}\?next=[^"]*ngay%3D10%252F05%252F2022"', rows)  # back to this view


def test_an_overdue_row_shows_the_local_day_of_the_reminder_and_the_extensions(client, world):
    # 00:30 in Từ Sơn on 09/05 is still 08/05 in UTC.
    ReminderLog.objects.create(
        assignment=world.dep["1.1"], rule=Rule.OVERDUE, occurrence="2022-05-09", occurrence_date=d(9, 5),
        recipient=world.reviewer, channel="email", status=DeliveryStatus.SENT,
        sent_at=datetime.datetime.combine(d(9, 5), datetime.time(0, 30), tzinfo=VN),
    )
    html = page(client, world.reviewer, world, ngay="10/05/2022")
    rows = dict(re.findall(r'<tr data-assignment="(\d+)">(.*?)</tr>', html, re.S))
    assert "09/05/2022 · Quá hạn" in rows[str(world.dep["1.1"].pk)]
    extended = rows[str(world.b["2.1"].pk)]  # extended once, after 10/05: still overdue that day
    assert "01/05/2022" in extended and ">gia hạn 1 lần</span>" in extended
    assert "Chưa nhắc" in extended


def test_a_reminder_sent_after_the_as_of_date_is_not_shown_but_the_one_before_it_is(client, world):
    for day in (4, 15):
        ReminderLog.objects.create(
            assignment=world.dep["1.1"], rule=Rule.OVERDUE, occurrence=f"2022-05-{day}",
            occurrence_date=d(day, 5), recipient=world.reviewer, channel="email",
            status=DeliveryStatus.SENT, sent_at=at(d(day, 5), 7),
        )
    html = page(client, world.reviewer, world, ngay="10/05/2022")
    assert "15/05/2022 · Quá hạn" not in html
    assert "04/05/2022 · Quá hạn" in html
    assert "15/05/2022 · Quá hạn" in page(client, world.reviewer, world, ngay="20/05/2022")


def test_the_index_opens_the_dashboard_of_the_tracked_directive(client, world):
    client.force_login(world.reviewer)
    response = client.get(reverse("reports:index"))
    assert response.status_code == 302 and response.url == url(world)


def test_the_index_keeps_the_filters_of_a_bookmarked_address(client, world):
    client.force_login(world.reviewer)
    response = client.get(reverse("reports:index"), {"ngay": "10/05/2022", "vai_tro": "lead"})
    assert response.status_code == 302 and response.url == url(world) + "?ngay=10%2F05%2F2022&vai_tro=lead"


def test_the_index_tells_someone_with_nothing_to_track(client, world):
    client.force_login(world.outsider)
    response = client.get(reverse("reports:index"))
    assert response.status_code == 200
    assert "Chưa có văn bản chỉ đạo nào" in response.content.decode()


def test_every_table_scrolls_sideways_on_a_narrow_screen(client, world):
    html = page(client, world.reviewer, world, ngay="10/05/2022")
    for table in ("parts-table", "units-table", "matrix", "overdue-table"):
        before = html.split(f'id="{table}"', 1)[0]
        opening = before[before.rindex("<div"):]
        assert "table-responsive" in opening, table


def test_an_officer_learns_no_other_units_name_from_an_id_in_the_url(client, world):
    html = page(client, world.dinh_bang, world, ngay="10/05/2022", don_vi=world.ward_b.pk)
    assert "Tương Giang" not in html
    assert f"Đơn vị: #{world.ward_b.pk}" in html
    assert 'data-count="assignments">0<' in html
    html = page(client, world.dinh_bang, world, ngay="10/05/2022", don_vi=world.ward_a.pk)
    assert "Đơn vị: Đảng ủy phường Đình Bảng" in html


@pytest.mark.parametrize("value", ["99999999999999999999", "-3", "abc"])
def test_a_unit_id_out_of_range_is_ignored_not_a_server_error(client, world, value):
    client.force_login(world.reviewer)
    unfiltered = client.get(url(world, ngay="10/05/2022")).context["data"].summary
    response = client.get(url(world, ngay="10/05/2022", don_vi=value))
    assert response.status_code == 200
    summary = response.context["data"].summary
    assert (summary.assignments, summary.open_overdue) == (unfiltered.assignments, unfiltered.open_overdue)
    export = client.get(reverse("reports:dashboard_export", args=[world.directive.pk]),
                        {"don_vi": value, "dinh_dang": "csv", "bang": "don-vi"})
    assert export.status_code == 200


def test_the_tracking_body_chooses_overdue_rows_to_urge_several_units_at_once(client, world):
    html = page(client, world.reviewer, world, ngay="10/05/2022")
    rows = dict(re.findall(r'<tr data-assignment="(\d+)">(.*?)</tr>', html, re.S))
    pk = world.dep["1.1"].pk
    assert f'name="assignment" value="{pk}" form="urge-many-form"' in rows[str(pk)]
    assert f'action="{reverse("reminders:urge_many")}" id="urge-many-form"' in html


@pytest.mark.parametrize("who", ["office", "observer", "dinh_bang"])
def test_no_row_selection_for_those_who_may_not_urge(client, world, who):
    html = page(client, getattr(world, who), world, ngay="10/05/2022")
    assert 'id="urge-many-form"' not in html and 'form="urge-many-form"' not in html


def test_links_keep_the_filters_and_restart_the_lists_unless_a_page_changes(rf):
    """query_with: the current query with some parameters changed; a new filter or sort
    starts every list from its first page, a page number keeps the others; a repeated
    parameter counts by its last value."""
    from reports.templatetags.dashboard_tags import query_with

    context = {"request": rf.get("/theo-doi/chi-thi/1/?phuong=3&phuong=4&trang=2&trang_qh=5&ngay=01/03/2022")}
    assert query_with(context, sap_xep="-qua-han") == "?ngay=01%2F03%2F2022&phuong=4&sap_xep=-qua-han"
    assert query_with(context, trang=3) == "?ngay=01%2F03%2F2022&phuong=4&trang=3&trang_qh=5"
    assert query_with(context, phuong="") == "?ngay=01%2F03%2F2022"
    assert query_with({"request": rf.get("/")}, trang="") == "?"


def test_the_matrix_head_is_the_markup_the_template_made():
    """matrix_head (written in Python) draws the two header rows as the template's regroup
    did: one cell per part over its columns (the closing tasks named), one per task, escaped."""
    from django.template import Context, Template
    from django.utils import translation

    from reports.dashboard.data import MatrixTask
    from reports.templatetags.dashboard_tags import matrix_head

    template = Template(
        '{% load i18n %}<tr><th scope="col" rowspan="2" class="mx-unit">{% translate "Đơn vị" %}</th>'
        '{% regroup tasks by part as groups %}{% for g in groups %}<th scope="colgroup" colspan="{{ g.list|length }}" '
        'class="text-center small">{% if g.grouper == "c" %}{% translate "Tổ chức thực hiện" %}{% else %}'
        '{% translate "Phần" %} {{ g.grouper }}{% endif %}</th>{% endfor %}</tr>\n        <tr>{% for t in tasks %}'
        '<th scope="col" class="mx-task"><abbr title="{{ t.title }}">{{ t.key }}</abbr></th>{% endfor %}</tr>')
    tasks = [MatrixTask(1, "1.1", 'Nghị quyết "lãnh đạo" <QS>', "1"), MatrixTask(2, "1.2", "B & C", "1"),
             MatrixTask(3, "3.1", "D", "3"), MatrixTask(4, "C.1", "Tổ chức", "c")]
    for language in ("vi", "en"):
        with translation.override(language):
            assert matrix_head(tasks) == template.render(Context({"tasks": tasks}))
    assert 'colspan="2"' in matrix_head(tasks) and "&lt;QS&gt;" in matrix_head(tasks)
