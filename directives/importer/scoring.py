"""How close proposed tasks are to a reference (hand-made) directive: precision and recall."""

import re
from dataclasses import dataclass, field

from .normalize import fold

STOPWORDS = set("va cac cua trong cho voi nhung da duoc co tot theo ve la de tu den ngay nay do "
                "mot so tren the".split())


def tokens(text):
    return {w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in STOPWORDS}


def all_tasks(data):
    data = data or {}
    tasks = [t for s in data.get("sections") or [] for t in (s.get("tasks") or [])]
    return [t for t in tasks + list(data.get("closing_tasks") or []) if isinstance(t, dict)]


def _text(task):
    return f"{task.get('description') or ''} {task.get('title') or ''}"


def dice(a, b):
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass
class TaskScore:
    proposed: int
    reference: int
    pairs: list = field(default_factory=list)        # (reference key, proposed key, overlap)
    missed: list = field(default_factory=list)       # reference keys with no match
    extra: list = field(default_factory=list)        # proposed keys with no match
    threshold: float = 0.5
    agreement: dict = field(default_factory=dict)    # field → matched pairs that agree on it

    @property
    def matched(self):
        return len(self.pairs)

    @property
    def precision(self):
        return self.matched / self.proposed if self.proposed else 0.0

    @property
    def recall(self):
        return self.matched / self.reference if self.reference else 0.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self):
        lines = [f"nhiệm vụ đề xuất {self.proposed}, mẫu {self.reference}, khớp {self.matched} "
                 f"(ngưỡng {self.threshold}): precision {self.precision:.2f}, recall {self.recall:.2f}, "
                 f"F1 {self.f1:.2f}"]
        if self.agreement and self.pairs:
            lines.append("  trên các cặp khớp: " + ", ".join(
                f"{name} {n}/{self.matched}" for name, n in self.agreement.items()))
        lines += [f"  {r:>6} ↔ {p:<6} {s:.2f}" for r, p, s in self.pairs]
        if self.missed:
            lines.append("  không khớp (mẫu): " + ", ".join(self.missed))
        if self.extra:
            lines.append("  thừa (đề xuất): " + ", ".join(self.extra))
        return "\n".join(lines)


def task_score(proposed_data, reference_data, threshold=0.5):
    """One-to-one matching of tasks by the best token overlap (Dice) of description and title."""
    proposed, reference = all_tasks(proposed_data), all_tasks(reference_data)
    ptoks = [tokens(_text(t)) for t in proposed]
    rtoks = [tokens(_text(t)) for t in reference]
    scores = sorted(((dice(r, p), ri, pi) for ri, r in enumerate(rtoks) for pi, p in enumerate(ptoks)),
                    reverse=True)
    used_r, used_p, pairs = set(), set(), []
    for score, ri, pi in scores:
        if score < threshold:
            break
        if ri in used_r or pi in used_p:
            continue
        used_r.add(ri)
        used_p.add(pi)
        pairs.append((str(reference[ri].get("key")), str(proposed[pi].get("key")), round(score, 2)))
    by_r = {str(t.get("key")): t for t in reference}
    by_p = {str(t.get("key")): t for t in proposed}
    checks = {
        "kind": lambda r, p: r.get("kind") == p.get("kind"),
        "deadline": lambda r, p: str(r.get("deadline")) == str(p.get("deadline")),
        "lead": lambda r, p: bool(set(r.get("lead") or []) & set(p.get("lead") or [])),
        "target": lambda r, p: r.get("target_value") == p.get("target_value"),
    }
    agreement = {name: sum(1 for rk, pk, _s in pairs if check(by_r[rk], by_p[pk]))
                 for name, check in checks.items()}
    return TaskScore(
        proposed=len(proposed), reference=len(reference), pairs=pairs, threshold=threshold,
        agreement=agreement,
        missed=[str(t.get("key")) for i, t in enumerate(reference) if i not in used_r],
        extra=[str(t.get("key")) for i, t in enumerate(proposed) if i not in used_p],
    )
