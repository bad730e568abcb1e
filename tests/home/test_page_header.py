"""The working pages' header (templates/includes/page_header.html): the page title, the
directive (number and short title, linked), the unit when the page is about one unit, and the
"as of" date on the pages it drives, flagged when it is not today."""

import re

import pytest

from tasks.models import Submission

from .conftest import AS_OF, choose_as_of

DAY = f"{AS_OF:%d/%m/%Y}"


def header(client, user, url, day=AS_OF):
    client.force_login(user)
    client.get("/")  # the first request of a session settles its two-factor state
    if day:
        choose_as_of(client, day)
    response = client.get(url)
    assert response.status_code == 200, url
    match = re.search(r'<header class="page-header mb-3" id="page-header">(.*?)</header>', response.content.decode(), re.S)
    assert match, f"no page header on {url}"
    return match.group(1)


def part(html, name):
    match = re.search(rf'<li class="page-context-{name}[^"]*" id="page-[\w-]+">(.*?)</li>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else None


def pages(world):
    a = world.a["1.2"]
    pending = Submission.objects.get(assignment=world.a["C.2"], status=Submission.Status.PENDING)
    d = world.directive.pk
    return {
        "workspace": (world.dinh_bang, "/viec/", "Đảng ủy phường Đình Bảng", True),
        "assignment": (world.dinh_bang, f"/viec/{a.pk}/", "Đảng ủy phường Đình Bảng", True),
        "submission form": (world.dinh_bang, f"/viec/{a.pk}/nop/", "Đảng ủy phường Đình Bảng", True),
        "review queue": (world.reviewer, f"/viec/tham-dinh/?unit={world.ward_a.pk}&directive={d}",
                         "Đảng ủy phường Đình Bảng", False),
        "review": (world.reviewer, f"/viec/van-ban/{pending.pk}/tham-dinh/", "Đảng ủy phường Đình Bảng", True),
        "dashboard": (world.reviewer, f"/theo-doi/chi-thi/{d}/", None, True),
        "dashboard of a unit": (world.dinh_bang, f"/theo-doi/chi-thi/{d}/", "Đảng ủy phường Đình Bảng", True),
        "report form": (world.reviewer, "/theo-doi/bao-cao/moi/", None, True),
        "reminder settings of a directive": (world.reviewer, f"/nhac-viec/cau-hinh/{d}/", None, False),
    }


@pytest.mark.parametrize("name", ["workspace", "assignment", "submission form", "review queue", "review",
                                  "dashboard", "dashboard of a unit", "report form",
                                  "reminder settings of a directive"])
def test_the_header_shows_the_directive_the_unit_and_the_date(client, world, name):
    user, url, unit, dated = pages(world)[name]
    html = header(client, user, url)
    directive = part(html, "directive")
    assert directive and "03-CT/TU" in directive and "Về lãnh đạo thực hiện nhiệm vụ quốc phòng" in directive
    assert f'href="/chi-thi/{world.directive.pk}/' in html
    if unit:
        assert part(html, "unit").startswith(f"Đơn vị: {unit}")
    else:
        assert part(html, "unit") is None
    if dated:
        assert part(html, "asof").startswith(f"Số liệu tính đến ngày {DAY}")
        assert "không phải hôm nay" in part(html, "asof")
    else:
        assert part(html, "asof") is None


def test_the_assignment_page_names_the_part_of_the_directive_and_the_role(client, world):
    html = header(client, world.dinh_bang, f"/viec/{world.a['1.2'].pk}/")
    assert 'id="assignment-title">1.2. Nhiệm vụ 1.2</h1>' in html
    assert f'href="/chi-thi/{world.directive.pk}/#phan-1"' in html and "03-CT/TU, phần 1" in part(html, "directive")
    assert part(html, "unit") == "Đơn vị: Đảng ủy phường Đình Bảng · Chủ trì"


def test_today_is_said_as_today_and_not_flagged(client, world):
    html = header(client, world.dinh_bang, "/viec/", day=None)
    assert part(html, "asof") == "Số liệu tính đến ngày 20/05/2022 (hôm nay)"
    assert "is-past" not in html


def test_the_dashboards_own_date_wins_and_is_flagged(client, world):
    html = header(client, world.reviewer, f"/theo-doi/chi-thi/{world.directive.pk}/?ngay=15/05/2022", day=None)
    assert part(html, "asof").startswith("Số liệu tính đến ngày 15/05/2022")
    assert "không phải hôm nay" in part(html, "asof")


def test_a_unit_filter_on_the_dashboard_names_the_unit(client, world):
    html = header(client, world.reviewer, f"/theo-doi/chi-thi/{world.directive.pk}/?don_vi={world.ward_b.pk}")
    assert "Đảng ủy phường Tương Giang" in part(html, "unit")


def test_a_unit_of_several_directives_is_not_named_until_one_is_chosen(client, world):
    """The review queue unfiltered is about every unit and every directive it tracks."""
    html = header(client, world.reviewer, "/viec/tham-dinh/")
    assert part(html, "directive") is None and part(html, "unit") is None and part(html, "asof") is None
    assert "Hàng chờ thẩm định" in html


@pytest.mark.parametrize("url", ["/theo-doi/bao-cao/", "/nhac-viec/cau-hinh/"])
def test_pages_no_date_drives_have_the_header_without_a_date(client, world, url):
    html = header(client, world.reviewer, url)
    assert part(html, "asof") is None and "<h1" in html


def test_the_home_page_has_the_same_header(client, world):
    html = header(client, world.reviewer, "/")
    assert "Việc hôm nay của Trần Văn Hùng" in html
    assert part(html, "asof").startswith(f"Số liệu tính đến ngày {DAY}")
