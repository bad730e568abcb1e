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
