"""End-to-end tests: Playwright for Python driving Debian's Chromium against a live server.

Chromium is installed by scripts/bootstrap.sh --test (apt-get); no browser is downloaded.
On failure a screenshot and the page's HTML are kept under test-artifacts/e2e/.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from accounts.demo import DEMO_PASSWORD, create_demo_accounts
from directives.loading import load_file

from ..conftest import DIRECTIVE_FILE, require_service

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
AXE_JS = Path(__file__).with_name("vendor") / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def chromium():
    require_service("Chromium", shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists(),
                    f"{CHROMIUM} (scripts/bootstrap.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def portal(transactional_db, live_server):
    """A live portal with the directive and the demo accounts loaded."""
    load_file(DIRECTIVE_FILE)
    create_demo_accounts()
    return live_server


def _new_page(chromium, request, viewport):
    context = chromium.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                   accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def _keep_artifacts(request, page, label):
    failed = getattr(request.node, "rep_call", None)
    if failed is None or not failed.failed:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:] + label
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as exc:  # the page may be gone; keep the original failure visible
        (ARTIFACTS / f"{name}.error.txt").write_text(repr(exc), encoding="utf-8")


@pytest.fixture
def page(chromium, request):
    context, page = _new_page(chromium, request, DESKTOP)
    yield page
    _keep_artifacts(request, page, "")
    context.close()


@pytest.fixture
def phone_page(chromium, request):
    context, page = _new_page(chromium, request, PHONE)
    yield page
    _keep_artifacts(request, page, "-phone")
    context.close()


@pytest.fixture
def new_page(chromium, request):
    """Open extra pages (a second official in another browser) with their own cookies."""
    opened = []

    def make(viewport=DESKTOP):
        context, page = _new_page(chromium, request, viewport)
        opened.append((context, page))
        return page

    yield make
    for i, (context, page) in enumerate(opened):
        _keep_artifacts(request, page, f"-{i}")
        context.close()


def login(page, base_url, username, password=DEMO_PASSWORD):
    page.goto(f"{base_url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("networkidle")


def run_axe(page):
    """Run axe-core in the page (page.evaluate is not subject to the page's CSP)."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def page_scrolls_horizontally(page):
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
