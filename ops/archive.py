"""Backups: one tar archive holding the database dump, every stored file (uploads and
reports, from the local disk or the object storage) and a manifest with each file's size and
SHA-256.

Consistency: the database is dumped first (pg_dump reads one snapshot), then the files are
copied. A file is always stored before the row that names it is committed, and stored files
are never changed, so every file the dump refers to is already there when the copy starts;
a file stored during the copy whose row missed the dump is an orphan after a restore, which
`sweep_orphan_uploads` removes.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from ops.database import dump_database, load_database
from ops.walk import walk_storage

FORMAT = 1
PREFIX = "tuson-qp-"
SUFFIX = ".tar"
MEDIA = "media/"
CHUNK = 1024 * 1024


class _Hashing(io.RawIOBase):
    """Reads through a file object, counting and hashing what passes."""

    def __init__(self, raw):
        self.raw, self.sha256, self.size = raw, hashlib.sha256(), 0

    def readable(self):
        return True

    def read(self, n=-1):
        data = self.raw.read(n)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


def _latest_migrations():
    applied = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied[app] = max(applied.get(app, ""), name)
    return dict(sorted(applied.items()))


def create_backup(directory, *, storage=None, log=print):
    """Write a new archive into `directory` and return its path."""
    storage = storage or default_storage
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    final = directory / f"{PREFIX}{stamp}{SUFFIX}"
    partial = final.with_suffix(".partial")
    files = []
    try:
        with tempfile.TemporaryDirectory(prefix="tuson-backup-") as work, \
                tarfile.open(partial, "w") as tar:
            dump = Path(work) / "database"
            member = dump_database(dump)
            tar.add(dump, arcname=member)
            log(f"Cơ sở dữ liệu: {member} ({dump.stat().st_size} byte)")
            for name in walk_storage(storage):
                size = storage.size(name)
                info = tarfile.TarInfo(MEDIA + name)
                info.size, info.mtime, info.mode = size, int(time.time()), 0o600
                with storage.open(name, "rb") as handle:
                    reader = _Hashing(handle)
                    tar.addfile(info, reader)
                if reader.size != size:
                    raise CommandError(f"Tệp {name} đổi kích thước trong khi sao lưu.")
                files.append({"name": name, "size": size, "sha256": reader.sha256.hexdigest()})
            manifest = {
                "format": FORMAT, "created": timezone.now().isoformat(), "vendor": connection.vendor,
                "database": member, "migrations": _latest_migrations(), "files": files,
            }
            _add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    log(f"Tệp: {len(files)} ({sum(f['size'] for f in files)} byte)")
    return final


def archives(directory):
    """The backups in `directory`, oldest first (the names sort by time)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir()
                  if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX) and p.is_file())


def prune(directory, keep):
    """Delete all but the `keep` newest archives; return the deleted paths."""
    old = archives(directory)[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise CommandError("Không phải bản sao lưu của cổng (thiếu manifest.json).") from exc
    if manifest.get("format") != FORMAT:
        raise CommandError(f"Định dạng bản sao lưu {manifest.get('format')} không được hỗ trợ.")
    return manifest


def _digest(handle):
    sha = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        sha.update(chunk)
    return sha.hexdigest()


def verify_archive(tar, manifest):
    """Every file of the manifest is in the archive with its SHA-256; raise otherwise."""
    for entry in manifest["files"]:
        try:
            member = tar.extractfile(MEDIA + entry["name"])
        except KeyError as exc:
            raise CommandError(f"Bản sao lưu thiếu tệp {entry['name']}.") from exc
        if _digest(member) != entry["sha256"]:
            raise CommandError(f"Tệp {entry['name']} trong bản sao lưu bị hỏng (SHA-256 khác).")


def check_migrations(manifest):
    """Refuse an archive made by a newer version of the portal (migrations this code does not
    have); an older archive is fine, `manage.py migrate` brings it up to date afterwards."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(f"{app}.{name}" for app, name in manifest.get("migrations", {}).items()
                     if (app, name) not in known)
    if unknown:
        raise CommandError("Bản sao lưu của một phiên bản mới hơn (thiếu migration: "
                           + ", ".join(unknown) + "). Cập nhật mã nguồn trước khi phục hồi.")


def restore_backup(path, *, storage=None, log=print):
    """Replace the database with the archive's dump and put back every file it holds, each
    checked against its SHA-256 before anything is touched and after it is stored."""
    storage = storage or default_storage
    with tarfile.open(path, "r") as tar, tempfile.TemporaryDirectory(prefix="tuson-restore-") as work:
        manifest = read_manifest(tar)
        check_migrations(manifest)
        verify_archive(tar, manifest)
        dump = Path(work) / "database"
        with tar.extractfile(manifest["database"]) as src, open(dump, "wb") as dst:
            for chunk in iter(lambda: src.read(CHUNK), b""):
                dst.write(chunk)
        load_database(dump, manifest["database"])
        log(f"Cơ sở dữ liệu: đã phục hồi từ {manifest['database']}")
        for entry in manifest["files"]:
            name = entry["name"]
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(tar.extractfile(MEDIA + name), name=name))
            if saved != name:
                raise CommandError(f"Không lưu được tệp {name} đúng tên (được {saved}).")
            with storage.open(name, "rb") as handle:
                if _digest(handle) != entry["sha256"]:
                    raise CommandError(f"Tệp {name} sau khi phục hồi khác SHA-256 đã lưu.")
        log(f"Tệp: đã phục hồi {len(manifest['files'])}")
        log("Chạy manage.py migrate nếu mã nguồn mới hơn bản sao lưu.")
    return manifest
