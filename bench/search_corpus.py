"""Synthetic extracted text for the search benchmark (bench/bench_search.py).

Vietnamese text about the directive's topics, drawn from the directive's own text
(directives/data/03-CT-TU-2022.yaml): a word-pair (bigram) chain over its preamble, parts,
tasks and closing, so the words and the pairs that follow one another are those of the
directive, in the proportions it uses them. Deterministic for a given seed.

Speed: a pool of pages is generated once (each with its folded copy, search.normalize.fold);
a document is 2–20 pages drawn from the pool, each followed by a sentence of its own with
figures and a unit's name, after a header naming the report's number and unit. So 100,000
documents of ~11 pages cost a few string joins each, not millions of random draws.
"""

import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "directives" / "data" / "03-CT-TU-2022.yaml"

# Not a word of the directive: in RARE_SHARE of the documents only.
RARE = "pháo phòng"
RARE_SENTENCE = "Xây dựng trận địa pháo phòng không, bảo đảm sẵn sàng chiến đấu."
RARE_SHARE = 0.02
PAGE_CHARS = (2500, 3000)
PAGES = (2, 20)

_TOKEN = re.compile(r"[^\s]+")


def _source_texts():
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    d = data["directive"]
    texts = [d.get("preamble") or "", d.get("closing") or ""]
    for section in data["sections"]:
        texts += [section["title"], section.get("text") or ""]
        texts += [t.get("title", "") + ". " + (t.get("description") or "") for t in section.get("tasks") or []]
    texts += [t.get("title", "") + ". " + (t.get("description") or "") for t in data.get("closing_tasks") or []]
    units = [u["name"] for u in data["units"]]
    return [t for t in texts if t.strip()], units


class Corpus:
    def __init__(self, seed, pool=4000):
        from search.normalize import fold

        self.fold = fold
        self.rng = random.Random(seed)
        texts, self.units = _source_texts()
        chain, starts = {}, []
        for text in texts:
            tokens = _TOKEN.findall(text)
            for i, tok in enumerate(tokens):
                if i == 0 or tokens[i - 1].endswith((".", ";", ":")):
                    starts.append(tok)
                if i + 1 < len(tokens):
                    chain.setdefault(tok, []).append(tokens[i + 1])
        self.chain, self.starts = chain, starts
        self.pages = [self._page() for _ in range(pool)]
        self.pages = [(p, fold(p)) for p in self.pages]
        self.rare_folded = fold(RARE_SENTENCE)

    def _page(self):
        rng, size = self.rng, self.rng.randint(*PAGE_CHARS)
        out, length, tok = [], 0, rng.choice(self.starts)
        while length < size:
            out.append(tok)
            length += len(tok) + 1
            nxt = self.chain.get(tok)
            tok = rng.choice(nxt) if nxt and not tok.endswith(".") else rng.choice(self.starts)
        return " ".join(out)

    def document(self, number):
        """(text, folded text, pages) of report `number`: header, then 2–20 pages."""
        rng = self.rng
        unit = rng.choice(self.units)
        pages = rng.randint(*PAGES)
        head = (f"BÁO CÁO số {number}/BC ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2022 của {unit}: "
                f"kết quả thực hiện Chỉ thị số 03-CT/TU về nhiệm vụ quốc phòng, quân sự địa phương năm 2022.")
        parts, folded = [head], [self.fold(head)]
        rare_at = rng.randrange(pages) if rng.random() < RARE_SHARE else -1
        for i in range(pages):
            page, page_folded = self.pages[rng.randrange(len(self.pages))]
            tail = (f"Trang {i + 1}: {rng.randint(2, 400)} đồng chí của {rng.choice(self.units)} tham gia, "
                    f"đạt {rng.randint(60, 100)}% chỉ tiêu, kinh phí {rng.randint(10, 900)} triệu đồng.")
            parts += [page, tail]
            folded += [page_folded, self.fold(tail)]
            if i == rare_at:
                parts.append(RARE_SENTENCE)
                folded.append(self.rare_folded)
        return "\n".join(parts), "\n".join(folded), pages
