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


# One browser per test module, not per session: Playwright's sync API keeps an event loop
# running in the thread while it is open, and every later test of that xdist worker (the
# browser files run first, tests/conftest.py) would find it there (pyHanko's asyncio.run).
@pytest.fixture(scope="module")
def chromium():
    require_service("Chromium", shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists(),
                    f"{CHROMIUM} (scripts/bootstrap.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def eager_celery(settings):
    """Run Celery tasks inline in the live server's thread.

    The live server's test database (test_<name> on PostgreSQL, an in-memory or temporary
    file on SQLite) cannot be reached by a worker started outside this process, so even when
    CELERY_BROKER_URL is set (CI) the browser tests run tasks eagerly; the journeys still wait
    for the report page to say the job is done, exactly as with a worker.
    """
    from tuson_qp.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def portal(transactional_db, live_server, eager_celery):
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


def login(page, base_url, username, password=DEMO_PASSWORD, *, expect_success=True):
    """Sign in from the login page, as a person does."""
    from playwright.sync_api import expect

    page.goto(f"{base_url}/dang-nhap/")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    if expect_success:
        expect(page).not_to_have_url(re.compile(r"/dang-nhap/"))
        expect(page.get_by_role("button", name="Đăng xuất", include_hidden=True)).to_be_attached()


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


@pytest.fixture(scope="session")
def resolution_file(tmp_path_factory):
    """A real PDF of Đình Bảng's implementing resolution, under its Vietnamese file name."""
    from .flows import RESOLUTION_FILE, resolution_pdf

    path = tmp_path_factory.mktemp("uploads") / RESOLUTION_FILE
    path.write_bytes(resolution_pdf())
    return path


def sideways_overflow(page):
    """Elements that stick out to the right of the window outside any scrolling box: what
    makes the page itself scroll sideways (empty when it does not)."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
            return false; };
        const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (el.classList.length ? '.' + [...el.classList].slice(0, 3).join('.') : '');
        const out = [];
        for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.width && r.right > width + 1 && !scrolls(el)) out.push(name(el) + ' (' + Math.round(r.right) + 'px)');
            if (out.length >= 5) break;
        }
        return out;
    }""")


def small_touch_targets(page, minimum=36):
    """Visible buttons, fields and menu links less than `minimum` CSS pixels high."""
    return page.evaluate("""(minimum) => {
        const sel = 'button, .btn, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), ' +
                    'select, textarea, .nav-link, .page-link, .form-check-input';
        const out = [];
        for (const el of document.querySelectorAll(sel)) {
            const r = el.getBoundingClientRect();
            // Not shown (or visually hidden, 1 px, with its label as the visible target).
            if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
            const small = el.matches('.form-check-input') ? Math.max(r.width, r.height) < 18 : r.height < minimum;
            if (small) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' +
                                (el.innerText || el.value || el.name || '').trim().slice(0, 30) + '" ' + Math.round(r.height) + 'px');
        }
        return out.slice(0, 8);
    }""", minimum)
