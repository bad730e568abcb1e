"""The dashboard's figures as plain data for the API (the same selector as the page)."""

from reports.dashboard.selectors import dashboard_data


def _figures(fig):
    out = {
        "assignments": fig.assignments,
        "groups": [{"key": b.key, "label": b.label, "count": b.count, "percent": _number(b.percent)}
                   for b in fig.buckets],
        "awaiting_review": fig.awaiting_review,
        "returned": fig.returned,
        # Reported apart from the four groups: what has fallen due, and how much of it is done.
        "fallen_due": fig.fallen_due,
        "fallen_due_done_percent": _number(fig.fallen_due_done_percent),
    }
    return out


def _number(value):
    return None if value is None else float(value)


def directive_figures(directive, user, as_of):
    data = dashboard_data(directive, user, as_of, matrix_units=0, overdue_per_page=1)
    return {
        "directive": directive.pk,
        "as_of": as_of.isoformat(),
        "whole": data.whole,
        "total": _figures(data.summary),
        "parts": [{"key": part.key, "number": part.number, "title": part.title, **_figures(part)}
                  for part in data.parts],
        "units": [{"id": row.unit_id, "name": row.name, **_figures(row)} for row in data.units],
    }
