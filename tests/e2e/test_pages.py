"""The main pages as officials see them, at 375 px (a phone) and 1366 px (an office screen):
no sideways scrolling of the page itself (wide tables scroll inside their .table-responsive
box), touch targets big enough on the phone, and no serious or critical axe-core violation.

With UPDATE_SCREENSHOTS=1 the walk also writes the README's screenshots to docs/screenshots/
(see README, "Screenshots"); otherwise nothing is written.
"""

import io
import os
from pathlib import Path

import pytest

from .conftest import (
    DESKTOP, PHONE, login, page_scrolls_horizontally, run_axe, sideways_overflow, small_touch_targets,
)
from .scene import build_scene

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
UPDATE = os.environ.get("UPDATE_SCREENSHOTS") == "1"
# A phone screenshot of a long page keeps its first screens only.
SHOT_MAX_HEIGHT = {PHONE["width"]: 2600, DESKTOP["width"]: 2000}

# (what, who, address, screenshot name). `who` None: not signed in.
WALK = [
    ("login page", None, lambda s: "/dang-nhap/", "login"),
    ("password reset", None, lambda s: "/quen-mat-khau/", None),
    ("unit workspace", "dinhbang", lambda s: "/viec/", "workspace"),
    ("assignment page", "dinhbang", lambda s: f"/viec/{s.resolution.pk}/", None),
    ("submission form", "dinhbang", lambda s: f"/viec/{s.exercise.pk}/nop/", "submission"),
    ("receipt confirmation", "dinhbang",
     lambda s: f"/viec/chi-thi/{s.directive.pk}/don-vi/{s.resolution.unit_id}/tiep-nhan/", None),
    ("notifications", "dinhbang", lambda s: "/thong-bao/", None),
    ("own account", "dinhbang", lambda s: "/tai-khoan/", None),
    ("password change", "dinhbang", lambda s: "/doi-mat-khau/", None),
    ("review queue", "duqs", lambda s: "/viec/tham-dinh/", "review-queue"),
    ("submission review", "duqs", lambda s: f"/viec/van-ban/{s.pending.pk}/tham-dinh/", None),
    ("receipt report", "duqs", lambda s: "/viec/tiep-nhan/", None),
    ("dashboard", "duqs", lambda s: f"/theo-doi/chi-thi/{s.directive.pk}/?ngay={s.as_of:%d/%m/%Y}", "dashboard"),
    ("report list", "duqs", lambda s: "/theo-doi/bao-cao/", None),
    ("report form", "duqs", lambda s: "/theo-doi/bao-cao/moi/", None),
    ("report page", "duqs", lambda s: f"/theo-doi/bao-cao/{s.report.pk}/", "report"),
    ("directive list", "duqs", lambda s: "/chi-thi/", None),
    ("directive page", "duqs", lambda s: f"/chi-thi/{s.directive.pk}/", None),
    ("reminder log", "duqs", lambda s: "/nhac-viec/", None),
    ("reminder settings", "duqs", lambda s: "/nhac-viec/cau-hinh/", None),
    ("reminder settings of a directive", "duqs", lambda s: f"/nhac-viec/cau-hinh/{s.directive.pk}/", None),
    ("urge text template", "duqs", lambda s: f"/nhac-viec/don-doc/mau/{s.directive.pk}/", None),
    ("audit trail", "vanphong", lambda s: "/nhat-ky/", None),
    ("units and people", "vanphong", lambda s: "/tai-khoan/don-vi/", None),
    ("people", "vanphong", lambda s: "/tai-khoan/can-bo/", None),
]
SCREENSHOT_NAMES = sorted({shot for *_rest, shot in WALK if shot})


def _screenshot(page, name, viewport):
    """Save the page as a 256-colour PNG (a third of the size, no visible loss for a UI)."""
    from PIL import Image

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = min(page.evaluate("() => document.documentElement.scrollHeight"),
                 SHOT_MAX_HEIGHT[viewport["width"]])
    png = page.screenshot(full_page=True, animations="disabled",
                          clip={"x": 0, "y": 0, "width": viewport["width"], "height": height})
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(SCREENSHOTS / f"{name}-{viewport['width']}.png", optimize=True)


def _fill_submission_form(page):
    """The form as an officer is about to send it."""
    page.get_by_label("Số và ký hiệu").fill("15-BC/ĐU")
    page.get_by_label("Ngày ban hành").fill("20/06/2022")
    page.get_by_label("Người ký").fill("Nguyễn Văn Bình")
    page.get_by_label("Trích yếu, nội dung chính").fill(
        "Báo cáo kết quả chuẩn bị điều kiện, cơ sở vật chất và tổ chức diễn tập chiến đấu phòng thủ "
        "phường Đình Bảng năm 2022")
    page.evaluate("() => document.activeElement.blur()")


def _problems(page, what, viewport):
    where = f"{what} at {viewport['width']} px"
    found = []
    overflow = sideways_overflow(page)
    if overflow or page_scrolls_horizontally(page):
        found.append(f"{where}: the page scrolls sideways ({', '.join(overflow) or 'no single culprit'})")
    if viewport is PHONE:
        small = small_touch_targets(page)
        if small:
            found.append(f"{where}: touch targets under 36 px: {'; '.join(small)}")
    for v in run_axe(page):
        found.append(f"{where}: axe {v['impact']} {v['id']} – {v['help']} – {v['nodes']}")
    return found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1366px"])
def test_main_pages_fit_the_screen_and_have_no_serious_accessibility_problem(portal, new_page, viewport):
    scene = build_scene()
    pages = {}
    problems = []
    for what, who, address, shot in WALK:
        if who not in pages:
            pages[who] = new_page(viewport)
            if who:
                login(pages[who], portal.url, who)
        page = pages[who]
        response = page.goto(portal.url + address(scene))
        assert response.status == 200, f"{what}: {response.status} at {page.url}"
        problems += _problems(page, what, viewport)
        if shot and UPDATE:
            if shot == "submission":
                _fill_submission_form(page)
            _screenshot(page, shot, viewport)
    assert not problems, "\n".join(problems)


def test_the_readme_shows_a_current_screenshot_of_each_main_page():
    readme = (SCREENSHOTS.parents[1] / "README.md").read_text(encoding="utf-8")
    for name in SCREENSHOT_NAMES:
        for width in (PHONE["width"], DESKTOP["width"]):
            file = SCREENSHOTS / f"{name}-{width}.png"
            assert file.exists(), f"{file} is missing: run UPDATE_SCREENSHOTS=1 pytest tests/e2e/test_pages.py"
            assert file.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert f"docs/screenshots/{file.name}" in readme, f"README.md does not show {file.name}"


def test_the_checks_catch_a_page_too_wide_a_button_too_small_and_a_field_without_label(portal, phone_page):
    phone_page.goto(f"{portal.url}/dang-nhap/")
    assert not page_scrolls_horizontally(phone_page) and sideways_overflow(phone_page) == []
    assert small_touch_targets(phone_page) == [] and run_axe(phone_page) == []
    phone_page.evaluate("""() => {
        const wide = document.createElement('div'); wide.id = 'too-wide'; wide.style.width = '600px';
        wide.textContent = 'x'; document.querySelector('main').appendChild(wide);
        const tiny = document.createElement('button'); tiny.id = 'tiny'; tiny.style.minHeight = '0';
        tiny.style.height = '20px'; tiny.textContent = 'OK'; document.querySelector('main').appendChild(tiny);
        const bare = document.createElement('input'); bare.id = 'unlabelled'; document.querySelector('form').appendChild(bare);
    }""")
    assert "label" in {v["id"] for v in run_axe(phone_page)}
    assert page_scrolls_horizontally(phone_page)
    assert any(e.startswith("div#too-wide") for e in sideways_overflow(phone_page))
    assert any(e.startswith('button#tiny "OK" 20px') for e in small_touch_targets(phone_page))
