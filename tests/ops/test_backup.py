"""manage.py backup / restore: the demo backed up, the database and the stored files emptied,
restored, and every row and every byte back (PostgreSQL in CI: pg_dump and pg_restore)."""

import hashlib
import io
import json
import tarfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from ops.archive import archives, create_backup, prune, restore_backup
from ops.walk import walk_storage
from reports.models import Report
from tasks.models import SubmissionFile
from tests.conftest import require_service, uses_postgres


def _rows():
    """Every row of every table, by model: the primary keys and a digest of the values."""
    state = {}
    for model in apps.get_models():
        values = list(model._default_manager.order_by("pk").values_list())
        state[model._meta.label] = (len(values), hashlib.sha256(repr(values).encode()).hexdigest())
    return state


def _files():
    out = {}
    for name in walk_storage(default_storage):
        with default_storage.open(name, "rb") as handle:
            out[name] = hashlib.sha256(handle.read()).hexdigest()
    return out


def _empty_media():
    for name in list(walk_storage(default_storage)):
        default_storage.delete(name)
    assert not list(walk_storage(default_storage))


@pytest.mark.django_db(transaction=True)
def test_the_demo_backed_up_emptied_and_restored_comes_back_identical(tmp_path, settings):
    require_service("PostgreSQL", uses_postgres(), "the backup is tested with pg_dump/pg_restore")
    settings.DEBUG = True  # seed_demo's guard
    call_command("seed_demo", stdout=io.StringIO())
    stored = {f.file.name: f.sha256 for f in SubmissionFile.objects.all()}
    stored.update({r.file.name: r.sha256 for r in Report.objects.exclude(file="")})
    assert stored, "the demo has uploaded files and a report"
    rows, files = _rows(), _files()
    assert {name: files[name] for name in stored} == stored  # SHA-256 as stored

    out = io.StringIO()
    call_command("backup", dir=str(tmp_path), keep=3, stdout=out)
    (archive,) = archives(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert "database.pgdump" in tar.getnames()
    assert manifest["vendor"] == "postgresql"
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == files

    call_command("flush", "--no-input", verbosity=0)
    _empty_media()
    assert SubmissionFile.objects.count() == 0 and not _files()

    call_command("restore", str(archive), no_input=True, stdout=io.StringIO())
    assert _rows() == rows
    assert _files() == files
    for name, sha in stored.items():
        with default_storage.open(name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == sha


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_on_the_configured_database(tmp_path):
    """SQLite's backup API on a laptop, pg_dump/pg_restore in CI."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("before", password="x")
    name = default_storage.save("submissions/2022/01/a.pdf", ContentFile(b"%PDF-1.4 one"))
    archive = create_backup(tmp_path, log=lambda *_: None)
    with tarfile.open(archive) as tar:
        assert {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}[connection.vendor] in tar.getnames()
    get_user_model().objects.all().delete()
    default_storage.delete(name)
    restore_backup(archive, log=lambda *_: None)
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["before"]
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == b"%PDF-1.4 one"


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_before_anything_is_touched(tmp_path):
    from django.contrib.auth import get_user_model

    name = default_storage.save("submissions/2022/02/b.pdf", ContentFile(b"%PDF-1.4 two"))
    archive = create_backup(tmp_path, log=lambda *_: None)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "media/" + name:
                data = b"%PDF-1.4 tw0"
            dst.addfile(member, io.BytesIO(data))
    get_user_model().objects.create_user("after", password="x")
    with pytest.raises(CommandError, match="SHA-256"):
        restore_backup(damaged, log=lambda *_: None)
    assert get_user_model().objects.filter(username="after").exists()
    default_storage.delete(name)


def test_retention_keeps_the_newest(tmp_path):
    for stamp in ("20260101T000000000000Z", "20260102T000000000000Z", "20260103T000000000000Z"):
        (tmp_path / f"tuson-qp-{stamp}.tar").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not a backup")
    deleted = prune(tmp_path, 2)
    assert [p.name for p in deleted] == ["tuson-qp-20260101T000000000000Z.tar"]
    assert [p.name for p in archives(tmp_path)] == ["tuson-qp-20260102T000000000000Z.tar",
                                                    "tuson-qp-20260103T000000000000Z.tar"]
    assert (tmp_path / "notes.txt").exists()


def test_restore_without_an_archive_says_so(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path
    with pytest.raises(CommandError, match="Không có bản sao lưu"):
        call_command("restore", latest=True, no_input=True)


@pytest.mark.django_db(transaction=True)
def test_an_archive_of_a_newer_portal_is_refused(tmp_path):
    from django.contrib.auth import get_user_model

    archive = create_backup(tmp_path, log=lambda *_: None)
    newer = tmp_path / "newer.tar"
    with tarfile.open(archive) as src, tarfile.open(newer, "w") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"]["tasks"] = "9999_from_the_future"
                data = json.dumps(manifest).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    get_user_model().objects.create_user("kept", password="x")
    with pytest.raises(CommandError, match="tasks.9999_from_the_future"):
        restore_backup(newer, log=lambda *_: None)
    assert get_user_model().objects.filter(username="kept").exists()
