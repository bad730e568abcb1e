"""Journey 6: a Tương Giang officer who pastes the address of a Đình Bảng submission (its
assignment page, its review page, its file) gets the "not found" page, in Vietnamese, with
nothing of Đình Bảng's work on it; Đình Bảng's own officer opens the same addresses."""

from playwright.sync_api import expect

from tasks.models import Assignment
from tests.tasks.helpers import make_submission

from .conftest import login, run_axe

SECRET_SUMMARY = "Nghị quyết lãnh đạo công tác quân sự của Đảng ủy phường Đình Bảng"


def test_another_wards_officer_gets_not_found_for_a_dinh_bang_submission(portal, page, new_page):
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="dinhbang")
    assignment = Assignment.objects.get(unit__key="p-dinh-bang", task__key="C.1")
    submission = make_submission(officer, assignment, name="nghi-quyet-dinh-bang.pdf", summary=SECRET_SUMMARY)
    stored = submission.files.get()
    addresses = [
        f"/viec/{assignment.pk}/#van-ban-{submission.pk}",
        f"/viec/van-ban/{submission.pk}/tham-dinh/",
        f"/viec/tep/{stored.pk}/",
    ]

    outsider = page
    login(outsider, portal.url, "tuonggiang")
    for address in addresses:
        response = outsider.goto(portal.url + address)
        assert response.status == 404, address
        expect(outsider.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
        expect(outsider.locator("main")).not_to_contain_text("Đình Bảng")
        expect(outsider.locator("main")).not_to_contain_text(SECRET_SUMMARY)
        expect(outsider.locator("main")).not_to_contain_text("nghi-quyet-dinh-bang.pdf")
    assert run_axe(outsider) == []
    outsider.get_by_role("link", name="Về trang chính").click()
    expect(outsider.get_by_role("button", name="Đăng xuất")).to_be_visible()

    # The same assignment address is Đình Bảng's own page for its officer.
    owner = new_page()
    login(owner, portal.url, "dinhbang")
    response = owner.goto(portal.url + addresses[0])
    assert response.status == 200
    expect(owner.locator(f"#van-ban-{submission.pk}")).to_contain_text(SECRET_SUMMARY)
