"""One set of status colours on every page: each status of the models shown as a badge has
its colour in tasks.templatetags.tasks_tags.STATUS_STYLES, and the pages draw it through
the one tag (or the include that uses it)."""

from pathlib import Path

import pytest

from directives.models import Directive
from reports.models import Report
from tasks.models import ExtensionRequest, Submission
from tasks.status import Status
from tasks.templatetags.tasks_tags import STATUS_STYLES, status_badge

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.mark.parametrize("choices", [Status, Submission.Status, ExtensionRequest.Status, Report.Status,
                                     Directive.Status])
def test_every_status_has_its_colour(choices):
    missing = [value for value in choices.values if value not in STATUS_STYLES]
    assert not missing, f"{choices.__qualname__}: no colour for {missing}"


def test_the_colours_mean_the_same_thing_everywhere():
    for late in ("overdue", "failed", "rejected"):
        assert STATUS_STYLES[late] == "danger"
    for done in ("done_on_time", "done_late", "accepted", "approved", "ready", "published"):
        assert STATUS_STYLES[done] == "success"
    assert str(status_badge("ready", "Đã xong")) == '<span class="badge text-bg-success">Đã xong</span>'


def test_pages_draw_statuses_through_the_one_tag():
    """No page writes a status's label in a badge of its own making."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if "pdf/" in str(path) or "email/" in str(path):
            continue
        for line in text.splitlines():
            if "get_status_display" in line and 'class="badge' in line and "reminders" not in str(path):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {line.strip()[:120]}")
    assert not offenders, "\n".join(offenders)
