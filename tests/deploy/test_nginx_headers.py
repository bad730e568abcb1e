"""What the repository's nginx configurations tell gunicorn, checked with Debian's nginx in
front of a small upstream that echoes the headers it receives: the forwarded protocol and
the X-Forwarded-For chain that TRUSTED_PROXY_COUNT counts, in both modes."""

import json
import os
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.conftest import require_service
from tests.deploy.nginx_harness import ROOT, nginx_binary, write_config

PORT_BASE = int(os.environ.get("TUSON_TEST_PORT_BASE", "8140"))
HTTP_PORT, HTTPS_PORT, UPSTREAM_PORT = PORT_BASE + 5, PORT_BASE + 6, PORT_BASE + 7


class Echo(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({k.lower(): v for k, v in self.headers.items()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def echo():
    server = ThreadingHTTPServer(("127.0.0.1", UPSTREAM_PORT), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield
    server.shutdown()
    server.server_close()


def _run_nginx(tmp_path, conf, https):
    nginx = nginx_binary()
    require_service("nginx", nginx is not None, "scripts/bootstrap.sh --test installs Debian's nginx")
    certs = tmp_path / "certs"
    if https:
        subprocess.run([str(ROOT / "deploy/make-cert.sh"), "127.0.0.1", str(certs)], check=True,
                       capture_output=True)
    (tmp_path / "media").mkdir()
    config = write_config(tmp_path / "nginx", conf=conf, upstream=f"127.0.0.1:{UPSTREAM_PORT}",
                          http_port=HTTP_PORT, https_port=HTTPS_PORT if https else None,
                          cert_dir=certs, media_root=tmp_path / "media")
    process = subprocess.Popen([nginx, "-c", str(config), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", HTTP_PORT)) == 0:
                return process, certs / "fullchain.pem"
        time.sleep(0.05)
    process.kill()
    pytest.fail("nginx did not start")


def _get(url, **kwargs):
    session = requests.Session()
    session.trust_env = False
    return session.get(url, timeout=10, allow_redirects=False, **kwargs)


def test_tls_mode_sends_https_whatever_the_client_claims(tmp_path, echo):
    process, cert = _run_nginx(tmp_path, "portal.conf", https=True)
    try:
        seen = _get(f"https://127.0.0.1:{HTTPS_PORT}/x", verify=str(cert),
                    headers={"X-Forwarded-Proto": "http", "X-Forwarded-For": "203.0.113.9"}).json()
        assert seen["x-forwarded-proto"] == "https"
        # The client's own entry stays on the left; nginx appends the address it saw, which
        # is the one TRUSTED_PROXY_COUNT=1 picks.
        assert seen["x-forwarded-for"] == "203.0.113.9, 127.0.0.1"
        assert seen["host"] == f"127.0.0.1:{HTTPS_PORT}"
        health = _get(f"http://127.0.0.1:{HTTP_PORT}/nginx-health")
        assert health.status_code == 200 and health.text == "ok\n"
        assert _get(f"http://127.0.0.1:{HTTP_PORT}/x").status_code == 301
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_behind_another_proxy_passes_its_protocol_and_appends_to_the_chain(tmp_path, echo):
    process, _ = _run_nginx(tmp_path, "portal-behind-proxy.conf", https=False)
    try:
        url = f"http://127.0.0.1:{HTTP_PORT}/x"
        # As the outer proxy sends it: the client's address appended, TLS terminated.
        seen = _get(url, headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.4"}).json()
        assert seen["x-forwarded-proto"] == "https"
        assert seen["x-forwarded-for"] == "198.51.100.4, 127.0.0.1"  # TRUSTED_PROXY_COUNT=2 → 198.51.100.4
        assert _get(url).json()["x-forwarded-proto"] == "http"
        assert _get(url, headers={"X-Forwarded-Proto": "javascript"}).json()["x-forwarded-proto"] == "http"
        assert _get(f"http://127.0.0.1:{HTTP_PORT}/nginx-health").text == "ok\n"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_portal_reads_the_chain_as_documented(rf, settings):
    from accounts.ip import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 127.0.0.1", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "127.0.0.1"  # nginx saw the client at 127.0.0.1 in the test above
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.4, 10.0.0.3", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "198.51.100.4"
