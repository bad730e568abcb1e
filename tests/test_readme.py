"""The README is what a newcomer reads first: short, and true to the code it names."""

import re
from pathlib import Path

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_short():
    assert len(README.encode("utf-8")) < 12_000


def test_every_doc_is_linked_from_the_readme():
    for doc in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{doc.name})" in README, f"README.md does not link docs/{doc.name}"


def test_the_demo_accounts_are_the_ones_seed_demo_creates():
    section = README.split("## Demo accounts", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)
    assert listed == [username for username, *_rest in DEMO_ACCOUNTS]
    assert f"`{DEMO_PASSWORD}`" in section


def test_every_make_command_it_names_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.MULTILINE))
    named = set(re.findall(r"\bmake ([a-z][\w-]*)", README))
    assert named and named <= targets, named - targets
    assert re.search(r"^PORT \?= 8000$", makefile, flags=re.MULTILINE)
