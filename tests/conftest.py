import os
from types import SimpleNamespace

import pytest
from django.conf import settings

from accounts.demo import create_demo_accounts
from directives.loading import DATA_DIR, load_file
from tests.snapshots import replayed

DIRECTIVE_FILE = DATA_DIR / "03-CT-TU-2022.yaml"
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


def require_service(name, available, reason=""):
    """Skip a test that needs a missing service locally; in CI (REQUIRE_SERVICES=1) fail it."""
    if available:
        return
    message = f"{name} is not available{': ' + reason if reason else ''}"
    if REQUIRE_SERVICES:
        pytest.fail(message + " (REQUIRE_SERVICES=1: services are mandatory here)")
    pytest.skip(message)


def uses_postgres():
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts and ends in the site's language: a request in English leaves English
    active in the thread (LocaleMiddleware activates, nothing deactivates), and the next test
    of the same worker would otherwise render its labels in English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: a value cached by an earlier test of the same worker
    (the two-factor policy's version, kept 60 s) would otherwise expire in the middle of a
    later one and change what that test sees and how many queries its requests run."""
    from django.core.cache import caches

    from reports.dashboard import facts

    for cache in caches.all(initialized_only=True):
        cache.clear()
    facts.forget()  # the dashboard's facts kept in the process (a flushed database restarts the data version)


# Rows written by data migrations (the beat's periodic tasks).
DATA_MIGRATIONS = ("reminders.migrations.0002_schedule_and_policies", "reports.migrations.0002_monthly_report_schedule",
                   "reports.migrations.0004_dashboard_warming_schedule")


@pytest.fixture
def migrated_schedule(db):
    """The rows the data migrations wrote. A transactional test (live server, real workers) ends
    with a flush that empties every table, so a test that runs after one on the same database
    (pytest-xdist decides the order) would find them gone: write them back with the migrations'
    own, idempotent, functions."""
    from importlib import import_module

    from django.apps import apps

    for module in DATA_MIGRATIONS:
        import_module(module).forwards(apps, None)


@pytest.fixture
def directive(db):
    """Chỉ thị 03-CT/TU loaded from its structured file, with its units and grants (the rows
    of the first load replayed in later tests: tests/snapshots.py)."""
    from directives.models import Directive

    return replayed("directive", lambda: load_file(DIRECTIVE_FILE).directive,
                    result_of=lambda directive: directive.pk,
                    rebuild=lambda pk: Directive.objects.get(pk=pk))


@pytest.fixture
def cast(directive):
    """The named cast of the permission tests, from the demo accounts."""
    from django.contrib.auth import get_user_model

    replayed("cast", create_demo_accounts, result_of=lambda created: None)
    users = {u.username: u for u in get_user_model().objects.all()}
    return SimpleNamespace(
        admin=users["admin"],
        office=users["vanphong"],
        reviewer=users["duqs"],
        observer=users["lanhdao"],
        dinh_bang=users["dinhbang"],
        dinh_bang_head=users["dinhbang.lanhdao"],
        tuong_giang=users["tuonggiang"],
        tam_son=users["tamson"],
        department=users["ldtbxh"],
    )


@pytest.fixture(autouse=True, scope="session")
def reports_rendered_once():
    """The report jobs (reports.pdf.services) render each distinct HTML once per process.

    Rendering the test directive's report (~20 pages) costs about 2 s of CPU, and many report
    tests produce exactly the same HTML (the same fixtures, the same frozen date): WeasyPrint
    turns the same HTML, fonts and static files into the same bytes (no date of its own in the
    file), so a later job gets a copy of the first one's RenderedPdf. Everything around the
    render (context, HTML, DOCX, signing, storing, notifying) still runs each time. The
    renderer's own tests (tests/reports/test_pdf_{format,fonts,fetcher}.py) call
    reports.pdf.render.html_to_pdf directly: never memoised. A test that monkeypatches
    services.html_to_pdf replaces this wrapper for its duration. TUSON_TEST_PDF_MEMO=0 turns it
    off."""
    if os.environ.get("TUSON_TEST_PDF_MEMO") == "0":
        yield
        return
    import copy
    import hashlib
    from collections import OrderedDict

    from reports.pdf import services

    real = services.html_to_pdf
    memo = OrderedDict()

    def html_to_pdf(html):
        key = (hashlib.sha256(html.encode("utf-8")).digest(), repr(settings.STATICFILES_DIRS))
        if key not in memo:
            memo[key] = real(html)
            while len(memo) > 24:
                memo.popitem(last=False)
        memo.move_to_end(key)
        return copy.deepcopy(memo[key])

    services.html_to_pdf = html_to_pdf
    yield
    services.html_to_pdf = real


def _file_weight(item):
    """Browser tests and real workers take tens of seconds a test; a file of them started last
    keeps one pytest-xdist worker busy while the other has nothing left to do."""
    if "tests/e2e/" in str(item.fspath):
        return 0
    if item.get_closest_marker("worker") is not None:
        return 1
    return 2


def pytest_collection_modifyitems(items):
    """The longest files first (pytest-xdist hands out whole files in this order with
    --no-loadscope-reorder, see the Makefile): browser tests, then real workers, then the
    others by number of tests, so the run ends on short files on both workers. The order within
    a file is kept; tests never depend on the order of files."""
    sizes = {}
    for item in items:
        sizes[item.nodeid.split("::")[0]] = sizes.get(item.nodeid.split("::")[0], 0) + 1
    items.sort(key=lambda item: (_file_weight(item), -sizes[item.nodeid.split("::")[0]]))
