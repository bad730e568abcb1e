"""Parsing a directive is a matter of milliseconds (bench/bench_importer.py has the real timing)."""

import time

from directives.importer import parse_directive_text

from .helpers import SEED


def test_seed_parses_well_under_a_second():
    parse_directive_text(SEED)  # warm the regular expression cache
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        parse_directive_text(SEED)
        runs.append(time.perf_counter() - start)
    assert min(runs) < 1.0, runs


def test_ten_times_the_seed_stays_fast():
    text = SEED + "\n".join(SEED.split("\n")[14:40]) * 9
    start = time.perf_counter()
    parse_directive_text(text)
    assert time.perf_counter() - start < 3.0


def test_a_pdf_upload_is_read_and_parsed_under_a_second():
    """The slowest way in: pdfplumber's layout-aware extraction of a 3-page PDF, then the parser."""
    from directives.importer import parse_file

    from .builders import build_pdf

    data = build_pdf(with_tables=True)
    parse_file("ct-03.pdf", data)  # imports the PDF readers
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        result = parse_file("ct-03.pdf", data)
        runs.append(time.perf_counter() - start)
    assert result.ok and len(result.data["sections"]) == 6
    assert min(runs) < 1.0, runs
