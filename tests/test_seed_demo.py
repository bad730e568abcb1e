import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from django.urls import reverse

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from directives.models import Directive, Task
from tasks.models import Assignment, Membership


@pytest.fixture(autouse=True)
def debug_on(settings):
    # The test runner turns DEBUG off; seed_demo is a DEBUG-mode command.
    settings.DEBUG = True


def counts():
    return (Directive.objects.count(), Task.objects.count(), Assignment.objects.count(),
            get_user_model().objects.count(), Membership.objects.count())


def test_seed_demo_twice_is_idempotent(db):
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first
    assert first[0] == 1 and first[3] == len(DEMO_ACCOUNTS)


def test_demo_accounts_log_in_with_the_documented_password(db, client):
    call_command("seed_demo", verbosity=0)
    for username, *_rest in DEMO_ACCOUNTS:
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert client.session.get("_auth_user_id"), username
        client.post(reverse("logout"))


def test_demo_cast_has_the_roles_the_readme_lists(db):
    call_command("seed_demo", verbosity=0)
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
    call_command("seed_demo", "--force", verbosity=0)
    assert Directive.objects.exists()
