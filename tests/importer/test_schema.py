"""Proposals follow docs/directive-format.md closely enough for the loader to accept them.

These checks mirror directives/loading/validation.py without importing Django.
"""

import datetime
import re

import pytest
import yaml

from directives.importer import parse_directive_text

from . import helpers as h
from .test_other_documents import KE_HOACH

UNIT_KINDS = {"ward", "department", "mass_org", "military", "self_defence", "militia", "party_cell",
              "office", "police"}
DOC_TYPES = {"nghi_quyet", "nghi_dinh", "chi_thi", "quyet_dinh", "quy_dinh", "thong_tu",
             "thong_tu_lien_tich", "other"}
TASK_KINDS = {"one_off", "periodic", "event", "target"}
REQUIRED = ["key", "parent_organ", "issuing_organ", "number", "symbol", "document_type", "summary",
            "place", "issued_on", "year", "tracking_unit"]
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")

TEXTS = {
    "seed": h.SEED,
    "wrapped_nfd_crlf": h.crlf(h.nfd(h.wrapped(h.SEED))),
    "inline_distribution": h.inline_distribution(h.SEED),
    "ke_hoach": KE_HOACH,
}


@pytest.fixture(scope="module", params=sorted(TEXTS))
def data(request):
    result = parse_directive_text(TEXTS[request.param])
    assert result.ok, result.errors
    return result.data


def test_directive(data):
    d = data["directive"]
    for name in REQUIRED:
        assert d[name] not in (None, ""), name
    assert SLUG.match(d["key"]) and len(d["key"]) <= 60
    assert isinstance(d["issued_on"], datetime.date) and isinstance(d["year"], int)
    assert d["status"] == "draft"


def test_units_and_groups(data):
    keys = [u["key"] for u in data["units"]]
    assert len(keys) == len(set(keys))
    for unit in data["units"]:
        assert unit["kind"] in UNIT_KINDS and unit["name"] and SLUG.match(unit["key"])
        assert unit["parent"] is None or unit["parent"] in keys or unit["parent"] == "duqs"
    for name, members in data["unit_groups"].items():
        assert members and set(members) <= set(keys), name
    assert data["directive"]["tracking_unit"] in keys


def test_documents(data):
    keys = [d["key"] for d in data["documents"]]
    assert len(keys) == len(set(keys))
    for doc in data["documents"]:
        assert SLUG.match(doc["key"]) and len(doc["key"]) <= 80
        assert doc["doc_type"] in DOC_TYPES and doc["number"]
        assert doc["issued_on"] is None or isinstance(doc["issued_on"], datetime.date)
        assert len(doc["issuer"]) <= 200 and len(doc["title"]) <= 500


def test_sections_and_tasks(data):
    units = {u["key"] for u in data["units"]}
    groups = set(data["unit_groups"])
    docs = {d["key"] for d in data["documents"]}
    numbers = [s["number"] for s in data["sections"]]
    assert numbers and len(numbers) == len(set(numbers)) and all(n >= 1 for n in numbers)
    tasks = h.tasks_of(data)
    assert len({t["key"] for t in tasks}) == len(tasks)
    for section in data["sections"]:
        assert section["title"] and len(section["title"]) <= 300 and section["text"]
        assert set(section["cites"]) <= docs
    for task in tasks:
        assert len(task["key"]) <= 20 and task["title"] and len(task["title"]) <= 300
        assert task["kind"] in TASK_KINDS
        assert isinstance(task["deadline"], datetime.date)
        assert isinstance(task["deadline_proposed"], bool) and len(task["deadline_note"]) <= 300
        assert task["lead"], task["key"]
        for key in task["lead"] + task["coordinating"]:
            assert (key[1:] in groups) if key.startswith("@") else (key in units), (task["key"], key)
        assert not set(task["lead"]) & set(task["coordinating"])
        assert set(task["cites"]) <= docs
        assert task["target_value"] is None or task["target_value"] >= 0
        assert (task["kind"] == "event") == (task["event_date"] is not None)
        assert set(task) == {"key", "title", "description", "kind", "deadline", "deadline_proposed",
                             "deadline_note", "event_date", "target_value", "target_unit", "lead",
                             "coordinating", "cites"}


def test_distribution(data):
    assert data["distribution"]
    for item in data["distribution"]:
        assert item["purpose"] in {"bc", "th", "luu"} and item["recipient"] and len(item["recipient"]) <= 200


def test_yaml_round_trip():
    result = parse_directive_text(h.SEED)
    assert yaml.safe_load(result.to_yaml()) == result.data
