"""Dump and load the whole database: pg_dump/pg_restore on PostgreSQL (a consistent snapshot
in the custom format), SQLite's online backup API on SQLite."""

import os
import shutil
import sqlite3
import subprocess

from django.core.management.base import CommandError
from django.db import connection


def _pg_env_and_args():
    s = connection.settings_dict
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    return env, args, s["NAME"]


def _run(command, env):
    if not shutil.which(command[0]):
        raise CommandError(f"Không tìm thấy {command[0]} (cài postgresql-client cùng phiên bản máy chủ).")
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise CommandError(f"{command[0]} thất bại: {done.stderr.strip()[-2000:]}")


def dump_database(target):
    """Write the database to the file `target`; return the member name used in the archive."""
    if connection.vendor == "postgresql":
        env, args, name = _pg_env_and_args()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
              "--file", str(target), "--dbname", name], env)
        return "database.pgdump"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "database.sqlite3"
    raise CommandError(f"Không hỗ trợ sao lưu cơ sở dữ liệu {connection.vendor}.")


def load_database(source, member):
    """Replace the database's content with the dump `source` (a file)."""
    if member == "database.pgdump":
        if connection.vendor != "postgresql":
            raise CommandError("Bản sao lưu là của PostgreSQL, cơ sở dữ liệu hiện tại không phải.")
        env, args, name = _pg_env_and_args()
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--exit-on-error", *args, "--dbname", name, str(source)], env)
        return
    if member == "database.sqlite3":
        if connection.vendor != "sqlite":
            raise CommandError("Bản sao lưu là của SQLite, cơ sở dữ liệu hiện tại không phải.")
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
        return
    raise CommandError(f"Không nhận ra phần cơ sở dữ liệu {member!r} trong bản sao lưu.")
