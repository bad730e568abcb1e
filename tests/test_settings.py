"""Settings read from the environment, checked in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'],"
    " 'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'email': settings.EMAIL_BACKEND,"
    " 'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE, 'debug': settings.DEBUG,"
    " 'broker': settings.CELERY_BROKER_URL, 'hosts': settings.ALLOWED_HOSTS}))"
)
CLEARED = ("DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS",
           "EMAIL_BACKEND", "CELERY_TASK_ALWAYS_EAGER")


def run_settings(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    base.update(DJANGO_SETTINGS_MODULE="tuson_qp.settings", TUSON_VAR_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=base,
                          capture_output=True, text=True, timeout=60)


def test_no_variables_means_laptop_defaults(tmp_path):
    out = run_settings(tmp_path)
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["eager"] is True and s["broker"] == ""
    assert s["email"] == "django.core.mail.backends.console.EmailBackend"
    assert (s["lang"], s["tz"], s["debug"]) == ("vi", "Asia/Ho_Chi_Minh", True)


def test_database_and_broker_urls_switch_to_services(tmp_path):
    out = run_settings(tmp_path, DATABASE_URL="postgres://u@db.example:5432/x",
                       CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    s = json.loads(out.stdout)
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["eager"] is False and s["broker"] == "redis://127.0.0.1:6379/0"


def test_production_without_secret_key_stops_with_a_clear_message(tmp_path):
    out = run_settings(tmp_path, DEBUG="0", ALLOWED_HOSTS="portal.example")
    assert out.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in out.stderr


def test_production_without_allowed_hosts_stops(tmp_path):
    out = run_settings(tmp_path, DEBUG="0", SECRET_KEY="x" * 50)
    assert out.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off" in out.stderr


def test_production_with_both_starts(tmp_path):
    out = run_settings(tmp_path, DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example")
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    assert s["debug"] is False and s["hosts"] == ["portal.example"]
    assert s["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_a_dot_env_in_the_checkout_is_not_read(tmp_path):
    """A production .env beside manage.py must not turn `make run` into production."""
    dotenv = ROOT / ".env"
    if dotenv.exists():
        import pytest

        pytest.skip("a real .env exists in this checkout; not touching it")
    dotenv.write_text("DEBUG=0\nSECRET_KEY=" + "p" * 50 + "\nALLOWED_HOSTS=portal.example\n")
    try:
        out = run_settings(tmp_path)
    finally:
        dotenv.unlink()
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    assert s["debug"] is True and "127.0.0.1" in s["hosts"]


def test_tuson_env_file_names_the_file_to_read(tmp_path):
    env_file = tmp_path / "portal.env"
    env_file.write_text("DEBUG=0\nSECRET_KEY=" + "p" * 50 + "\nALLOWED_HOSTS=portal.example\n")
    out = run_settings(tmp_path, TUSON_ENV_FILE=str(env_file))
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    assert s["debug"] is False and s["hosts"] == ["portal.example"]
    # The process environment wins over the file.
    out = run_settings(tmp_path, TUSON_ENV_FILE=str(env_file), ALLOWED_HOSTS="other.example")
    assert json.loads(out.stdout)["hosts"] == ["other.example"]


def test_object_storage_needs_a_bucket(tmp_path):
    out = run_settings(tmp_path, STORAGE_BACKEND="s3")
    assert out.returncode != 0
    assert "S3_BUCKET must be set" in out.stderr


def test_signed_url_downloads_need_object_storage(tmp_path):
    out = run_settings(tmp_path, SENDFILE_MODE="redirect")
    assert out.returncode != 0
    assert "SENDFILE_MODE=redirect needs STORAGE_BACKEND=s3" in out.stderr


def test_object_storage_settings_come_from_the_environment(tmp_path):
    probe = ("import json, django; from django.conf import settings; django.setup();"
             "print(json.dumps(settings.STORAGES['default']))")
    base = {k: v for k, v in os.environ.items() if k not in CLEARED}
    base.update(DJANGO_SETTINGS_MODULE="tuson_qp.settings", TUSON_VAR_DIR=str(tmp_path),
                STORAGE_BACKEND="s3", S3_BUCKET="tuson-files", S3_ENDPOINT_URL="http://s3.local:9000",
                S3_ACCESS_KEY_ID="id", S3_SECRET_ACCESS_KEY="secret", S3_URL_EXPIRE_SECONDS="45",
                SENDFILE_MODE="redirect")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=base, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    storage = json.loads(out.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["querystring_expire"]) == (
        "tuson-files", "http://s3.local:9000", 45)
    assert (options["access_key"], options["secret_key"]) == ("id", "secret")
