"""The seed text reformatted in the ways real uploads differ: the proposal stays the same."""

import pytest

from directives.importer import parse_directive_text

from . import helpers as h

VARIANTS = {
    "wrapped": h.wrapped,
    "no_blank_lines": h.no_blank_lines,
    "sentence_per_line": h.sentence_per_line,
    "crlf": h.crlf,
    "nfd": h.nfd,
    "paren_numbers": h.paren_numbers,
    "en_dashes": h.en_dashes,
    "em_dashes": h.em_dashes,
    "unbolded": h.unbolded,
    "overbolded": h.overbolded,
    "inline_distribution": h.inline_distribution,
    "all_at_once": lambda t: h.crlf(h.nfd(h.en_dashes(h.paren_numbers(h.wrapped(h.unbolded(t)))))),
}


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def variant(request):
    text = VARIANTS[request.param](h.SEED)
    assert text != h.SEED or request.param == "unbolded"
    return request.param, parse_directive_text(text)


def test_variant_is_parsed(variant):
    name, result = variant
    assert result.ok, (name, result.errors)


def test_variant_header(variant, seed_result):
    name, result = variant
    assert h.header_of(result.data) == h.header_of(seed_result.data), name


def test_variant_parts(variant, seed_result):
    name, result = variant
    assert h.parts_of(result.data) == h.parts_of(seed_result.data), name
    assert h.squash(result.data["directive"]["preamble"]) == h.squash(seed_result.data["directive"]["preamble"])
    assert h.squash(result.data["directive"]["closing"]) == h.squash(seed_result.data["directive"]["closing"])


def test_variant_documents(variant, seed_result):
    name, result = variant
    assert h.documents_of(result.data) == h.documents_of(seed_result.data), name


def test_variant_distribution(variant, seed_result):
    name, result = variant
    assert result.data["distribution"] == seed_result.data["distribution"], name


def test_variant_tasks(variant, seed_result):
    name, result = variant
    got = [(t["key"], t["kind"], t["deadline"], t["lead"]) for t in h.tasks_of(result.data)]
    want = [(t["key"], t["kind"], t["deadline"], t["lead"]) for t in h.tasks_of(seed_result.data)]
    assert got == want, name
    assert not result.unplaced, (name, result.unplaced)


def test_inline_distribution_needs_no_guess():
    result = parse_directive_text(h.inline_distribution(h.SEED))
    assert not [w for w in result.warnings if "Nơi nhận" in w]


def test_braces_are_read_and_flagged(seed_result):
    purposes = [r["purpose"] for r in seed_result.data["distribution"]]
    assert purposes == ["bc"] * 3 + ["th"] * 4 + ["luu"]
    assert any("Nơi nhận" in w and "}" in w for w in seed_result.warnings)


def test_date_removed_warns_and_parses_the_rest(seed_result):
    result = parse_directive_text(h.without_date(h.SEED))
    assert result.ok, result.errors
    d = result.data["directive"]
    assert d["issued_on"] is None
    assert d["place"] == ""
    assert d["year"] == 2022  # from the summary "… năm 2022"
    assert any("ngày ban hành" in w for w in result.warnings)
    assert any("2022" in w and "trích yếu" in w for w in result.warnings)
    assert h.parts_of(result.data) == h.parts_of(seed_result.data)
    assert h.documents_of(result.data) == h.documents_of(seed_result.data)
    events = {t["event_date"] for t in h.tasks_of(result.data) if t["event_date"]}
    assert {str(e) for e in events} == {"2022-05-07", "2022-10-20", "2022-12-22"}
    # Without an issue date the 30-day defaults cannot be computed: year end, still proposed.
    # Only the anniversary whose date the text gives (20/10/1946 - 20/10/2022) is not a proposal.
    assert [str(t["deadline"]) for t in h.tasks_of(result.data) if not t["deadline_proposed"]] == ["2022-10-20"]
    assert {str(t["deadline"]) for t in result.data["closing_tasks"]} == {"2022-12-31"}


def test_gap_in_numbering_is_renumbered_with_a_warning(seed_result):
    text = h.SEED.replace("\n4. Tiếp tục quán triệt", "\n7. Tiếp tục quán triệt")
    result = parse_directive_text(text)
    assert [s["number"] for s in result.data["sections"]] == [1, 2, 3, 4, 5, 6]
    assert any("không liên tục" in w for w in result.warnings)
    assert h.parts_of(result.data) == h.parts_of(seed_result.data)


def test_numbering_starting_elsewhere_is_renumbered():
    text = h.SEED
    for n in range(6, 0, -1):
        text = text.replace(f"\n{n}. ", f"\n{n + 2}. ")
    result = parse_directive_text(text)
    assert [s["number"] for s in result.data["sections"]] == [3, 4, 5, 6, 7, 8]
    assert not any("không liên tục" in w for w in result.warnings)


def test_roman_numbered_parts():
    romans = ["I", "II", "III", "IV", "V", "VI"]
    text = h.SEED
    for n, r in enumerate(romans, start=1):
        text = text.replace(f"\n{n}. ", f"\n{r}. ")
    result = parse_directive_text(text)
    assert result.ok
    assert [s["number"] for s in result.data["sections"]] == [1, 2, 3, 4, 5, 6]


def test_bare_mention_resolves_to_the_one_issuer_seen():
    text = h.SEED.replace(
        "Chú trọng xây dựng tiềm lực chính trị",
        "Thực hiện Nghị định số 03/2019/NĐ-CP. Chú trọng xây dựng tiềm lực chính trị",
    )
    result = parse_directive_text(text)
    numbers = [d["number"] for d in result.data["documents"]]
    assert numbers.count("03/2019/NĐ-CP") == 1
    doc = next(d for d in result.data["documents"] if d["number"] == "03/2019/NĐ-CP")
    assert doc["issuer"] == "Chính phủ" and str(doc["issued_on"]) == "2019-09-05"
    part1 = result.data["sections"][0]
    assert doc["key"] in part1["cites"]


def test_bare_mention_of_an_ambiguous_number_is_flagged():
    text = h.SEED.replace("Chú trọng xây dựng tiềm lực", "Quán triệt Nghị quyết số 28-NQ/TW. Chú trọng xây dựng tiềm lực")
    result = parse_directive_text(text)
    assert [d["number"] for d in result.data["documents"]].count("28-NQ/TW") == 2
    assert any("28-NQ/TW" in w for w in result.warnings)
