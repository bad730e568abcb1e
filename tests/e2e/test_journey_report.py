"""Journey 4: the reviewer asks for the directive's progress report, waits for it on the
report page, downloads it, and the file is a PDF whose text carries the directive's number.

Celery runs inline for the live server (see the eager_celery fixture); the test still waits
on the page for the job to finish, as it would with a worker."""

import re

from playwright.sync_api import expect

from reports.models import Report

from .conftest import login
from .flows import open_menu_item, pdf_text

REPORT_TIMEOUT_MS = 90_000


def test_reviewer_requests_waits_for_and_downloads_the_progress_report(portal, page):
    login(page, portal.url, "duqs")
    open_menu_item(page, "Báo cáo PDF")
    expect(page.get_by_role("heading", name="Báo cáo PDF")).to_be_visible()
    page.get_by_role("link", name="Lập báo cáo mới").first.click()

    page.get_by_label("Báo cáo kết quả thực hiện chỉ thị").check()
    page.get_by_role("button", name="Điền các ô dưới theo lựa chọn này").click()
    expect(page.get_by_role("heading", name="Lập báo cáo PDF")).to_be_visible()
    page.get_by_role("button", name="Tạo báo cáo").click()

    expect(page.get_by_role("heading", name="Báo cáo kết quả thực hiện chỉ thị")).to_be_visible()
    expect(page.locator("#report-status")).to_be_visible()
    download_link = page.get_by_role("link", name="Tải báo cáo (PDF)")
    expect(download_link).to_be_visible(timeout=REPORT_TIMEOUT_MS)
    expect(page.locator("#report-status")).to_contain_text("Đã xong")

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "03-CT/TU" in text
    assert re.search(r"BÁO\s*CÁO", text)

    report = Report.objects.get()
    assert report.kind == Report.Kind.DIRECTIVE_PROGRESS and report.status == Report.Status.READY
    assert report.requested_by.username == "duqs"
