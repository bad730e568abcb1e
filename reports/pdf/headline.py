"""The headline figures of a report — the four buckets, parts, units, the overdue list and
the charts — taken from the dashboard (`reports.dashboard.selectors.dashboard_data`), so the
PDF prints exactly the numbers the dashboard shows for the same "as of" date."""

from reports.dashboard import charts
from reports.dashboard.filters import DashboardFilters
from reports.dashboard.selectors import dashboard_data
from reports.pdf.figures import SHORT_LABELS, format_percent
from reports.pdf.render import FONT_FAMILY
from reports.pdf.svg import clean_svg


def _row(label, figures, **extra):
    cells = [b.count for b in figures.buckets]
    return {"label": label, "cells": cells, "total": figures.assignments,
            "fallen_due": figures.fallen_due, "done": figures.done,
            "done_percent": format_percent(figures.done_percent), **extra}


def _summary(figures, unit_count):
    return {
        "total": figures.assignments, "fallen_due": figures.fallen_due,
        "done_fallen_due": figures.done_fallen_due,
        "fallen_due_done_percent": format_percent(figures.fallen_due_done_percent),
        "done": figures.done, "unit_count": unit_count,
        "awaiting_review": figures.awaiting_review, "returned": figures.returned,
        "done_percent": format_percent(figures.done_percent),
        "buckets": [{"key": b.key, "label": b.label, "short_label": SHORT_LABELS[b.key],
                     "count": b.count, "percent": format_percent(b.percent)}
                    for b in figures.buckets],
    }


def headline_figures(directive, user, as_of, unit=None, overdue_rows=None):
    """`overdue_rows`: the first (longest overdue) rows of the overdue list; None for all."""
    filters = DashboardFilters(unit_id=unit.pk) if unit is not None else None
    data = dashboard_data(directive, user, as_of, filters, matrix_units=0,
                          overdue_per_page=overdue_rows)
    overdue = [{
        "task_key": o.task_key, "task_title": o.task_title, "unit_name": o.unit_name,
        "due_date": o.due, "days_overdue": o.days_overdue, "status_label": o.status_label,
    } for o in data.overdue]
    return {
        "dashboard": data,
        "summary": _summary(data.summary, len(data.units)),
        "parts": [_row(p.label, p) for p in data.parts if p.assignments],
        "units": [_row(u.name, u, rank=u.rank) for u in data.units],
        "overdue": overdue,
        "overdue_total": data.overdue_total,
        "charts": charts_for(data),
    }


def charts_for(data):
    """The dashboard's server-side SVG charts, cleaned for the PDF (reports.pdf.svg)."""
    drawn = charts.charts_for(data)
    return {
        "summary": [{"svg": clean_svg(drawn["bucket_bar"], FONT_FAMILY),
                     "caption": "Biểu đồ 1. Kết quả thực hiện theo bốn nhóm"}],
        "parts": [{"svg": clean_svg(drawn["parts"], FONT_FAMILY),
                   "caption": "Biểu đồ 2. Tiến độ thực hiện theo từng phần của Chỉ thị"}],
    }
