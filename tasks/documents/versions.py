"""What changed between two versions of a submission: the particulars side by side and a
line diff of their text (difflib), for the reviewer."""

import difflib
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .text import submission_text

MAX_DIFF_LINES = 400


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str

    @property
    def changed(self):
        return self.before != self.after


@dataclass(frozen=True)
class DiffLine:
    op: str  # "same", "added", "removed", "skip"
    text: str


def _value(submission, name):
    value = getattr(submission, name)
    if name == "kind":
        return submission.get_kind_display()
    if name == "issued_on":
        return date_format(value, "SHORT_DATE_FORMAT") if value else ""
    if name == "reported_value":
        return "" if value is None else f"{value.normalize():f}"
    if name == "files":
        return ", ".join(f.original_name for f in submission.files.all())
    return value or ""


FIELDS = (
    ("kind", _("Loại văn bản")), ("number_symbol", _("Số và ký hiệu")), ("issued_on", _("Ngày ban hành")),
    ("signer", _("Người ký")), ("summary", _("Trích yếu")), ("reported_value", _("Kết quả đạt được")),
    ("files", _("Tệp đính kèm")),
)


def _lines(text):
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def text_diff(before, after, context=2):
    """The changed lines of `after` against `before` with `context` unchanged lines around
    each change; long unchanged runs become one "skip" line. Empty when nothing changed."""
    a, b = _lines(before), _lines(after)
    if a == b:
        return []
    out = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        if out:
            out.append(DiffLine("skip", "…"))
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                out.extend(DiffLine("same", line) for line in a[i1:i2])
                continue
            out.extend(DiffLine("removed", line) for line in a[i1:i2])
            out.extend(DiffLine("added", line) for line in b[j1:j2])
        if len(out) > MAX_DIFF_LINES:
            out = out[:MAX_DIFF_LINES] + [DiffLine("skip", "…")]
            break
    return out


def compare_versions(previous, current):
    """{"previous", "fields": [FieldChange], "diff": [DiffLine], "has_text": bool} or None."""
    if previous is None:
        return None
    fields = [FieldChange(str(label), str(_value(previous, name)), str(_value(current, name)))
              for name, label in FIELDS]
    before, after = submission_text(previous), submission_text(current)
    return {
        "previous": previous,
        "fields": fields,
        "diff": text_diff(before, after),
        "has_text": bool(before.strip() and after.strip()),
        "same_text": bool(before.strip()) and _lines(before) == _lines(after),
    }
