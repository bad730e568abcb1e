"""Template helpers of the dashboard: tolerant links to other apps' pages, Vietnamese number
formats, links that keep the current filters, and the matrix rows (rendered in Python: a
page holds thousands of cells)."""

import html
from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reports.dashboard.charts import number, percent_text

register = template.Library()
PAGE_PARAMS = ("trang", "trang_nv", "trang_qh", "trang_dv")  # matrix (units, tasks), overdue list, unit table


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
    changing anything but a page number starts the lists again from their first page. Each
    parameter's last value counts, as QueryDict.items() gives it (a plain dict: a page makes
    some thirty of these links, and QueryDict.copy() deep-copies)."""
    params = dict(context["request"].GET.items())
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
def pager(context, param, page, pages, label, title="", previous="", next="", next_id=""):
    """One list's pages: a link to the one before and the one after (keeping the filters,
    query_with), the page's number among `pages`. `param`: the list's GET parameter; `title`:
    a heading before the links; `previous`, `next`: the links' words; `next_id`: the id of
    the link to the next page. Written in Python: a page of the dashboard has four."""
    items = []
    if title:
        items.append(f'<li class="page-item disabled"><span class="page-link">{html.escape(str(title))}</span></li>')
    if page > 1:
        href = html.escape(query_with(context, **{param: page - 1}))
        items.append(f'<li class="page-item"><a class="page-link" href="{href}">'
                     f'{html.escape(str(previous or _("Trang trước")))}</a></li>')
    items.append(f'<li class="page-item disabled"><span class="page-link">{int(page)}/{int(pages)}</span></li>')
    if page < pages:
        href = html.escape(query_with(context, **{param: page + 1}))
        ident = f' id="{html.escape(next_id)}"' if next_id else ""
        items.append(f'<li class="page-item"><a class="page-link" href="{href}"{ident}>'
                     f'{html.escape(str(next or _("Trang sau")))}</a></li>')
    return mark_safe(f'<nav aria-label="{html.escape(str(label))}">\n  <ul class="pagination pagination-sm flex-wrap">'
                     f'{"".join(items)}</ul>\n</nav>')


class MatrixHtml:
    """The markup of the matrix's cells. A cell's is made of its look (colour class, letters,
    words: the same for the cells of a key, reports.dashboard.counting.Cells.keyed_rows) and
    its assignment's id in the link, so the look's markup is made and escaped once (a page has
    about a thousand cells, a few hundred looks). Texts are escaped by the function
    django.utils.html.escape calls, without its check for lazy strings. `link`: a
    tuson_qp.links.UrlMaker, or None (no links)."""

    def __init__(self, link):
        self.link = link
        self.none = ('<td class="mx-none"><span aria-hidden="true">·</span>'
                     f'<span class="visually-hidden">{html.escape(_("Không giao"))}</span></td>')
        self._looks = {}

    def look(self, state, abbr, text):
        """(head, tail): a cell's markup is head, its assignment's id, tail (without links:
        head alone, tail None). The row and column headers name the unit and the task; the
        title and the hidden text, what the colour means."""
        key = (state, abbr, text)
        found = self._looks.get(key)
        if found is None:
            words = html.escape(text)
            inner = f'<span aria-hidden="true">{html.escape(abbr)}</span><span class="visually-hidden">{words}</span>'
            if self.link is None:
                found = (f'<td class="mx mx-{state}"><span title="{words}">{inner}</span></td>', None)
            else:
                found = (f'<td class="mx mx-{state}"><a href="{self.link.before}',
                         f'{self.link.after}" title="{words}">{inner}</a></td>')
            self._looks[key] = found
        return found

    def cell(self, cell):
        """The <td> of a MatrixCell, or of no assignment (None)."""
        if cell is None:
            return self.none
        return self._marked(cell.assignment_id, self.look(cell.state, cell.abbr, cell.text))

    @staticmethod
    def _marked(assignment_id, look):
        head, tail = look
        return head if tail is None else f"{head}{int(assignment_id)}{tail}"

    def row(self, cells):
        return mark_safe("".join(map(self.cell, cells)))

    def marked_row(self, cells):
        """row() of cells given as (assignment id, look()), or None for no assignment: the
        matrix makes each look once (reports.dashboard.matrix.build_matrix)."""
        return mark_safe("".join(self.none if c is None else self._marked(*c) for c in cells))


@register.simple_tag
def matrix_cells(row, link):
    """The <td> cells of one matrix row (`link`: a tuson_qp.links.UrlMaker, or None); a row
    rendered already (MatrixRow.html) as it is."""
    return row.html or MatrixHtml(link).row(row.cells)


@register.simple_tag
def matrix_head(tasks):
    """The matrix's two header rows: "Đơn vị" over both, then a cell per part over its tasks'
    columns, then a cell per task (its key, its title on hover). `tasks`: MatrixTask, in
    order (those of a part are together)."""
    parts = []  # [part, number of columns]
    for task in tasks:
        if parts and parts[-1][0] == task.part:
            parts[-1][1] += 1
        else:
            parts.append([task.part, 1])
    closing, part_word = html.escape(_("Tổ chức thực hiện")), html.escape(_("Phần"))
    groups = "".join(
        f'<th scope="colgroup" colspan="{n}" class="text-center small">'
        f'{closing if part == "c" else f"{part_word} {html.escape(str(part))}"}</th>' for part, n in parts)
    columns = "".join(f'<th scope="col" class="mx-task"><abbr title="{html.escape(t.title)}">'
                      f'{html.escape(t.key)}</abbr></th>' for t in tasks)
    return mark_safe(f'<tr><th scope="col" rowspan="2" class="mx-unit">{html.escape(_("Đơn vị"))}</th>{groups}</tr>\n'
                     f'        <tr>{columns}</tr>')


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
