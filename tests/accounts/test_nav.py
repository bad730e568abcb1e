"""The navigation shows people management to the Office and the audit trail to the Office and
the tracking body, and to nobody else."""

import pytest
from django.urls import reverse

PEOPLE = 'href="/tai-khoan/don-vi/"'
AUDIT = 'href="/nhat-ky/"'


@pytest.mark.parametrize("who, people, audit_log", [
    ("office", True, True),
    ("admin", True, True),
    ("reviewer", False, True),
    ("observer", False, False),
    ("dinh_bang", False, False),
    ("dinh_bang_head", False, False),
])
def test_nav_links_follow_the_roles(client, cast, who, people, audit_log):
    client.force_login(getattr(cast, who))
    html = client.get(reverse("accounts:profile")).content.decode()
    assert (PEOPLE in html) is people
    assert (AUDIT in html) is audit_log
    assert 'href="/tai-khoan/"' in html  # everyone reaches their own account page
