"""The repository's nginx configuration (deploy/nginx/) run by Debian's nginx on this machine.

Only what differs between a container and a test machine is replaced — the upstream's
address, the listening ports, the certificate folder, the media folder and the include's path
— and each replaced text must be found, so a change to the files cannot leave the test
running an old copy. The main nginx.conf is written here, like the official image's: one
`http` block that includes the portal's server file."""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX_DIR = ROOT / "deploy" / "nginx"


def nginx_binary():
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)


def _replace(text, old, new, where):
    assert old in text, f"{where} no longer contains {old!r}: update tests/deploy/nginx_harness.py"
    return text.replace(old, new)


def write_config(work, *, conf="portal.conf", upstream, http_port, https_port=None, cert_dir=None,
                 media_root):
    """Write `work`/nginx.conf and the portal's files adapted to this machine; return its path."""
    work = Path(work)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / sub).mkdir(parents=True, exist_ok=True)
    locations = (NGINX_DIR / "portal-locations.inc").read_text()
    locations = _replace(locations, "alias /srv/media/;", f"alias {Path(media_root).as_posix()}/;",
                         "portal-locations.inc")
    (work / "portal-locations.inc").write_text(locations)

    server = (NGINX_DIR / conf).read_text()
    server = _replace(server, "server web:8000;", f"server {upstream};", conf)
    server = _replace(server, "    listen 80;\n", f"    listen 127.0.0.1:{http_port};\n", conf)
    server = _replace(server, "    listen [::]:80;\n", "", conf)
    server = _replace(server, "include /etc/nginx/portal-locations.inc;",
                      f"include {work / 'portal-locations.inc'};", conf)
    if https_port is not None:
        server = _replace(server, "    listen 443 ssl;\n", f"    listen 127.0.0.1:{https_port} ssl;\n", conf)
        server = _replace(server, "    listen [::]:443 ssl;\n", "", conf)
        server = _replace(server, "/etc/nginx/certs/", f"{Path(cert_dir).as_posix()}/", conf)
    (work / "default.conf").write_text(server)

    mime = "/etc/nginx/mime.types"
    user = "user root root;\n" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""{user}worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log {work}/access.log;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/default.conf;
}}
""")
    return work / "nginx.conf"
