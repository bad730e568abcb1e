"""Downloads go through a permission-checked view, as attachments, audited; nginx sends the
bytes in production."""

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

import audit
from audit.models import AuditEntry
from tasks.models import SubmissionFile
from tests.tasks.helpers import make_submission

ROOT = Path(django_settings.BASE_DIR)


@pytest.fixture
def stored(cast, resolution_assignment):
    make_submission(cast.dinh_bang, resolution_assignment, name="Nghị quyết số 05-NQ-ĐU.pdf")
    return SubmissionFile.objects.get()


def body(response):
    return b"".join(response.streaming_content)


def test_unit_member_downloads_an_attachment_with_its_vietnamese_name(client, cast, stored):
    client.force_login(cast.dinh_bang)
    response = client.get(reverse("tasks:file_download", args=[stored.pk]))
    assert response.status_code == 200
    content = body(response)
    assert content.startswith(b"%PDF-") and hashlib.sha256(content).hexdigest() == stored.sha256
    assert response["Content-Disposition"] == (
        'attachment; filename="Nghi quyet so 05-NQ-DU.pdf"; '
        "filename*=UTF-8''" + quote("Nghị quyết số 05-NQ-ĐU.pdf", safe="")
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    entry = AuditEntry.objects.get(action=audit.actions.FILE_DOWNLOADED)
    assert (entry.actor, entry.object_id, entry.unit.key) == (cast.dinh_bang, str(stored.pk), "p-dinh-bang")


@pytest.mark.parametrize("person", ["dinh_bang_head", "reviewer", "office", "observer"])
def test_those_who_may_see_the_work_may_download(client, cast, stored, person):
    client.force_login(getattr(cast, person))
    assert client.get(reverse("tasks:file_download", args=[stored.pk])).status_code == 200


@pytest.mark.parametrize("person", ["tuong_giang", "tam_son", "department"])
def test_outsider_gets_404_and_nothing_is_audited(client, cast, stored, person):
    client.force_login(getattr(cast, person))
    assert client.get(reverse("tasks:file_download", args=[stored.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action=audit.actions.FILE_DOWNLOADED).exists()


def test_anonymous_is_sent_to_log_in(client, stored):
    response = client.get(reverse("tasks:file_download", args=[stored.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_nginx_mode_answers_with_x_accel_redirect(client, cast, stored, settings):
    settings.SENDFILE_MODE = "nginx"
    client.force_login(cast.reviewer)
    response = client.get(reverse("tasks:file_download", args=[stored.pk]))
    assert response["X-Accel-Redirect"] == "/protected-media/" + stored.file.name
    assert response.content == b""
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_nginx_and_compose_agree_with_the_setting():
    """The internal location serves the volume the web container writes uploads to."""
    conf = (ROOT / "deploy/nginx/portal-locations.inc").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()
    env = (ROOT / "deploy/portal.env.example").read_text()
    block = re.search(r"location /protected-media/ \{(.*?)\}", conf, re.S).group(1)
    assert "internal;" in block
    alias = re.search(r"alias (\S+);", block).group(1)
    assert re.search(rf"- media:{alias.rstrip('/')}:ro", compose)
    media_root = re.search(r"^MEDIA_ROOT=(\S+)", env, re.M).group(1)
    assert re.search(rf"- media:{media_root}\b", compose)
    assert re.search(r"^SENDFILE_MODE=nginx$", env, re.M)
    assert "X-Content-Type-Options nosniff" in block
    # No other location exposes the media folder, in either nginx configuration.
    assert conf.count("/srv/media") == 1
    for server in ("portal.conf", "portal-behind-proxy.conf"):
        text = (ROOT / "deploy/nginx" / server).read_text()
        assert "/srv/media" not in text and "include /etc/nginx/portal-locations.inc;" in text
