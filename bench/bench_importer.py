"""Median time to parse Chỉ thị 03-CT/TU with the text importer (pure Python, no Django).

    .venv/bin/python bench/bench_importer.py [runs]
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directives.importer import parse_directive_text  # noqa: E402


def main(runs=50):
    text = (ROOT / "tests" / "importer" / "data" / "ct-03-2022.txt").read_text(encoding="utf-8")
    parse_directive_text(text)  # first call compiles the regular expressions
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = parse_directive_text(text)
        times.append(time.perf_counter() - start)
    tasks = len(result.tasks)
    print(f"parse_directive_text: {len(text)} ký tự, {len(result.data['sections'])} phần, {tasks} nhiệm vụ, "
          f"{len(result.data['documents'])} văn bản viện dẫn")
    print(f"median {statistics.median(times) * 1000:.2f} ms over {runs} runs "
          f"(min {min(times) * 1000:.2f} ms, max {max(times) * 1000:.2f} ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
