import os

import redis
from django.db import connection

from .conftest import require_service


def _staff_client(client, django_user_model):
    staff = django_user_model.objects.create_user("ops", password="x", is_staff=True)
    client.force_login(staff)
    return client


def test_anonymous_sees_only_ok(client, db, settings):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}  # no vendor, no broker mode
    assert "no-cache" in response["Cache-Control"]


def test_staff_see_each_check(client, db, settings, django_user_model):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    body = _staff_client(client, django_user_model).get("/healthz").json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["broker"]["mode"] == "eager"


def test_a_signed_in_non_staff_user_sees_only_ok(client, db, settings, django_user_model):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(django_user_model.objects.create_user("officer", password="x"))
    assert client.get("/healthz").json() == {"status": "ok"}


def test_healthz_503_when_broker_is_down(client, db, settings, django_user_model):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail"}
    detail = _staff_client(client, django_user_model).get("/healthz")
    assert detail.status_code == 503
    assert detail.json()["broker"]["ok"] is False
    assert detail.json()["database"]["ok"] is True


def test_healthz_503_when_database_is_down(client, db, monkeypatch):
    class DownConnection:
        vendor = connection.vendor

        def cursor(self):
            raise connection.Database.OperationalError("down")

    monkeypatch.setattr("tuson_qp.health.connection", DownConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail"}


def test_healthz_up_with_a_real_broker(client, db, settings, django_user_model):
    url = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        up = True
    except redis.exceptions.RedisError:
        up = False
    require_service("Redis", up, url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    assert client.get("/healthz").status_code == 200
    response = _staff_client(client, django_user_model).get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == {"ok": True, "mode": "broker"}
