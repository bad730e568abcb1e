"""Journey 5: five wrong passwords lock the account, with a clear Vietnamese message saying
when to try again; the right password is then refused too until the lock ends."""

import re

from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD

from .conftest import login, page_scrolls_horizontally, run_axe


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(portal, phone_page):
    page = phone_page
    for attempt in range(1, 5):
        login(page, portal.url, "tamson", f"sai-mat-khau-{attempt}", expect_success=False)
        expect(page.locator("#login-error")).to_be_visible()
        expect(page.locator("#lockout-message")).to_have_count(0)
        expect(page.get_by_label("Tên đăng nhập")).to_have_value("tamson")

    login(page, portal.url, "tamson", "sai-mat-khau-5", expect_success=False)
    message = page.get_by_role("alert")
    expect(message).to_contain_text("Tài khoản tạm thời bị khóa đăng nhập.")
    expect(message).to_contain_text(re.compile(
        r"bị tạm dừng 15 phút: đồng chí có thể thử lại từ \d\d:\d\d ngày \d\d/\d\d/\d{4}\."))
    expect(message).to_contain_text("Quên mật khẩu")
    assert not page_scrolls_horizontally(page)
    assert run_axe(page) == []

    # Locked: even the right password does not open the account now.
    login(page, portal.url, "tamson", DEMO_PASSWORD, expect_success=False)
    expect(page.locator("#lockout-message")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
    page.goto(f"{portal.url}/viec/")
    expect(page).to_have_url(re.compile(r"/dang-nhap/"))
