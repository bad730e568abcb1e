"""Next year's directive from this year's: an import draft holding the same parts, tasks,
units, targets, cited documents and distribution, with every date moved by a year. The
Office then edits and publishes it like any imported draft."""

import calendar
import re

from django.db import transaction

from directives import recurrence
from directives.models import ImportDraft
from tasks.models import Assignment

from .drafts import HEADER_FIELDS
from .registry import database_groups, unit_rows


def next_year(day):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _iso(day):
    return day.isoformat() if day else None


def _number(value):
    """A Decimal as the JSON number the importer stores (an int when whole)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _year_words(text, year):
    """'năm 2022' becomes 'năm 2023' (the year the directive is about); other years stay."""
    return re.sub(rf"(năm\s+){year}\b", lambda m: f"{m.group(1)}{year + 1}", text or "", flags=re.I)


def _refs(keys, groups):
    """Unit keys, with a whole @group written as the group (as the importer writes it)."""
    keys = set(keys)
    out = []
    for name, members in groups.items():
        if len(members) > 1 and set(members) <= keys:
            out.append(f"@{name}")
            keys -= set(members)
    return out + sorted(keys)


def _series(tasks):
    """(task, 0) for a plain task; (first occurrence, number of occurrences) for a recurring one."""
    seen = {}
    out = []
    for task in tasks:
        if not task.series:
            out.append([task, 0])
        elif task.series in seen:
            seen[task.series][1] += 1
        else:
            seen[task.series] = [task, 1]
            out.append(seen[task.series])
    return out


def _without_period(title, period, year):
    """The recurring task's title: its period's label removed (it was written for `year`)."""
    label = (period or "").replace(str(year), str(year + 1))
    return title.replace(f" ({label})", "").replace(f" ({period})", "")


def _rule(first, count):
    every = {12: recurrence.MONTHLY, 4: recurrence.QUARTERLY, 2: recurrence.HALF_YEARLY}.get(count, recurrence.YEARLY)
    last_day = calendar.monthrange(first.deadline.year, first.deadline.month)[1]
    return {"every": every, "day": None if first.deadline.day == last_day else first.deadline.day}


def _units_by_task(directive):
    rows = (Assignment.objects.filter(task__directive=directive, is_cancelled=False)
            .values_list("task_id", "role", "unit__key"))
    found = {}
    for task_id, role, unit_key in rows:
        found.setdefault(task_id, {"lead": [], "coordinating": []})[
            "lead" if role == Assignment.Role.LEAD else "coordinating"].append(unit_key)
    return found


def draft_from_directive(*, user, directive):
    year = directive.year
    groups = database_groups(unit_rows())
    units = _units_by_task(directive)
    uid = 1

    def task_data(task):
        nonlocal uid
        refs = units.get(task.pk, {"lead": [], "coordinating": []})
        out = {
            "uid": uid, "key": task.key, "title": _year_words(task.title, year),
            "description": _year_words(task.description, year), "kind": task.kind,
            "deadline": _iso(next_year(task.deadline)), "deadline_proposed": task.deadline_proposed,
            "deadline_note": task.deadline_note, "event_date": _iso(next_year(task.event_date)),
            "target_value": _number(task.target_value),
            "target_unit": task.target_unit, "lead": _refs(refs["lead"], groups),
            "coordinating": _refs(refs["coordinating"], groups),
            "cites": list(task.cited_documents.values_list("key", flat=True)), "notes": [],
        }
        uid += 1
        return out

    header = {name: getattr(directive, name, "") or "" for name in HEADER_FIELDS if name != "tracking_unit"}
    header.update(
        number="", issued_on=_iso(next_year(directive.issued_on)),
        summary=_year_words(directive.summary, year),
        tracking_unit=directive.tracking_unit.key if directive.tracking_unit_id else "",
    )
    def tasks_of(queryset):
        out = []
        for first, count in _series(queryset.order_by("position")):
            item = task_data(first)
            if count:  # the occurrences of a recurring task become that task again
                item.update(key=first.series, title=_without_period(item["title"], first.period, year),
                            deadline=None, deadline_note="", recurrence=_rule(first, count))
            out.append(item)
        return out

    sections = []
    for section in directive.sections.order_by("number"):
        sections.append({
            "number": section.number, "title": _year_words(section.title, year), "text": section.text,
            "cites": list(section.cited_documents.values_list("key", flat=True)),
            "tasks": tasks_of(section.tasks),
        })
    closing = tasks_of(directive.tasks.filter(section__isnull=True))
    data = {
        "directive": header,
        "documents": [{"key": d.key, "doc_type": d.doc_type, "number": d.number, "issued_on": _iso(d.issued_on),
                       "issuer": d.issuer, "title": d.title} for d in directive.cited_documents.order_by("pk")],
        "sections": sections,
        "closing_tasks": closing,
        "distribution": [{"recipient": r.recipient, "purpose": r.purpose}
                         for r in directive.recipients.order_by("position")],
    }
    with transaction.atomic():
        return ImportDraft.objects.create(
            source_type=ImportDraft.SourceType.COPY, source_name=directive.number_symbol[:255],
            source_text=f"{directive.document_type} số {directive.number_symbol} ngày "
                        f"{directive.issued_on:%d/%m/%Y}: {directive.summary}",
            data=data, unplaced=[], notes={}, next_uid=uid, created_by=user,
        )
