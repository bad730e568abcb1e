"""The import in a real browser: paste, the draft page (phone and desktop, accessibility), publish."""

import re

import pytest
from playwright.sync_api import expect

from directives.models import Directive
from tests.directives_import.conftest import SEED

from .conftest import login, page_scrolls_horizontally, run_axe

pytestmark = pytest.mark.e2e


def paste_seed(page, base_url):
    login(page, base_url, "vanphong")
    page.goto(f"{base_url}/chi-thi/")
    page.get_by_role("link", name="Nhập chỉ thị từ văn bản").click()
    page.get_by_label("Dán nội dung chỉ thị").fill(SEED)
    # The draft page is long: wait for the navigation itself, not for a load state the paste
    # page may still report while the draft is being parsed.
    with page.expect_navigation(url=re.compile(r"/chi-thi/nhap/\d+/")):
        page.get_by_role("button", name="Đọc văn bản và đề xuất").click()


def test_the_office_pastes_corrects_and_publishes_in_a_browser(portal, page):
    Directive.objects.filter(key="03-CT-TU-2022").update(key="yaml-03-ct-tu-2022")
    paste_seed(page, portal.url)
    expect(page.get_by_role("heading", name="Nhập chỉ thị: Chỉ thị số 03-CT/TU")).to_be_visible()
    assert run_axe(page) == []
    page.locator("#id_h-summary").fill("Về lãnh đạo thực hiện nhiệm vụ QP, QSĐP năm 2022")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu phần đầu").click()
    expect(page.get_by_text("Đã lưu phần đầu văn bản.")).to_be_visible()
    page.get_by_role("link", name="Bước 3: Tạo văn bản…").first.click()
    page.get_by_label("Đã ban hành — giao nhiệm vụ cho các đơn vị ngay").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo văn bản").click()
    expect(page.get_by_text("Về lãnh đạo thực hiện nhiệm vụ QP, QSĐP năm 2022").first).to_be_visible()
    assert Directive.objects.filter(key="03-CT-TU-2022", status="published").exists()


def test_the_draft_page_fits_a_phone(portal, phone_page):
    paste_seed(phone_page, portal.url)
    expect(phone_page.get_by_role("heading", name="Nhập chỉ thị: Chỉ thị số 03-CT/TU")).to_be_visible()
    assert not page_scrolls_horizontally(phone_page)


def test_tasks_are_folded_and_a_refused_task_is_opened_and_shown(portal, page):
    paste_seed(page, portal.url)
    folds = page.locator("article.import-task > details")
    assert folds.count() > 30
    opened = page.locator("article.import-task > details[open]")
    assert opened.count() == 0
    page.get_by_role("button", name="Mở tất cả").click()
    expect(opened).to_have_count(folds.count())
    page.get_by_role("button", name="Thu gọn tất cả").click()
    expect(opened).to_have_count(0)
    card = page.locator("article.import-task").filter(has_text="Nhiệm vụ 3.3:").first
    card.locator("summary.import-fold-summary").click()
    card.get_by_label("Thời hạn", exact=True).fill("31/13/2022")
    with page.expect_navigation():
        page.locator("#phan-3").get_by_role("button", name="Lưu phần này").click()
    expect(opened).to_have_count(1)
    expect(card.get_by_text("Ngày không hợp lệ")).to_be_visible()
    # The page is brought to the task in error (a smooth scroll: give it a moment).
    for _attempt in range(50):
        top = card.evaluate("element => element.getBoundingClientRect().top")
        if 0 <= top < 60:
            break
        page.wait_for_timeout(100)
    assert 0 <= top < 60, top  # at the top of the window, not merely somewhere in its part
    # and the keyboard is on the field in error
    assert page.evaluate("document.activeElement.value") == "31/13/2022"
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
