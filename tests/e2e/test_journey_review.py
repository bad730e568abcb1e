"""Journey 2: the Military Party Committee's reviewer finds Đình Bảng's resolution in the
queue, opens the file, returns it with a comment; the officer sees the comment and the
notification and resubmits; the reviewer accepts; the dashboard's counts follow each step."""

import re

from playwright.sync_api import expect

from .conftest import login
from .flows import (
    RESOLUTION_FILE, RESOLUTION_NUMBER, dashboard_counts, open_assignment, open_menu_item, pdf_text,
    submit_document,
)

COMMENT = "Đề nghị bổ sung chỉ tiêu giao quân năm 2022 vào mục II của Nghị quyết."


def open_for_review(reviewer, version):
    open_menu_item(reviewer, "Hàng chờ thẩm định")
    row = reviewer.locator("#review-queue-table tbody tr").filter(has_text="Đình Bảng").filter(has_text="C.1")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"lần {version}")
    row.get_by_role("link", name="Thẩm định").click()
    expect(reviewer.get_by_role("heading", name="Thẩm định văn bản")).to_be_visible()


def test_reviewer_returns_the_resolution_then_accepts_the_new_version(portal, page, new_page, resolution_file):
    officer = new_page()
    login(officer, portal.url, "dinhbang")
    open_menu_item(officer, "Việc của đơn vị")
    open_assignment(officer, "C.1")
    submit_document(officer, pdf_path=resolution_file)

    reviewer = page
    login(reviewer, portal.url, "duqs")
    before = dashboard_counts(reviewer, portal.url)
    assert before["awaiting_review"] == 1 and before["returned"] == 0

    # The queue, the submission, its file.
    open_for_review(reviewer, 1)
    expect(reviewer.locator("#submission-facts")).to_contain_text(RESOLUTION_NUMBER)
    with reviewer.expect_download() as download_info:
        reviewer.get_by_role("link", name=RESOLUTION_FILE).click()
    download = download_info.value
    assert download.suggested_filename == RESOLUTION_FILE
    data = open(download.path(), "rb").read()
    assert data == resolution_file.read_bytes()
    assert RESOLUTION_NUMBER in pdf_text(data)

    # Returning needs a comment: the browser says so before the round trip.
    reviewer.get_by_role("button", name="Trả lại để hoàn thiện").click()
    expect(reviewer.get_by_label("Ý kiến thẩm định")).to_have_attribute("aria-invalid", "true")
    reviewer.get_by_label("Ý kiến thẩm định").fill(COMMENT)
    reviewer.get_by_role("button", name="Trả lại để hoàn thiện").click()
    expect(reviewer.get_by_role("status")).to_contain_text("Đã trả lại văn bản để đơn vị hoàn thiện.")
    expect(reviewer.locator("#queue-empty")).to_be_visible()

    after_return = dashboard_counts(reviewer, portal.url)
    assert after_return["awaiting_review"] == before["awaiting_review"] - 1
    assert after_return["returned"] == before["returned"] + 1

    # The officer: the bell, the notification, the comment, a new version.
    officer.goto(f"{portal.url}/viec/")
    bell = officer.locator("#nav-notifications")
    expect(bell).to_have_attribute("aria-label", re.compile(r"Thông báo: \d+ chưa đọc"))
    expect(officer.locator("#notification-count")).to_have_text(re.compile(r"^[1-9]\d*$"))
    bell.click()
    returned = officer.get_by_role("link", name=re.compile("nhiệm vụ C.1 bị trả lại để hoàn thiện"))
    expect(returned).to_be_visible()
    returned.click()
    expect(officer.locator("#assignment-title")).to_contain_text("C.1")
    expect(officer.locator("#assignment-status")).to_contain_text("Bị trả lại")
    expect(officer.get_by_role("article").filter(has_text="Lần 1")).to_contain_text(COMMENT)
    officer.get_by_role("link", name="Nộp văn bản lần mới").click()
    expect(officer.locator("#last-returned")).to_contain_text(COMMENT)
    officer.go_back()
    submit_document(officer, pdf_path=resolution_file, resubmission=True,
                    summary="Nghị quyết đã bổ sung chỉ tiêu giao quân năm 2022")
    expect(officer.get_by_role("article").filter(has_text="Lần 2")).to_contain_text("Chờ thẩm định")

    in_review_again = dashboard_counts(reviewer, portal.url)
    assert in_review_again["awaiting_review"] == before["awaiting_review"]
    assert in_review_again["returned"] == before["returned"]

    # The reviewer accepts version 2: the task is done, late against 03/02/2022.
    open_for_review(reviewer, 2)
    expect(reviewer.get_by_role("heading", name="Các lần nộp khác")).to_be_visible()
    reviewer.get_by_role("button", name="Chấp nhận").click()
    expect(reviewer.get_by_role("status")).to_contain_text("Đã chấp nhận văn bản; nhiệm vụ được ghi nhận hoàn thành.")
    expect(reviewer.locator("#queue-empty")).to_be_visible()

    after = dashboard_counts(reviewer, portal.url)
    assert after["awaiting_review"] == before["awaiting_review"] - 1
    assert after["returned"] == before["returned"]
    assert after["done_late"] == before["done_late"] + 1
    assert after["open_overdue"] == before["open_overdue"] - 1
    assert after["done_on_time"] == before["done_on_time"]
    assert after["assignments"] == before["assignments"]

    officer.goto(f"{portal.url}/viec/")
    expect(officer.locator("#notification-count")).to_be_visible()
    officer.reload()
    open_assignment(officer, "C.1")
    expect(officer.locator("#assignment-status")).to_contain_text("Hoàn thành")
