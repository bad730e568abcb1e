import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from accounts.demo_activity import notify_assignments
from directives.models import Directive, Task
from notifications.models import Notification
from reports.models import Report
from tasks.models import Assignment, Membership, Submission, Unit
from tasks.status import Status


@pytest.fixture(autouse=True)
def debug_on(settings):
    # The test runner turns DEBUG off; seed_demo is a DEBUG-mode command.
    settings.DEBUG = True


def counts():
    return (Directive.objects.count(), Task.objects.count(), Assignment.objects.count(),
            get_user_model().objects.count(), Membership.objects.count(), Submission.objects.count(),
            Report.objects.count(), Notification.objects.count())


def test_seed_demo_twice_is_idempotent(db):
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    assert first[0] == 1 and first[3] == len(DEMO_ACCOUNTS)


def test_demo_accounts_log_in_with_the_documented_password(db, client):
    call_command("seed_demo", "--no-activity", verbosity=0)
    for username, *_rest in DEMO_ACCOUNTS:
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.session.get("_auth_user_id"), username
        client.post(reverse("logout"))


def test_demo_cast_has_the_roles_the_readme_lists(db):
    call_command("seed_demo", "--no-activity", verbosity=0)
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="dinhbang").memberships.get().unit.short_name == "Đình Bảng"
    assert User.objects.get(username="dinhbang.lanhdao").memberships.get().role == "head"
    assert User.objects.get(username="duqs").memberships.get().unit.key == "duqs"


def test_seed_demo_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", verbosity=0)
    assert not Directive.objects.exists()
    call_command("seed_demo", "--force", "--no-activity", verbosity=0)
    assert Directive.objects.exists()


def test_the_demo_is_a_portal_in_use(db, client):
    """Once, the work of 2022 partly done: accepted and returned resolutions, a resolution
    awaiting review with its PDF, completed work on the dashboard, a progress report asked for."""
    call_command("seed_demo", verbosity=0)
    statuses = set(Submission.objects.values_list("status", flat=True))
    assert statuses == {"accepted", "returned", "pending"}
    pending = Submission.objects.get(status="pending")
    assert pending.assignment.unit.key == "p-dinh-bang" and pending.files.get().original_name.endswith(".pdf")
    assert pending.files.get().size > 1000  # a rendered page, not an empty file
    assert Assignment.objects.filter(completed_on__isnull=False).count() > 50
    assert Report.objects.filter(requested_by__username="duqs").exists()

    client.force_login(get_user_model().objects.get(username="duqs"))
    queue = client.get(reverse("tasks:review_queue")).content.decode()
    assert "05-NQ/ĐU" in queue
    directive = Directive.objects.get()
    page = client.get(reverse("reports:dashboard", args=[directive.pk]), {"ngay": "30/06/2022"})
    assert page.context["data"].summary.done_on_time > 0 and page.context["data"].summary.open_overdue > 0


def test_dinh_bangs_pending_resolution_is_dated_2022_and_awaits_review_as_of_30_june(db, client):
    """The demo tells one story: every piece of its activity is of 2022, Đình Bảng's resolution
    awaiting review included, so the dashboard as of 30/06/2022 shows it waiting."""
    call_command("seed_demo", verbosity=0)
    pending = Submission.objects.get(status="pending")
    assert timezone.localdate(pending.submitted_at) == datetime.date(2022, 1, 24)
    assert all(at.year == 2022 for at in Submission.objects.values_list("submitted_at", flat=True))
    assert pending.assignment.last_submitted_at == pending.submitted_at  # the trigger-kept fact follows
    told = Notification.objects.filter(kind=Notification.Kind.SUBMITTED)
    assert told.exists() and all(n.created_at.year == 2022 for n in told)

    client.force_login(get_user_model().objects.get(username="duqs"))
    directive = Directive.objects.get()
    dinh_bang = Unit.objects.get(key="p-dinh-bang")
    page = client.get(reverse("reports:dashboard", args=[directive.pk]),
                      {"ngay": "30/06/2022", "don_vi": dinh_bang.pk})
    data = page.context["data"]
    assert data.summary.awaiting_review == 1
    assert [u.awaiting_review for u in data.units] == [1]
    status = Assignment.objects.with_status(datetime.date(2022, 6, 30)).get(pk=pending.assignment_id).status
    assert status == Status.AWAITING_REVIEW



def test_demo_officials_find_their_units_new_assignments_under_the_bell(db):
    """The directive is loaded before the accounts exist, so its load tells nobody: seed_demo
    sends the "new task assigned" items afterwards, once, dated the day the directive was issued."""
    call_command("seed_demo", verbosity=0)
    assigned = Notification.objects.filter(kind=Notification.Kind.ASSIGNED)
    total = assigned.count()
    directive = Directive.objects.get()
    wards = Unit.objects.filter(kind=Unit.Kind.WARD)
    for username, ward_key in [("tuonggiang", "p-tuong-giang"), ("dinhbang", "p-dinh-bang")]:
        ward = wards.get(key=ward_key)
        work = Assignment.objects.filter(unit=ward, task__directive=directive, is_cancelled=False).count()
        items = list(assigned.filter(recipient__username=username))
        # One item per unit and directive, naming the unit and how much work fell to it.
        assert len(items) == 1, username
        title = items[0].title
        assert title.startswith(ward.display_name) and f" {work} " in title and directive.number_symbol in title
        assert not any(other.display_name in title for other in wards.exclude(pk=ward.pk))
        assert items[0].created_at.date() == directive.issued_on and items[0].read_at is None
    # Everyone in a unit with work hears of it; nobody outside a unit does.
    assert assigned.filter(recipient__username="dinhbang.lanhdao").count() == 1
    assert not assigned.filter(recipient__username__in=["admin", "lanhdao"]).exists()

    call_command("seed_demo", verbosity=0)
    assert assigned.count() == total


def test_the_demos_new_assignment_items_take_a_query_per_unit_not_per_assignment(db):
    call_command("seed_demo", "--no-activity", verbosity=0)
    Notification.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        assert notify_assignments()
    assert len(queries) <= 2 * Unit.objects.count() + 10 < Assignment.objects.count()
