"""The login page and the directive page in a real browser, at phone and desktop widths."""

from playwright.sync_api import expect

from .conftest import login, page_scrolls_horizontally, run_axe


def test_officer_logs_in_and_reads_the_directive(portal, page):
    login(page, portal.url, "dinhbang")
    page.goto(f"{portal.url}/chi-thi/")
    page.get_by_role("link", name="Chỉ thị 03-CT/TU").click()
    expect(page.get_by_text("ĐẢNG CỘNG SẢN VIỆT NAM")).to_be_visible()
    expect(page.get_by_text("Từ Sơn, ngày 04 tháng 01 năm 2022")).to_be_visible()
    assert run_axe(page) == []


def test_login_page_fits_a_phone_and_has_no_serious_accessibility_problem(portal, phone_page):
    phone_page.goto(f"{portal.url}/dang-nhap/")
    assert not page_scrolls_horizontally(phone_page)
    assert run_axe(phone_page) == []


def test_the_portal_is_vietnamese_by_default_and_english_can_be_chosen(portal, page):
    page.goto(f"{portal.url}/dang-nhap/")
    assert page.evaluate("document.documentElement.lang") == "vi"
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.get_by_role("button", name="Đổi").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).not_to_have_text("Đăng nhập")
    page.locator("#language-select").select_option("vi")
    page.locator("#language-select").locator("xpath=ancestor::form").get_by_role("button").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
