"""The client's address behind reverse proxies: one rule for the lockout and the audit trail."""

import pytest
from django.test import RequestFactory

from accounts.ip import client_ip
from audit.models import AuditEntry
from tests.accounts.conftest import login


def request(remote="10.0.0.2", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="198.51.100.1")) == "10.0.0.2"


@pytest.mark.parametrize("forwarded, proxies, expected", [
    ("203.0.113.7", 1, "203.0.113.7"),
    ("1.2.3.4, 203.0.113.7", 1, "203.0.113.7"),          # the client wrote 1.2.3.4 itself
    ("1.2.3.4, 203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),
    ("203.0.113.7", 2, "203.0.113.7"),                     # fewer entries than proxies
    ("not-an-ip", 1, "10.0.0.2"),
    ("2001:db8::1", 1, "2001:db8::1"),
    ("203.0.113.7:51234", 1, "203.0.113.7"),
])
def test_the_nth_address_from_the_right_is_the_client(settings, forwarded, proxies, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request(forwarded=forwarded)) == expected


def test_a_missing_header_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request()) == "10.0.0.2"


def test_lockout_and_audit_use_the_forwarded_address(client, person, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        login(client, person.username, "sai", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7")
    assert set(AuditEntry.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # Another client behind the same proxy is not locked out.
    response = login(client, person.username, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 302
