"""Journey 3: an officer asks for an extension, the reviewer approves it, the new deadline
shows to the unit (on its phone) and in the reviewer's view."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tasks.models import Assignment

from .conftest import login
from .flows import open_assignment, open_menu_item

TASK = "3.2"  # Đình Bảng prepares the city's defence-zone exercise; due 31/12/2022


def test_officer_asks_for_an_extension_and_the_reviewer_approves_it(portal, phone_page, new_page):
    new_due = timezone.localdate() + timedelta(days=45)
    new_due_text = new_due.strftime("%d/%m/%Y")

    officer = phone_page
    login(officer, portal.url, "dinhbang")
    open_menu_item(officer, "Việc của đơn vị")
    open_assignment(officer, TASK)
    expect(officer.locator("#assignment-due")).to_contain_text("31/12/2022")
    expect(officer.locator("#assignment-status")).to_contain_text("Quá hạn")

    officer.get_by_text("Đề nghị gia hạn", exact=True).click()
    # A date not after the current deadline is refused next to the field, and kept.
    officer.get_by_label("Đề nghị gia hạn đến ngày").fill("30/12/2022")
    officer.get_by_label("Lý do").fill("Chờ Bộ Chỉ huy quân sự tỉnh phê duyệt phương án diễn tập.")
    officer.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    field = officer.get_by_label("Đề nghị gia hạn đến ngày")
    expect(field).to_have_attribute("aria-invalid", "true")
    error = officer.locator(f"#{field.get_attribute('aria-describedby').split()[-1]}")
    expect(error).to_contain_text("Thời hạn đề nghị phải sau thời hạn hiện tại (31/12/2022).")
    expect(officer.get_by_label("Lý do")).to_have_value(re.compile("Bộ Chỉ huy quân sự tỉnh"))

    field.fill(new_due_text)
    officer.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    expect(officer.get_by_role("status")).to_be_visible()
    request_item = officer.locator("[id^=gia-han-]").first
    expect(request_item).to_contain_text(f"Từ 31/12/2022 đến {new_due_text}")
    expect(request_item).to_contain_text("Chờ")

    reviewer = new_page()
    login(reviewer, portal.url, "duqs")
    open_menu_item(reviewer, "Hàng chờ thẩm định")
    queue = reviewer.locator("#extension-queue")
    expect(queue).to_contain_text(f"từ 31/12/2022 đến {new_due_text}")
    queue.get_by_role("link", name=re.compile(rf"Đình Bảng – {re.escape(TASK)}$")).click()
    decision = reviewer.locator("#extension-decision-form")
    expect(decision).to_contain_text(f"Đơn vị đề nghị gia hạn từ 31/12/2022 đến {new_due_text}.")
    decision.get_by_label("Ý kiến").fill("Đồng ý; hoàn thành trước thời hạn mới.")
    decision.get_by_role("button", name="Đồng ý gia hạn").click()
    expect(reviewer.get_by_role("status")).to_contain_text("Đã ghi quyết định về đề nghị gia hạn.")
    expect(reviewer.locator("#assignment-due")).to_contain_text(new_due_text)
    expect(reviewer.locator("#extension-queue")).to_have_count(0)

    # The unit sees the new deadline, the count of extensions and the decision.
    officer.reload()
    expect(officer.locator("#assignment-due")).to_contain_text(new_due_text)
    expect(officer.locator("#assignment-due")).to_contain_text("Thời hạn ban đầu 31/12/2022; đã gia hạn 1 lần")
    expect(officer.locator("#assignment-status")).to_have_text(
        re.compile(r"^\s*(Chưa đến hạn|Đang thực hiện, trong hạn)\s*$"))
    expect(officer.locator("[id^=gia-han-]").first).to_contain_text("Đồng ý; hoàn thành trước thời hạn mới.")
    open_menu_item(officer, "Việc của đơn vị")
    card = officer.locator("main .workspace-table tbody tr:visible").filter(
        has_text=re.compile(rf"^\s*{re.escape(TASK)}\s"))
    expect(card).to_contain_text(new_due_text)

    assignment = Assignment.objects.get(unit__key="p-dinh-bang", task__key=TASK)
    assert assignment.due_date == new_due and assignment.extension_count == 1
