"""An empty page says what is missing and what to do next (templates/includes/empty_state.html)."""

import re

from django.contrib.auth import get_user_model


def empty_state(html, id_):
    match = re.search(rf'<div class="empty-state" id="{id_}">(.*?)</div>', html, re.S)
    assert match, f"no empty state {id_}"
    return match.group(1)


def test_no_report_yet_leads_to_the_report_form(client, cast):
    client.force_login(cast.reviewer)
    box = empty_state(client.get("/theo-doi/bao-cao/").content.decode(), "reports-empty")
    assert "Chưa có báo cáo nào." in box and 'href="/theo-doi/bao-cao/moi/">Lập báo cáo mới</a>' in box


def test_someone_in_no_unit_is_told_what_will_appear(client, cast):
    newcomer = get_user_model().objects.create_user("newcomer", password="x")
    client.force_login(newcomer)
    box = empty_state(client.get("/chi-thi/").content.decode(), "directives-empty")
    assert "Chưa có chỉ thị nào bạn được xem." in box and "chỉ thị hiện ở đây" in box
    box = empty_state(client.get("/theo-doi/").content.decode(), "dashboard-none")
    assert "số liệu theo dõi hiện ở đây" in box and 'href="/chi-thi/"' in box
    box = empty_state(client.get("/theo-doi/bao-cao/").content.decode(), "reports-empty")
    assert "Lập báo cáo mới" not in box and "sẽ hiện ở đây" in box


def test_a_reminder_log_filtered_to_nothing_offers_the_whole_log(client, cast):
    client.force_login(cast.reviewer)
    html = client.get("/nhac-viec/", {"q": "không có ai tên này"}).content.decode()
    box = empty_state(html, "log-empty")
    assert "Bỏ bớt điều kiện lọc" in box and 'href="/nhac-viec/"' in box
