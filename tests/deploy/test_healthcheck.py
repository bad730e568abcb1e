"""deploy/healthcheck.py, the containers' health checks (the `web` check against a live
gunicorn is in test_production_path.py)."""

import importlib.util
from datetime import timedelta

import pytest
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from tests.deploy.nginx_harness import ROOT

spec = importlib.util.spec_from_file_location("healthcheck", ROOT / "deploy" / "healthcheck.py")
healthcheck = importlib.util.module_from_spec(spec)
spec.loader.exec_module(healthcheck)


@pytest.mark.parametrize("hosts,asked", [
    ("portal.tuson.gov.vn,localhost", "portal.tuson.gov.vn"),
    (".tuson.gov.vn", "healthcheck.tuson.gov.vn"),
    ("*", "localhost"),
    ("", "localhost"),
])
def test_it_asks_for_an_allowed_host(monkeypatch, hosts, asked):
    monkeypatch.setenv("ALLOWED_HOSTS", hosts)
    assert healthcheck.host_to_ask() == asked


def test_web_is_unhealthy_when_nothing_answers(monkeypatch):
    monkeypatch.setenv("HEALTHCHECK_ADDRESS", "127.0.0.1:1")
    assert healthcheck.check_web() == 1


def test_web_is_unhealthy_on_a_503(live_server, monkeypatch, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # the broker is down
    monkeypatch.setenv("HEALTHCHECK_ADDRESS", live_server.url.removeprefix("http://"))
    monkeypatch.setenv("ALLOWED_HOSTS", "localhost")
    assert healthcheck.check_web() == 1
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert healthcheck.check_web() == 0


@pytest.mark.django_db
def test_beat_is_healthy_while_it_sends_tasks(monkeypatch):
    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    task = PeriodicTask.objects.create(name="probe", task="reports.warm_dashboards", interval=every_minute)
    PeriodicTask.objects.exclude(pk=task.pk).update(last_run_at=None)
    assert healthcheck.check_beat() == 1  # never sent
    PeriodicTask.objects.filter(pk=task.pk).update(last_run_at=timezone.now() - timedelta(minutes=2))
    assert healthcheck.check_beat() == 0
    PeriodicTask.objects.filter(pk=task.pk).update(last_run_at=timezone.now() - timedelta(minutes=45))
    assert healthcheck.check_beat() == 1  # stopped sending
    monkeypatch.setenv("BEAT_HEALTH_MAX_AGE_MINUTES", "60")
    assert healthcheck.check_beat() == 0
