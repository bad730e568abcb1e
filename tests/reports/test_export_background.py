"""With a Celery broker, an XLSX export not cached yet is built by a task while the browser
waits on a page that asks again; the file is then served from the cache."""

import io

import openpyxl
import pytest
from django.urls import reverse

from audit.models import AuditEntry
from reports import tasks, views
from tests.reports.conftest import make_user


@pytest.fixture
def broker(settings, monkeypatch):
    """As with a broker: tasks are queued, not run; `queued` holds what was queued."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queued = []
    monkeypatch.setattr(views.build_dashboard_export, "delay", lambda *args: queued.append(args))
    return queued


def ask(client, world, **params):
    return client.get(reverse("reports:dashboard_export", args=[world.directive.pk]), {"ngay": "10/05/2022", **params})


def test_the_file_is_built_in_the_background_then_downloaded(client, world, broker,
                                                             django_capture_on_commit_callbacks):
    client.force_login(world.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = ask(client, world)
    assert waiting.status_code == 202
    page = waiting.content.decode()
    assert "Đang chuẩn bị tệp Excel" in page and 'http-equiv="refresh"' in page
    assert len(broker) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert ask(client, world).status_code == 202  # asked again while it is being built
    assert len(broker) == 1  # not queued twice
    assert not AuditEntry.objects.filter(action="dashboard.export").exists()

    tasks.build_dashboard_export(*broker[0])  # the worker runs it
    done = ask(client, world)
    assert done.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(done.content)).sheetnames == ["Tổng hợp", "Đơn vị", "Ma trận", "Quá hạn"]
    assert AuditEntry.objects.filter(action="dashboard.export").count() == 1


def test_the_task_builds_nothing_for_someone_who_cannot_see_the_directive(client, world, broker,
                                                                       django_capture_on_commit_callbacks):
    client.force_login(world.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, world)
    stranger = make_user("stranger", "Người ngoài")
    _user, directive_id, query, language = broker[0]
    tasks.build_dashboard_export(stranger.pk, directive_id, query, language)
    assert ask(client, world).status_code == 202  # still nothing for the reviewer
    tasks.build_dashboard_export(*broker[0])
    assert ask(client, world).status_code == 200


def test_csv_and_no_broker_are_answered_at_once(client, world, broker, settings):
    client.force_login(world.reviewer)
    assert ask(client, world, dinh_dang="csv").status_code == 200
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert ask(client, world).status_code == 200
    assert broker == []
