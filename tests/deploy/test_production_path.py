"""The production path without Docker: gunicorn with DEBUG=0 and the production settings
behind Debian's nginx running the repository's TLS configuration (deploy/nginx/portal.conf)
with a certificate from deploy/make-cert.sh. A person signs in over https, uploads, downloads
through X-Accel-Redirect; static files, the http→https redirect, /healthz and the container's
health check script are exercised too. Needs PostgreSQL and Redis (shared with the test
process) and nginx; skipped locally without them, failed in CI (REQUIRE_SERVICES=1)."""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

import audit
from accounts.demo import DEMO_PASSWORD
from audit.models import AuditEntry
from tasks.models import Submission, SubmissionFile
from tests.conftest import require_service, uses_postgres
from tests.deploy.nginx_harness import ROOT, nginx_binary, write_config
from tests.tasks import files
from tests.tasks.helpers import first_assignment

PORT_BASE = int(os.environ.get("TUSON_TEST_PORT_BASE", "8140"))
GUNICORN_PORT, HTTP_PORT, HTTPS_PORT = PORT_BASE + 1, PORT_BASE + 2, PORT_BASE + 3
BIN = Path(sys.executable).parent


def _database_url():
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _broker_url():
    url = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return url
    except redis.exceptions.RedisError:
        return None


def _wait_for_port(port, process, name, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} stopped: {process.stdout.read() if process.stdout else ''}")
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"{name} did not listen on {port}")


def _stop(process):
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def stack(tmp_path, cast):
    require_service("PostgreSQL", uses_postgres(), "gunicorn reads the test database")
    broker = _broker_url()
    require_service("Redis", broker is not None, "/healthz checks the broker")
    nginx = nginx_binary()
    require_service("nginx", nginx is not None, "scripts/bootstrap.sh --test installs Debian's nginx")
    for port in (GUNICORN_PORT, HTTP_PORT, HTTPS_PORT):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                pytest.fail(f"port {port} is taken; set TUSON_TEST_PORT_BASE")

    # The test settings hash with MD5, which production does not accept: PBKDF2 (few rounds).
    hasher = PBKDF2PasswordHasher()
    cast.dinh_bang.password = hasher.encode(DEMO_PASSWORD, hasher.salt(), iterations=1000)
    cast.dinh_bang.save(update_fields=["password"])

    media, static, certs = tmp_path / "media", tmp_path / "static", tmp_path / "certs"
    media.mkdir()
    subprocess.run([str(ROOT / "deploy" / "make-cert.sh"), "127.0.0.1", str(certs)], check=True,
                   capture_output=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TUSON_", "PYTEST_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tuson_qp.settings", DEBUG="0", SECRET_KEY="p" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost", SITE_URL=f"https://127.0.0.1:{HTTPS_PORT}",
        DATABASE_URL=_database_url(), CELERY_BROKER_URL=broker, CELERY_TASK_ALWAYS_EAGER="1",
        TUSON_VAR_DIR=str(tmp_path / "var"), MEDIA_ROOT=str(media), STATIC_ROOT=str(static),
        STATIC_COMPRESS="0", SENDFILE_MODE="nginx", TRUSTED_PROXY_COUNT="1",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "mail"), WEB_CONCURRENCY="1", LOG_LEVEL="WARNING",
    )
    subprocess.run([str(BIN / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    config = write_config(tmp_path / "nginx", upstream=f"127.0.0.1:{GUNICORN_PORT}", http_port=HTTP_PORT,
                          https_port=HTTPS_PORT, cert_dir=certs, media_root=media)
    tested = subprocess.run([nginx, "-t", "-q", "-c", str(config)], capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr

    web = proxy = None
    try:
        web = subprocess.Popen(
            [str(BIN / "gunicorn"), "tuson_qp.wsgi:application", "--config", "deploy/gunicorn.conf.py",
             "--bind", f"127.0.0.1:{GUNICORN_PORT}"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        proxy = subprocess.Popen([nginx, "-c", str(config), "-g", "daemon off;"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        _wait_for_port(GUNICORN_PORT, web, "gunicorn")
        _wait_for_port(HTTPS_PORT, proxy, "nginx")
        yield SimpleNamespace(base=f"https://127.0.0.1:{HTTPS_PORT}", cert=str(certs / "fullchain.pem"),
                              env=env, nginx_dir=tmp_path / "nginx")
    finally:
        _stop(proxy)
        _stop(web)


def _post(session, url, data, referer, **kwargs):
    data = {**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]}
    return session.post(url, data=data, headers={"Referer": referer}, allow_redirects=False,
                        timeout=30, **kwargs)


@pytest.mark.django_db(transaction=True)
def test_sign_in_upload_download_static_and_health_through_nginx_and_gunicorn(stack, cast, directive):
    base = stack.base
    web = requests.Session()
    web.trust_env = False  # REQUESTS_CA_BUNDLE and the like would override `verify`
    web.verify = stack.cert  # the self-signed certificate is the only one trusted

    # http is only a redirect to https.
    moved = requests.get(f"http://127.0.0.1:{HTTP_PORT}/dang-nhap/?a=1", allow_redirects=False, timeout=10)
    assert moved.status_code == 301 and moved.headers["Location"] == "https://127.0.0.1/dang-nhap/?a=1"

    # /healthz: database and broker up, nothing else told to an anonymous caller.
    health = web.get(f"{base}/healthz", timeout=10)
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    check = subprocess.run([str(BIN / "python"), "deploy/healthcheck.py", "web"], cwd=ROOT,
                           env={**stack.env, "HEALTHCHECK_ADDRESS": f"127.0.0.1:{GUNICORN_PORT}"},
                           capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stdout + check.stderr

    # The sign-in page over TLS, with the production headers and hashed static files.
    page = web.get(f"{base}/dang-nhap/", timeout=10)
    assert page.status_code == 200
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    css = re.search(r'href="(/static/css/portal\.[0-9a-f]{12}\.css)"', page.text)
    assert css, "DEBUG=0 serves hashed static names"
    static = web.get(base + css.group(1), timeout=10)
    assert static.status_code == 200 and "text/css" in static.headers["Content-Type"]
    assert "immutable" in static.headers["Cache-Control"]

    signed_in = _post(web, f"{base}/dang-nhap/", {"username": "dinhbang", "password": DEMO_PASSWORD},
                      f"{base}/dang-nhap/")
    assert signed_in.status_code == 302, signed_in.text[:2000]
    assert web.cookies.get("sessionid")

    # Upload Đình Bảng's resolution through the form.
    assignment = first_assignment("p-dinh-bang", directive, Submission.Kind.RESOLUTION)
    form_url = base + reverse("tasks:submission_create", args=[assignment.pk])
    assert web.get(form_url, timeout=10).status_code == 200
    content = files.pdf_bytes()
    uploaded = _post(web, form_url, {
        "kind": Submission.Kind.RESOLUTION, "number_symbol": "05-NQ/ĐU", "issued_on": "15/01/2022",
        "signer": "Nguyễn Văn Bình", "summary": "Nghị quyết lãnh đạo công tác quân sự, quốc phòng năm 2022",
        "client_token": str(uuid.uuid4()),
    }, form_url, files={"files": ("Nghị quyết 05.pdf", content, "application/pdf")})
    assert uploaded.status_code == 302, uploaded.text[:2000]
    stored = SubmissionFile.objects.get()
    assert (Path(stack.env["MEDIA_ROOT"]) / stored.file.name).read_bytes() == content

    # The download: gunicorn checks and audits, nginx sends the bytes from its internal location.
    download = web.get(base + reverse("tasks:file_download", args=[stored.pk]), timeout=10)
    assert download.status_code == 200 and download.content == content
    assert "X-Accel-Redirect" not in download.headers
    assert download.headers["Content-Disposition"].startswith('attachment; filename="Nghi quyet 05.pdf"')
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.get(action=audit.actions.FILE_DOWNLOADED)
    assert entry.actor == cast.dinh_bang
    assert entry.ip_address == "127.0.0.1"  # X-Forwarded-For from nginx, TRUSTED_PROXY_COUNT=1

    # The internal location cannot be asked for directly.
    direct = web.get(f"{base}/protected-media/{stored.file.name}", timeout=10)
    assert direct.status_code == 404
