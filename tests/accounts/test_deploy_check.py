"""`manage.py check --deploy` is clean with production settings, in a fresh interpreter."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLEARED = ("DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS",
           "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "CSP_REPORT_ONLY",
           "DJANGO_ALLOW_ASYNC_UNSAFE")  # the browser tests set it for their live server


def run(tmp_path, *args, **env):
    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    base.update(DJANGO_SETTINGS_MODULE="tuson_qp.settings", TUSON_VAR_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base,
                          capture_output=True, text=True, timeout=300)


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(60), "ALLOWED_HOSTS": "portal.tuson.gov.vn"}


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    out = run(tmp_path, "check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "System check identified no issues (0 silenced)." in out.stdout


def test_check_deploy_does_complain_about_a_weak_setting(tmp_path):
    # The test above can fail: switching HSTS off is reported.
    out = run(tmp_path, "check", "--deploy", "--fail-level", "WARNING", SECURE_HSTS_SECONDS="0", **PRODUCTION)
    assert out.returncode != 0 and "security.W004" in out.stdout + out.stderr


PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "c = settings.CONTENT_SECURITY_POLICY['DIRECTIVES'];"
    "print(json.dumps({'script': c['script-src'], 'default': c['default-src'], 'frame': c['frame-ancestors'],"
    " 'secure': [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT],"
    " 'hsts': settings.SECURE_HSTS_SECONDS}))"
)


def test_production_has_secure_cookies_hsts_and_a_strict_csp(tmp_path):
    import json

    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    base.update(DJANGO_SETTINGS_MODULE="tuson_qp.settings", TUSON_VAR_DIR=str(tmp_path), **PRODUCTION)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=base, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    assert s["script"] == ["'self'"] and s["default"] == ["'self'"] and s["frame"] == ["'none'"]
    assert s["secure"] == [True, True, True] and s["hsts"] >= 31536000
