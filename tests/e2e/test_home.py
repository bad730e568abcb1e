"""Each role's home page and the dashboard "as of" 30/06/2022, in Chromium at 375 px (a phone)
and 1366 px (an office screen): the date is picked in the header as a person does, the pages
fit the screen, and axe-core finds no serious or critical problem.

With UPDATE_SCREENSHOTS=1 the reviewer's home page is also written to docs/screenshots/
(home-375.png, home-1366.png).
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, login
from .scene import build_scene
from .test_pages import UPDATE, _problems, _screenshot

# (account, the blocks its home page must show)
ROLES = [
    ("dinhbang", ["block-unit-returned", "block-unit-explanations", "block-unit-receipts",
                  "block-unit-overdue", "block-unit-due_week", "block-unit-due_month"]),
    ("dinhbang.lanhdao", ["block-unit-overdue", "block-unit-due_week"]),
    ("duqs", ["block-reviewer-queue", "block-reviewer-overdue_units", "block-reviewer-due_week",
              "block-reviewer-explanations", "block-reviewer-extensions", "block-unit-overdue"]),
    ("vanphong", ["block-office-drafts", "block-office-people", "block-office-reports"]),
    ("lanhdao", []),
]


def open_as_of(page):
    """Open the header's "Số liệu tính đến ngày" control (behind the menu button on a phone)."""
    toggler = page.get_by_role("button", name="Mở trình đơn")
    if toggler.is_visible():
        toggler.click()
        # Wait for the menu's opening to end ("collapsing" becomes "collapse show"): a click
        # during the transition can land on a button that is still moving.
        expect(page.locator("#nav-main")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
        expect(page.locator("#nav-main")).not_to_have_class(re.compile(r"collapsing"))
    page.locator("#asof-toggle").click()
    expect(page.locator("#asof-form")).to_be_visible()


def pick_first_half_of_2022(page):
    open_as_of(page)
    page.locator("#asof-form").get_by_role("button", name=re.compile(r"^6 tháng đầu năm")).click()
    page.wait_for_load_state()
    expect(page.locator("#asof-banner")).to_contain_text("Đang xem số liệu tính đến ngày 30/06/2022")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1366px"])
def test_each_roles_home_page_as_of_30_06_2022(portal, new_page, viewport):
    build_scene()
    problems = []
    for username, blocks in ROLES:
        page = new_page(viewport)
        login(page, portal.url, username)
        expect(page).to_have_url(f"{portal.url}/")
        pick_first_half_of_2022(page)
        expect(page.locator("h1")).to_contain_text("Việc hôm nay của")
        for block in blocks:
            card = page.locator(f"#{block}")
            expect(card).to_be_visible()
            # A count, and either items or a sentence saying what empty means.
            assert re.fullmatch(r"\d+", card.locator(".card-title .badge").inner_text().strip())
            assert card.locator(".home-item, .home-empty").count() >= 1
        if username in ("dinhbang.lanhdao", "duqs", "vanphong", "lanhdao"):
            headline = page.locator(".home-headline").first
            expect(headline).to_contain_text("Tính đến ngày 30/06/2022")
            expect(headline.get_by_role("link", name="Mở trang theo dõi, đánh giá")).to_be_visible()
        problems += _problems(page, f"home of {username}", viewport)
        if viewport is DESKTOP:  # the top menu stays on one line
            height = page.evaluate("document.querySelector('nav.portal-navbar').getBoundingClientRect().height")
            if height > 70:
                problems.append(f"home of {username}: the menu wraps ({height:.0f} px high)")
        if username == "duqs" and UPDATE:
            _screenshot(page, "home", viewport)
    assert not problems, "\n".join(problems)


def test_the_reviewer_urges_a_unit_from_the_home_page(portal, page):
    build_scene()
    login(page, portal.url, "duqs")
    pick_first_half_of_2022(page)
    units = page.locator("#block-reviewer-overdue_units")
    units.get_by_role("link", name=re.compile("^Đôn đốc")).first.click()
    expect(page).to_have_url(re.compile(r"/nhac-viec/don-doc/\d+/"))
    expect(page.locator("main")).to_contain_text("Đôn đốc")


def test_the_dashboard_as_of_30_06_2022_on_a_phone(portal, phone_page):
    page = phone_page
    build_scene()
    login(page, portal.url, "duqs")
    # The bell's count is seen without opening the menu.
    expect(page.locator("#notification-count-folded")).to_be_visible()
    # A date typed into the header's picker.
    open_as_of(page)
    page.locator("#asof-date").fill("30/06/2022")
    page.locator("#asof-apply").click()
    page.wait_for_load_state()
    expect(page.locator("#asof-banner")).to_be_visible()
    page.get_by_role("button", name="Mở trình đơn").click()
    page.locator("#nav-main").get_by_role("link", name="Theo dõi, đánh giá", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("main header")).to_contain_text("Số liệu tính đến ngày 30/06/2022")

    # Filters behind one button.
    expect(page.locator("#dashboard-filters")).to_be_hidden()
    page.locator("#filters-toggle").click()
    expect(page.locator("#dashboard-filters")).to_be_visible()
    expect(page.locator("#id_ngay")).to_have_value("30/06/2022")

    # The summary links down to the overdue list, the unit table and the matrix.
    for link, target in [("#glance-overdue", "overdue-title"), ("#glance-units", "units-title"),
                         ("#glance-matrix", "matrix-title")]:
        expect(page.locator(link)).to_have_attribute("href", f"#{target}")
    page.locator("#glance-overdue").click()
    expect(page.locator("#overdue-title")).to_be_in_viewport()

    # Charts as wide as the screen at most: no segment cut off.
    widths = page.evaluate("""() => [...document.querySelectorAll('.dash-chart svg')].map(
        s => [s.getBoundingClientRect().right, s.parentElement.getBoundingClientRect().right])""")
    assert widths and all(svg <= box + 1 for svg, box in widths)

    # The overdue list as cards, each with its urge button in view.
    first = page.locator("#overdue-table tbody tr").first
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
    expect(first.get_by_role("link", name=re.compile("^Đôn đốc"))).to_be_visible()
    assert first.evaluate("tr => tr.getBoundingClientRect().right") <= 375

    # A table that must scroll says so.
    expect(page.locator(".scroll-hint").first).to_be_visible()
    expect(page.locator(".scroll-hint").first).to_contain_text("vuốt hoặc cuộn sang ngang")

    problems = _problems(page, "dashboard as of 30/06/2022", PHONE)
    assert not problems, "\n".join(problems)

    # Back to today in one click.
    page.locator("#asof-today").click()
    page.wait_for_load_state()
    expect(page.locator("#asof-banner")).to_have_count(0)


def test_a_bad_date_in_the_header_gets_a_clear_message(portal, page):
    login(page, portal.url, "dinhbang")
    open_as_of(page)
    page.locator("#asof-date").fill("31/02/2022")
    page.locator("#asof-apply").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Ngày không hợp lệ")
    expect(page.locator("#asof-banner")).to_have_count(0)


def test_the_reviewer_urges_several_units_from_the_home_page_on_a_phone(portal, phone_page):
    """Tick two units (the keyboard for one, a thumb for the other), one text, a preview, one
    urge per unit, back home with the count."""
    from reminders.models import Urge

    page = phone_page
    build_scene()
    before = Urge.objects.count()
    login(page, portal.url, "duqs")
    block = page.locator("#block-reviewer-overdue_units")
    button = block.get_by_role("button", name=re.compile("^Đôn đốc các đơn vị đã chọn"))
    expect(button).to_be_disabled()  # nothing ticked yet
    boxes = block.get_by_role("checkbox")
    assert boxes.count() >= 2
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    boxes.nth(1).click()
    expect(button).to_be_enabled()
    expect(button).to_contain_text("(2)")
    problems = _problems(page, "home page with two units ticked", PHONE)
    assert not problems, "\n".join(problems)

    button.click()
    expect(page).to_have_url(re.compile(r"/nhac-viec/don-doc/nhieu-don-vi/$"))
    expect(page.locator("#urge-many-chosen tbody tr")).to_have_count(2)
    expect(page.get_by_label(re.compile("Nội dung"))).not_to_be_empty()  # the directive's template
    page.locator("#urge-many-preview").click()
    expect(page.locator("#urge-preview .card")).to_have_count(2)
    page.locator("#urge-many-send").click()
    expect(page).to_have_url(f"{portal.url}/")
    expect(page.locator(".messages")).to_contain_text("Đã gửi đôn đốc tới 2 đơn vị.")
    assert Urge.objects.count() == before + 2


def test_the_dashboards_overdue_list_urges_the_rows_ticked(portal, page):
    from reminders.models import Urge

    scene = build_scene()
    before = Urge.objects.count()
    login(page, portal.url, "duqs")
    page.goto(f"{portal.url}/theo-doi/chi-thi/{scene.directive.pk}/")
    button = page.locator("#urge-many-button")
    expect(button).to_be_disabled()
    # Two units with officers to receive it (a unit without any is refused, and says so).
    for unit in ("Tương Giang", "Tam Sơn"):
        page.locator("#overdue-table tbody tr", has_text=unit).locator("input[name=assignment]").first.check()
    expect(page.locator("#urge-many-count")).to_have_text("2")
    button.click()
    page.locator("#urge-many-preview").click()
    page.locator("#urge-many-send").click()
    expect(page).to_have_url(re.compile(rf"/theo-doi/chi-thi/{scene.directive.pk}/"))
    expect(page.locator(".messages")).to_contain_text("Đã gửi đôn đốc tới 2 đơn vị.")
    assert Urge.objects.count() == before + 2
