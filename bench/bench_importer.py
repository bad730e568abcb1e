"""Median time to read Chỉ thị 03-CT/TU with the text importer (pure Python, no Django).

    .venv/bin/python bench/bench_importer.py [runs]

Times parse_directive_text on the seed text, then extract_text + parse on a DOCX (python-docx)
and a PDF (WeasyPrint) built from the same text by the tests' builders, as uploads arrive.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directives.importer import parse_directive_text, parse_file  # noqa: E402


def timed(fn, runs):
    fn()  # the first call compiles the regular expressions, imports the readers
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, times


def report(label, times):
    print(f"{label}: median {statistics.median(times) * 1000:.2f} ms over {len(times)} runs "
          f"(min {min(times) * 1000:.2f} ms, max {max(times) * 1000:.2f} ms)")


def main(runs=50):
    text = (ROOT / "tests" / "importer" / "data" / "ct-03-2022.txt").read_text(encoding="utf-8")
    result, times = timed(lambda: parse_directive_text(text), runs)
    print(f"parse_directive_text: {len(text)} ký tự, {len(result.data['sections'])} phần, "
          f"{len(result.tasks)} nhiệm vụ, {len(result.data['documents'])} văn bản viện dẫn")
    report("text (paste)", times)
    try:
        from tests.importer.builders import build_docx, build_pdf
    except ImportError as exc:  # python-docx / WeasyPrint missing: the text figure stands alone
        print(f"DOCX/PDF skipped: {exc}")
        return
    for name, data in (("ct-03.docx", build_docx()), ("ct-03.pdf", build_pdf())):
        result, times = timed(lambda: parse_file(name, data), max(5, runs // 5))
        assert result.ok and len(result.data["sections"]) == 6, result.errors
        report(f"{name} ({len(data) // 1024} KB, extract + parse)", times)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
