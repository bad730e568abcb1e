"""The English catalogue is complete: every Vietnamese string has a translation, none is fuzzy,
and the placeholders survive (msgfmt --check)."""

import re
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated_and_well_formed():
    out = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    stats = out.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ translated messages\.", stats), stats


@pytest.mark.parametrize("vietnamese, english", [
    ("Chỉ thị", "Directive"),
    ("Tiếng Việt", "Tiếng Việt"),
])
def test_the_compiled_catalogue_is_used(vietnamese, english):
    with translation.override("en"):
        assert translation.gettext(vietnamese) in (english, english + "s")


def test_the_catalogue_covers_every_string_in_the_source(tmp_path):
    """`make messages` run on the source as it is now leaves nothing untranslated or fuzzy: a
    string added or changed without its English fails here, not in front of an English reader."""
    import os
    import shutil
    import sys

    root = CATALOGUE.parents[3]
    source = tmp_path / "src"
    shutil.copytree(root, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "var", "tests", "bench", "static", "docs", "test-artifacts", "__pycache__", "*.mo"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env.update(DJANGO_SETTINGS_MODULE="tuson_qp.settings", TUSON_VAR_DIR=str(tmp_path / "var"))
    made = subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "en", "-v", "0"],
                          cwd=source, env=env, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    out = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(source / CATALOGUE.relative_to(root))],
                         capture_output=True, text=True)
    stats = out.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ translated messages\.", stats), f"{stats}: run `make messages` and translate"
