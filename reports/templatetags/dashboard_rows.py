"""The rows of the dashboard's unit table and overdue list, rendered in Python: fifty rows of
a dozen cells each cost the template engine some 5 ms per table, on every page served, the
first (cold) one included (docs/performance.md). The table heads, captions and empty
messages stay in the templates (reports/_dashboard_units.html, _dashboard_overdue.html).
The returned rows are marked safe: every value in them is escaped here."""

import html
from urllib.parse import quote

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.dashboard.charts import number, percent_text
from tasks.templatetags.tasks_tags import status_style  # one set of status colours

register = template.Library()


def escape(value):
    """django.utils.html.escape's text, without its check for lazy strings (a page escapes a
    thousand values here, all of them plain text)."""
    return html.escape(str(value))


def _day(value, missing=""):
    """As the `date` filter shows a date or a time (in the current time zone), or `missing`."""
    if not value:
        return missing
    if hasattr(value, "tzinfo") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def _days(missing=""):
    """_day, each value's text made once: a table shows the same few days again and again."""
    texts = {}

    def day(value):
        text = texts.get(value)
        if text is None:
            text = texts[value] = _day(value, missing)
        return text
    return day


@register.simple_tag
def unit_rows(units, ranking, unit_base, sort=""):
    """The <tr> of each UnitRow of `units` (a page of them); `unit_base`: the current query
    string without the unit filter, to which each name's link adds its own. Ranking by rank
    (`sort` "hang"), a row heads each group of kinds the units are ranked in."""
    base = escape(unit_base)
    tied_text = escape(_("đồng hạng"))
    columns = 15 if ranking else 13
    rows, group, day = [], None, _days("–")
    for r in units:
        rank = note = ""
        if ranking:
            if sort == "hang" and r.rank_group != group:
                group = r.rank_group
                rows.append(f'<tr class="table-light rank-group" data-group="{escape(group)}">'
                            f'<th scope="colgroup" colspan="{columns}">{escape(r.rank_group_label)}</th></tr>')
            value = "" if r.rank is None else r.rank
            shown = "–" if r.rank is None else str(r.rank)
            if r.tied:
                shown += f' <span class="badge text-bg-light border" data-tied="1">{tied_text}</span>'
            rank = (f'<td class="text-end fw-bold text-nowrap" data-rank="{value}">{shown}</td>'
                    f'<td class="text-end" data-score="{"" if r.score is None else r.score}">'
                    f'{"–" if r.score is None else escape(number(r.score))}</td>')
            if r.unranked_reason:
                note = f'<div class="small text-body-secondary unranked-reason">{escape(r.unranked_reason)}</div>'
        overdue_class = " text-danger fw-bold" if r.open_overdue else ""
        rows.append(
            f'<tr data-unit="{r.unit_id}">{rank}'
            f'<th scope="row" class="fw-normal dash-name"><a href="{base}&amp;don_vi={r.unit_id}">{escape(r.name)}</a>{note}</th>'
            f'<td class="small">{escape(r.kind_label)}</td>'
            f'<td class="text-end">{r.assignments}</td>'
            f'<td class="text-end">{r.done_on_time}</td>'
            f'<td class="text-end">{r.done_late}</td>'
            f'<td class="text-end">{r.open_within}</td>'
            f'<td class="text-end{overdue_class}">{r.open_overdue}</td>'
            f'<td class="text-end">{r.awaiting_review}</td>'
            f'<td class="text-end">{escape(percent_text(r.on_time_rate))}</td>'
            f'<td class="text-end">{r.fallen_due}</td>'
            f'<td class="text-end">{"–" if r.avg_days_late is None else escape(number(r.avg_days_late))}</td>'
            f'<td class="text-end">{r.extensions_granted}</td>'
            f'<td class="text-nowrap">{day(r.last_activity)}</td>'
            "</tr>"
        )
    return mark_safe("".join(rows))


@register.simple_tag(takes_context=True)
def overdue_rows(context, rows, cell_link, urge_link):
    """The <tr> of each OverdueRow: links to the assignment (`cell_link`, a UrlMaker or None)
    and, for those who may urge, to the urging form (`urge_link`), back to this page."""
    back = quote(context["request"].get_full_path(), safe="/")  # as the urlencode filter does
    extension_title = escape(_("Số lần gia hạn"))
    not_reminded = escape(_("Chưa nhắc"))
    urge_label = escape(_("Đôn đốc"))
    # On a phone each row is a card (reports-dashboard.css): a cell names its column itself.
    label = {key: escape(text) for key, text in (
        ("role", _("Vai trò")), ("due", _("Thời hạn")), ("days", _("Số ngày quá hạn")),
        ("status", _("Trạng thái")), ("contact", _("Nhắc việc, đôn đốc gần nhất")),
    )}
    choose_label = escape(_("Chọn để đôn đốc:"))
    html, day = [], _days()
    for r in rows:
        task = f"<strong>{escape(r.task_key)}</strong> {escape(r.task_title)}"
        if cell_link is not None:
            task = f'<a href="{cell_link(r.assignment_id)}">{task}</a>'
        extension = ""
        if r.extension_count:
            times = ngettext("gia hạn %(n)s lần", "gia hạn %(n)s lần", r.extension_count) % {"n": r.extension_count}
            extension = f' <span class="badge text-bg-light border" title="{extension_title}">{escape(times)}</span>'
        contact = r.last_contact
        if contact:
            by = f" ({escape(contact.by)})" if contact.by else ""
            contact_cell = f"{day(contact.at)} · {escape(contact.rule_label)}{by}"
        else:
            contact_cell = f'<span class="text-body-secondary">{not_reminded}</span>'
        urge = choose = ""
        if urge_link is not None:
            choose = (f'<td class="urge-select"><input type="checkbox" class="form-check-input" name="assignment" '
                      f'value="{r.assignment_id}" form="urge-many-form" id="chon-{r.assignment_id}" '
                      f'aria-label="{choose_label} {escape(r.unit_name)}, {escape(r.task_key)}"></td>')
            urge = (f'<td class="urge-cell"><a class="btn btn-sm btn-outline-danger text-nowrap urge-button" '
                    f'href="{urge_link(r.assignment_id)}?next={back}">{urge_label}'
                    f'<span class="visually-hidden"> {escape(r.unit_name)}, {escape(r.task_key)}</span></a></td>')
        html.append(
            f'<tr data-assignment="{r.assignment_id}">{choose}'
            f'<td class="dash-name">{escape(r.unit_name)}</td>'
            f'<td class="dash-task">{task}</td>'
            f'<td class="text-nowrap" data-label="{label["role"]}">{escape(r.role_label)}</td>'
            f'<td class="text-nowrap" data-label="{label["due"]}">{day(r.due)}{extension}</td>'
            f'<td class="text-end fw-bold text-danger" data-label="{label["days"]}" data-days="{r.days_overdue}">{r.days_overdue}</td>'
            f'<td class="text-nowrap" data-label="{label["status"]}"><span class="badge text-bg-{status_style(r.status)}">'
            f'{escape(r.status_label)}</span></td>'
            f'<td class="small last-contact" data-label="{label["contact"]}">{contact_cell}</td>'
            f"{urge}</tr>"
        )
    return mark_safe("".join(html))
