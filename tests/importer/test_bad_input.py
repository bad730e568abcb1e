"""Whatever the text, the parser answers with a ParseResult and a Vietnamese message; never raises."""

import random
import time

import pytest

from directives.importer import ParseResult, parse_directive_text
from directives.importer.errors import EMPTY_TEXT, NOT_A_TEXT, NOT_RECOGNISED

from .helpers import SEED

ENGLISH = (
    "The quick brown fox jumps over the lazy dog. This paragraph is written in English and has "
    "nothing to do with a Party directive; it has no number, no date and no numbered parts.\n\n"
    "1. It has one numbered line though.\n"
)


def _failed(result, message=None):
    assert isinstance(result, ParseResult)
    assert not result.ok
    assert result.errors
    if message:
        assert message in result.errors
    return result


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t  \r\n", "\u200b\ufeff", "***\n---\n"])
def test_empty_text(text):
    _failed(parse_directive_text(text), EMPTY_TEXT)


@pytest.mark.parametrize("value", [None, b"bytes", 42, ["a"]])
def test_not_a_string(value):
    _failed(parse_directive_text(value), NOT_A_TEXT)


def test_english_paragraph():
    result = _failed(parse_directive_text(ENGLISH), NOT_RECOGNISED)
    assert result.unplaced  # what was read is handed back, not dropped


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_decoded(seed):
    data = random.Random(seed).randbytes(20_000)
    for text in (data.decode("latin-1"), data.decode("utf-8", errors="replace"),
                 data.decode("utf-16-le", errors="replace")):
        _failed(parse_directive_text(text))


def test_two_megabytes_of_garbage_is_refused_fast():
    rng = random.Random(1)
    text = "".join(rng.choice("abc đêô 1234567890./-;:,\n*()“”") for _ in range(2 * 1024 * 1024))
    start = time.perf_counter()
    result = _failed(parse_directive_text(text))
    assert time.perf_counter() - start < 1.0
    assert "dài quá" in result.errors[0]


def test_large_garbage_under_the_limit_stays_fast():
    rng = random.Random(2)
    words = ["Số", "ngày", "tháng", "năm", "1.", "2)", "Nghị quyết số", "28-NQ/TW", "của", "phường",
             "Đình Bảng", "T/M", "Nơi nhận:", "-", "}", "(b/c)", "“", "”", "20/10/2022", ";", "\n",
             "\n\n", "kỷ niệm 76 năm ngày", "(20/10/1946 - 20/10/2022)", "100%", "CHỈ THỊ\n"]
    text = " ".join(rng.choice(words) for _ in range(80_000))[:490_000]
    start = time.perf_counter()
    result = parse_directive_text(text)
    assert time.perf_counter() - start < 5.0
    assert isinstance(result, ParseResult)


def test_fuzzed_seed_never_raises():
    rng = random.Random(3)
    lines = SEED.split("\n")
    for _ in range(150):
        mutated = list(lines)
        for _k in range(rng.randint(1, 8)):
            op = rng.random()
            i = rng.randrange(len(mutated))
            if op < 0.3:
                del mutated[i]
            elif op < 0.6:
                mutated.insert(i, rng.choice(mutated))
            elif op < 0.8 and mutated[i]:
                j = rng.randrange(len(mutated[i]))
                mutated[i] = mutated[i][:j] + rng.choice(["\n", " ", "1. ", "}", "“", "*", ""]) + mutated[i][j + 1:]
            else:
                rng.shuffle(mutated)
        result = parse_directive_text("\n".join(mutated))
        assert isinstance(result, ParseResult)
        assert not any(e.startswith("Lỗi khi phân tích") for e in result.errors), result.errors


def test_header_only():
    text = SEED.split("Năm 2021")[0]
    result = parse_directive_text(text)
    assert isinstance(result, ParseResult)
    # Number, date and type are there: recognised, but nothing to track.
    assert result.ok
    assert result.data["directive"]["number"] == "03"
    assert any("phần đánh số" in w or "Nơi nhận" in w for w in result.warnings)


def test_no_numbered_parts_gives_one_part_and_a_warning():
    body = SEED.split("1. Tiếp tục")[0] + "Tiếp tục triển khai thực hiện các nhiệm vụ.\n"
    result = parse_directive_text(body + "\nNơi nhận:\n- Lưu: VPTU.\n")
    assert result.ok
    assert len(result.data["sections"]) == 1
    assert any("đánh số" in w for w in result.warnings)


def test_body_without_header_is_proposed_with_warnings():
    body = SEED[SEED.index("1. Tiếp tục triển khai"):SEED.index("Nơi nhận")]
    result = parse_directive_text(body)
    assert result.ok, result.errors
    assert len(result.data["sections"]) == 6
    assert any("số và ký hiệu" in w for w in result.warnings)
    assert any("ngày ban hành" in w for w in result.warnings)
    assert result.data["directive"]["year"] == 2022  # "… năm 2022" in the closing lines
    assert result.data["directive"]["key"] == ""     # the Office fills it in


def test_english_numbered_list_is_not_a_directive():
    text = "1. Buy milk and eggs today.\n2. Call the office about the report.\n3. Walk the dog.\n"
    _failed(parse_directive_text(text), NOT_RECOGNISED)
