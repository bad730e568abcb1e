#!/usr/bin/env python
"""The containers' health checks (docker-compose.yml).

    python deploy/healthcheck.py web    # GET /healthz on gunicorn: 200 and "ok", or unhealthy
    python deploy/healthcheck.py beat   # the beat has sent a periodic task recently

`web` asks as nginx would (a host from ALLOWED_HOSTS, X-Forwarded-Proto: https), so neither
the host check (400) nor the HTTPS redirect (301) hides the database and broker checks;
only 200 with {"status": "ok"} passes. `beat` reads django-celery-beat's table: the newest
`last_run_at` of an enabled task must be younger than BEAT_HEALTH_MAX_AGE_MINUTES (20; the
dashboard warmer runs every minute, the reminder sweep every 15).
"""

import http.client
import json
import os
import sys
from pathlib import Path


def host_to_ask():
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    for host in hosts:
        if host == "*":
            return "localhost"
        if host.startswith("."):  # ".tuson.gov.vn" allows any subdomain
            return "healthcheck" + host
        return host
    return "localhost"


def check_web():
    address = os.environ.get("HEALTHCHECK_ADDRESS", "127.0.0.1:8000")
    conn = http.client.HTTPConnection(address, timeout=float(os.environ.get("HEALTHCHECK_TIMEOUT", "8")))
    try:
        conn.request("GET", "/healthz", headers={"Host": host_to_ask(), "X-Forwarded-Proto": "https"})
        response = conn.getresponse()
        body = response.read()
    except OSError as exc:
        print(f"web: {exc}")
        return 1
    try:
        status = json.loads(body).get("status")
    except ValueError:
        status = None
    print(f"web: HTTP {response.status} {status}")
    return 0 if response.status == 200 and status == "ok" else 1


def check_beat():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")
    import django

    django.setup()
    from datetime import timedelta

    from django.db.models import Max
    from django.utils import timezone
    from django_celery_beat.models import PeriodicTask

    newest = PeriodicTask.objects.filter(enabled=True).aggregate(m=Max("last_run_at"))["m"]
    limit = timedelta(minutes=int(os.environ.get("BEAT_HEALTH_MAX_AGE_MINUTES", "20")))
    if newest is None or timezone.now() - newest > limit:
        print(f"beat: no periodic task sent since {newest}")
        return 1
    print(f"beat: last task sent at {newest:%Y-%m-%d %H:%M:%S %Z}")
    return 0


if __name__ == "__main__":
    checks = {"web": check_web, "beat": check_beat}
    if len(sys.argv) != 2 or sys.argv[1] not in checks:
        sys.exit("usage: healthcheck.py web|beat")
    sys.exit(checks[sys.argv[1]]())
