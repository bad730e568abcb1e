"""Content-Security-Policy on every page, and no inline script in ours."""

import re

from django.urls import reverse


def scripts(html):
    return re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)


def test_pages_send_a_csp_without_inline_script(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_account_pages_load_scripts_only_from_static_files(client, office_user, ward, person):
    client.force_login(office_user)
    for url in [reverse("login"), reverse("accounts:profile"), reverse("accounts:two_factor"),
                reverse("accounts:unit_list"), reverse("accounts:unit_detail", args=[ward.pk]),
                reverse("accounts:person_list"), reverse("accounts:person_detail", args=[person.pk]),
                reverse("accounts:security_policy"), reverse("audit:list"), reverse("password_change")]:
        html = client.get(url).content.decode()
        for attrs, body in scripts(html):
            assert 'src="/static/' in attrs and not body.strip(), url
        assert "https://cdn" not in html and " onclick=" not in html and " onsubmit=" not in html, url
