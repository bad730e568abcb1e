"""Template helpers of the dashboard: tolerant links to other apps' pages, Vietnamese number
formats, links that keep the current filters, and the matrix rows (rendered in Python: a
page holds thousands of cells)."""

import html
from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reports.dashboard.charts import number, percent_text

register = template.Library()
SENTINEL = 987654321
PAGE_PARAMS = ("trang", "trang_nv", "trang_qh", "trang_dv")  # matrix (units, tasks), overdue list, unit table


class UrlMaker:
    """pk -> URL of a page taking one id, reversed once: a matrix page links thousands of cells."""

    do_not_call_in_templates = True

    def __init__(self, before, after):
        self.before, self.after = before, after

    def __call__(self, pk):
        return f"{self.before}{int(pk)}{self.after}"


def url_maker(name):
    """A UrlMaker for the named page, or None if no such page exists (yet): pages of other
    apps are linked only once they are there."""
    try:
        sample = reverse(name, args=[SENTINEL])
    except NoReverseMatch:
        return None
    before, after = sample.split(str(SENTINEL), 1)
    return UrlMaker(before, after)


@register.simple_tag
def url_or_empty(name, *args):
    """{% url %} that gives "" instead of failing when the page does not exist."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def vn_percent(value):
    return percent_text(value)


@register.filter
def vn_decimal(value):
    return "–" if value is None else number(value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed ("" or None removes one);
    changing anything but a page number starts the lists again from their first page."""
    params = context["request"].GET.copy()
    if not set(PAGE_PARAMS) & set(changes):
        for name in PAGE_PARAMS:
            params.pop(name, None)
    for key, value in changes.items():
        if value in ("", None):
            params.pop(key, None)
        else:
            params[key] = value
    text = urlencode(sorted((k, v) for k, v in params.items() if v != ""))
    return f"?{text}" if text else "?"


@register.simple_tag(takes_context=True)
def page_link(context, param, number):
    """query_with for the page parameter named `param` (reports/_pager.html)."""
    return query_with(context, **{param: number})


@register.simple_tag
def matrix_cells(row, link, escaped=None):
    """The <td> cells of one matrix row. `link`: pk -> URL, or None. A row rendered already
    (MatrixRow.html) is given back as it is. Texts are escaped by the function
    django.utils.html.escape calls, without its check for lazy strings (a page has about a
    thousand cells), once per distinct (letters, words) of the row, or of every row sharing
    the dict `escaped`."""
    if row.html:
        return row.html
    escape = html.escape
    parts = []
    escaped = {} if escaped is None else escaped
    none = ('<td class="mx-none"><span aria-hidden="true">·</span>'
            f'<span class="visually-hidden">{escape(_("Không giao"))}</span></td>')
    for cell in row.cells:
        if cell is None:
            parts.append(none)
            continue
        # The row and column headers name the unit and the task; the hidden text the status.
        # A row has a handful of distinct (letters, words): each is escaped once.
        found = escaped.get((cell.abbr, cell.text))
        if found is None:
            text = escape(cell.text)
            found = escaped[(cell.abbr, cell.text)] = (
                text, f'<span aria-hidden="true">{escape(cell.abbr)}</span><span class="visually-hidden">{text}</span>')
        text, inner = found
        if link is not None:
            inner = f'<a href="{link(cell.assignment_id)}" title="{text}">{inner}</a>'
        else:
            inner = f'<span title="{text}">{inner}</span>'
        parts.append(f'<td class="mx mx-{cell.state}">{inner}</td>')
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def sort_header(context, label, name):
    """A column heading that sorts the unit table (a link keeping the filters), with
    aria-sort on the current column. Counts and rates sort biggest first on the first click."""
    current, descending = context["sort"], context["sort_desc"]
    active = name == current
    if active:
        value = name if descending else f"-{name}"
    else:
        value = name if name in ("ten", "loai", "hang") else f"-{name}"
    href = query_with(context, sap_xep=value)
    aria = ""
    arrow = ""
    if active:
        aria = ' aria-sort="descending"' if descending else ' aria-sort="ascending"'
        arrow = ' <span aria-hidden="true">▼</span>' if descending else ' <span aria-hidden="true">▲</span>'
    return format_html('<th scope="col"{}><a class="sort-link" href="{}">{}{}</a></th>',
                       mark_safe(aria), href, label, mark_safe(arrow))
