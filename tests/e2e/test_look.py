"""The look's measurable promises, read from the browser's computed styles: the unread
notification's link and grey text at least 4.5:1 on the unread item's yellow, a solid focus
ring at least 2 px wide (WCAG 2.2 focus appearance) on the page and on the red menu bar, and
the bell's count refreshing without a reload."""

from django.contrib.auth import get_user_model

from notifications.services import notify

from .conftest import DESKTOP, login

CONTRAST = """(selector) => {
  function rgb(s) { return s.match(/[\\d.]+/g).map(Number).slice(0, 3); }
  function lum(c) { const a = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                    return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }
  function bg(el) { while (el) { const c = getComputedStyle(el).backgroundColor;
                      if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; el = el.parentElement; }
                    return 'rgb(255, 255, 255)'; }
  return Array.from(document.querySelectorAll(selector)).map(el => {
    const f = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bg(el)));
    return (Math.max(f, b) + 0.05) / (Math.min(f, b) + 0.05);
  });
}"""
FOCUS = """() => { const s = getComputedStyle(document.activeElement);
  return [s.outlineStyle, parseFloat(s.outlineWidth), document.activeElement.closest('.portal-navbar') !== null]; }"""


def test_unread_items_read_well_and_focus_is_plainly_visible(portal, new_page):
    officer = get_user_model().objects.get(username="dinhbang")
    notify([officer], "reminder", "Nhắc việc: nhiệm vụ 1.1 đến hạn", body="Đề nghị nộp báo cáo.", url="/viec/")
    page = new_page(DESKTOP)
    login(page, portal.url, "dinhbang")
    page.goto(portal.url + "/thong-bao/")
    ratios = page.evaluate(CONTRAST, "#notification-list .list-group-item-warning a, "
                                     "#notification-list .list-group-item-warning .btn-link, "
                                     "#notification-list .list-group-item-warning .text-body-secondary")
    assert ratios and min(ratios) >= 4.5, ratios
    seen = {True: False, False: False}
    for _ in range(12):
        page.keyboard.press("Tab")
        style, width, in_menu = page.evaluate(FOCUS)
        assert style == "solid" and width >= 2, (style, width)
        seen[in_menu] = True
    assert seen[True]  # the menu bar's links were among them


def test_the_bell_count_refreshes_without_a_reload(portal, new_page):
    officer = get_user_model().objects.get(username="dinhbang")
    page = new_page(DESKTOP)
    login(page, portal.url, "dinhbang")
    page.goto(portal.url + "/viec/")
    # No unread notification: the badge is empty.
    shown = page.locator("#notification-count").inner_text().strip()
    notify([officer], "urge", "Đôn đốc: nhiệm vụ 1.1")
    # The page asks every minute and whenever it becomes visible again.
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_function(
        "(b) => { const t = document.getElementById('notification-count').textContent.trim(); return t && t !== b; }",
        arg=shown, timeout=10000)
    assert int(page.locator("#notification-count").inner_text()) == int(shown or 0) + 1
