"""Journey 1, on a phone: a Đình Bảng officer confirms receipt of the directive, opens the
ward's assignments, uploads the ward's implementing resolution (a real PDF) and sees it
awaiting review."""

import re

from playwright.sync_api import expect

from tasks.models import Assignment, Submission

from .conftest import login, page_scrolls_horizontally
from .flows import (
    RESOLUTION_FILE, RESOLUTION_NUMBER, fill_submission, open_assignment, open_menu_item, submit_document,
)


def test_ward_officer_confirms_receipt_and_uploads_the_resolution(portal, phone_page, resolution_file):
    page = phone_page
    login(page, portal.url, "dinhbang")

    open_menu_item(page, "Việc của đơn vị")
    expect(page.get_by_role("heading", name="Việc của đơn vị")).to_be_visible()
    assert not page_scrolls_horizontally(page)

    # Receipt and dissemination of the directive, once for all the ward's tasks.
    page.get_by_role("link", name="Xác nhận tiếp nhận, phổ biến").click()
    page.get_by_label("Ngày tiếp nhận").fill("05/01/2022")
    page.get_by_label("Ngày phổ biến đến các Chi bộ").fill("10/01/2022")
    page.get_by_role("button", name="Lưu xác nhận").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Đã ghi nhận xác nhận cho \d+ nhiệm vụ"))
    ward_tasks = Assignment.objects.filter(unit__key="p-dinh-bang")
    assert ward_tasks.filter(received_on__isnull=True).count() == 0
    assert not page_scrolls_horizontally(page)

    # The ward's assignments; C.1 is its implementing resolution.
    open_menu_item(page, "Việc của đơn vị")
    open_assignment(page, "C.1")
    expect(page.locator("#assignment-facts")).to_contain_text("05/01/2022")
    expect(page.locator("#assignment-facts")).to_contain_text("10/01/2022")
    expect(page.locator("#assignment-facts")).to_contain_text("Nghị quyết")
    assert not page_scrolls_horizontally(page)

    # A wrongly written number is refused next to its field; what was typed is kept.
    page.get_by_role("link", name="Nộp văn bản", exact=True).click()
    fill_submission(page, pdf_path=resolution_file, number="NQ 05", issued_on="20/01/2022",
                    signer="Nguyễn Văn Bình", summary="Nghị quyết lãnh đạo công tác quân sự năm 2022")
    number = page.get_by_label("Số và ký hiệu")
    expect(number).to_have_attribute("aria-invalid", "true")
    error = page.locator("#id_number_symbol_error")
    expect(error).to_contain_text("Số và ký hiệu “NQ 05” không đúng mẫu")
    expect(error).to_have_attribute("role", "alert")
    assert "id_number_symbol_error" in number.get_attribute("aria-describedby").split()
    expect(page.get_by_label("Trích yếu, nội dung chính")).to_have_value(
        "Nghị quyết lãnh đạo công tác quân sự năm 2022")
    expect(page.locator("#files-reselect")).to_be_visible()
    assert not page_scrolls_horizontally(page)
    assert Submission.objects.count() == 0
    page.get_by_role("link", name=re.compile(r"^Nhiệm vụ C\.1$")).click()

    submit_document(page, pdf_path=resolution_file)

    expect(page.locator("#assignment-status")).to_have_text(re.compile(r"^\s*Chờ thẩm định\s*$"))
    version = page.get_by_role("article").filter(has_text="Lần 1")
    expect(version).to_contain_text(f"số {RESOLUTION_NUMBER}")
    expect(version).to_contain_text("Chờ thẩm định")
    expect(version.get_by_role("link", name=RESOLUTION_FILE)).to_be_visible()
    assert not page_scrolls_horizontally(page)

    submission = Submission.objects.get(assignment__unit__key="p-dinh-bang", assignment__task__key="C.1")
    assert submission.status == Submission.Status.PENDING
    stored = submission.files.get()
    assert stored.original_name == RESOLUTION_FILE
    assert stored.size == resolution_file.stat().st_size
