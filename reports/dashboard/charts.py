"""Charts of the dashboard as SVG strings, drawn in Python from `dashboard_data`'s figures.

No JavaScript and no external reference: each function returns one self-contained `<svg>`
(presentation attributes only, fonts by family name) that can be inlined in a page or
handed to WeasyPrint for the PDF reports:

    from reports.dashboard import charts
    charts.bucket_bar(data.summary)            # the four buckets as one stacked bar
    charts.bucket_donut(data.summary)          # the same as a ring, completion in the middle
    charts.parts_bars(data.parts)              # progress of each part
    charts.charts_for(data)                    # {"bucket_bar": svg, "bucket_donut": svg, "parts": svg}

Every chart has a <title> and a <desc> read by screen readers, and writes its numbers as
text next to the colours.
"""

import math
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.dashboard.data import BUCKETS
from tasks.status import Bucket

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
COLOURS = {
    Bucket.DONE_ON_TIME: "#198754",
    Bucket.DONE_LATE: "#0f5132",
    Bucket.OPEN_WITHIN: "#ffc107",
    Bucket.OPEN_OVERDUE: "#dc3545",
}
# Text drawn on each colour, chosen for contrast.
INK = {Bucket.OPEN_WITHIN: "#212529"}
SHORT = {
    Bucket.DONE_ON_TIME: gettext_lazy("Hoàn thành đúng hạn"),
    Bucket.DONE_LATE: gettext_lazy("Hoàn thành quá hạn"),
    Bucket.OPEN_WITHIN: gettext_lazy("Chưa hoàn thành, trong hạn"),
    Bucket.OPEN_OVERDUE: gettext_lazy("Chưa hoàn thành, quá hạn"),
}


def number(value, decimals=1):
    """1234.5 → "1.234,5": Vietnamese separators."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def percent_text(value):
    return "–" if value is None else f"{number(value)}%"


def _svg(width, height, title, desc, body, prefix):
    ids = f"{prefix}-title {prefix}-desc"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{ids}" '
        f'font-family={quoteattr(FONT)} font-size="13">'
        f'<title id="{prefix}-title">{escape(title)}</title>'
        f'<desc id="{prefix}-desc">{escape(desc)}</desc>{"".join(body)}</svg>'
    )


def _text(x, y, text, anchor="start", fill="#212529", weight=None, size=None):
    extra = (f' font-weight="{weight}"' if weight else "") + (f' font-size="{size}"' if size else "")
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{escape(text)}</text>")


def _rect(x, y, w, h, fill):
    return f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}"/>'


def _describe(summary):
    parts = [f"{SHORT[Bucket(b.key)]}: {b.count} ({percent_text(b.percent)})" for b in summary.buckets]
    return _("%(n)s nhiệm vụ được giao. ") % {"n": summary.assignments} + "; ".join(parts) + "."


def _legend(y, keys, width):
    body, x = [], 0
    for key in keys:
        label = str(SHORT[key])
        step = 14 + 7.2 * len(label) + 18
        if x + step > width:
            x, y = 0, y + 20
        body += [_rect(x, y - 10, 12, 12, COLOURS[key]), _text(x + 16, y, label)]
        x += step
    return body, y


def bucket_bar(summary, *, width=640, prefix="chart-buckets"):
    """The four buckets as one bar, proportional to all the assigned work."""
    body = [_text(0, 16, _("Kết quả thực hiện (%(n)s nhiệm vụ được giao)")
                  % {"n": summary.assignments}, weight="bold")]
    x, top, height = 0.0, 28, 34
    if summary.assignments:
        for b in summary.buckets:
            w = width * b.count / summary.assignments
            if not w:
                continue
            key = Bucket(b.key)
            body.append(_rect(x, top, w, height, COLOURS[key]))
            label = f"{b.count} · {percent_text(b.percent)}"
            if w > 8 * len(label) + 8:  # only when the label fits inside its segment
                body.append(_text(x + w / 2, top + 22, label, "middle", INK.get(key, "#ffffff"), "bold"))
            x += w
    else:
        body += [_rect(0, top, width, height, "#e9ecef"),
                 _text(width / 2, top + 22, _("Chưa có nhiệm vụ nào được giao"), "middle")]
    legend, y = _legend(top + height + 24, BUCKETS, width)
    body += legend
    rows_y = y + 24
    for i, b in enumerate(summary.buckets):
        body.append(_text(0, rows_y + i * 18, f"{SHORT[Bucket(b.key)]}: {b.count} ({percent_text(b.percent)})"))
    height_total = rows_y + 4 * 18
    return _svg(width, height_total, _("Biểu đồ bốn nhóm kết quả"), _describe(summary), body, prefix)


def _arc(cx, cy, r_out, r_in, start, end):
    """A ring segment from angle `start` to `end` (radians, clockwise from the top)."""
    def point(r, a):
        return cx + r * math.sin(a), cy - r * math.cos(a)

    large = 1 if end - start > math.pi else 0
    x1, y1 = point(r_out, start)
    x2, y2 = point(r_out, end)
    x3, y3 = point(r_in, end)
    x4, y4 = point(r_in, start)
    return (f"M{x1:.2f},{y1:.2f} A{r_out},{r_out} 0 {large} 1 {x2:.2f},{y2:.2f} "
            f"L{x3:.2f},{y3:.2f} A{r_in},{r_in} 0 {large} 0 {x4:.2f},{y4:.2f} Z")


def bucket_donut(summary, *, size=220, prefix="chart-donut"):
    """The four buckets as a ring; the completed share in the middle."""
    cx = cy = size / 2
    r_out, r_in = size / 2 - 4, size / 2 - 38
    body = []
    if summary.assignments:
        start = 0.0
        for b in summary.buckets:
            if not b.count:
                continue
            sweep = 2 * math.pi * b.count / summary.assignments
            end = start + min(sweep, 2 * math.pi - 1e-4)
            body.append(f'<path d="{_arc(cx, cy, r_out, r_in, start, end)}" fill="{COLOURS[Bucket(b.key)]}"/>')
            start += sweep
    else:
        body.append(f'<circle cx="{cx}" cy="{cy}" r="{(r_out + r_in) / 2}" fill="none" '
                    f'stroke="#e9ecef" stroke-width="{r_out - r_in}"/>')
    body.append(_text(cx, cy + 2, percent_text(summary.done_percent), "middle", weight="bold", size=22))
    body.append(_text(cx, cy + 22, _("đã hoàn thành"), "middle", size=12))
    return _svg(size, size, _("Tỷ lệ hoàn thành"), _describe(summary), body, prefix)


def parts_bars(parts, *, width=640, prefix="chart-parts"):
    """One bar per part over all its assignments, split into the four buckets."""
    label_w, bar_h, gap = 150, 22, 14
    figures = [f"{percent_text(part.done_percent)} · {part.done}/{part.assignments}" for part in parts]
    # The figures right of the bars get room for the longest (at most 0.65 em a character of
    # the 13 px font), so that none runs onto its bar.
    right_w = max(92, round(8.5 * max((len(text) for text in figures), default=0)) + 8)
    bar_w = width - label_w - right_w
    body = [_text(0, 16, _("Tiến độ theo phần của chỉ thị"), weight="bold")]
    y = 32
    desc = []
    for part, figure in zip(parts, figures):
        name = _("Phần %(n)s") % {"n": part.number} if part.number is not None else part.title
        body.append(_text(0, y + 16, name))
        x = label_w
        segments = [(Bucket(b.key), b.count) for b in part.buckets]
        if part.assignments:
            for key, count in segments:
                w = bar_w * count / part.assignments
                if w:
                    body.append(_rect(x, y, w, bar_h, COLOURS[key]))
                x += w
        else:
            body.append(_rect(x, y, bar_w, bar_h, "#f8f9fa"))
        body.append(_text(width, y + 16, figure, "end"))
        desc.append(_("%(name)s: %(done)s trên %(total)s nhiệm vụ được giao đã hoàn thành, %(within)s chưa hoàn thành còn trong hạn, %(late)s chưa hoàn thành quá hạn")
                    % {"name": name, "done": part.done, "total": part.assignments,
                       "within": part.open_within, "late": part.open_overdue})
        y += bar_h + gap
    legend, y = _legend(y + 10, BUCKETS, width)
    body += legend
    body.append(_text(0, y + 22, _("Bên phải: tỷ lệ hoàn thành · số đã hoàn thành/số được giao"), size=11))
    return _svg(width, y + 30, _("Biểu đồ tiến độ theo phần"), "; ".join(desc) + ".", body, prefix)


def charts_for(data):
    return {
        "bucket_bar": bucket_bar(data.summary),
        "bucket_donut": bucket_donut(data.summary),
        "parts": parts_bars(data.parts),
    }
