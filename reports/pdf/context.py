"""The template context of each kind of report.

Headline figures come from `reports.pdf.headline` (the dashboard's numbers); the details
from `reports.pdf.data`. Everything is computed for the user the report is generated as,
after the job has re-checked that user's permission.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from reports.dashboard.filters import CLOSING_TITLE
from reports.pdf import data
from reports.dashboard.data import percent
from reports.pdf.figures import format_percent, task_counts
from reports.pdf.header import Header, directive_reference, unit_on
from reports.pdf.headline import headline_figures
from reports.pdf.sections import KEYS, TITLES, draft_sections, paragraphs
from tasks.models import Assignment, Unit, UnitVersion
from tasks.status import Status

# How many accepted results are quoted under each task of the directive report: enough to
# show what was done without turning a 500-unit report into hundreds of pages.
RESULTS_PER_TASK = 3


def _author(header, directive):
    """The issuing organ as the body text names it. The header stores it in capitals, and
    str.capitalize() would lower-case the place ("Đảng ủy phường đình bảng"): a unit's own
    spelling is used when the organ is a unit's name."""
    organ = header.issuing_organ.strip().upper()
    tracking = directive.tracking_unit
    if organ == tracking.name.upper():
        return tracking.name
    for name in [*Unit.objects.values_list("name", flat=True), *UnitVersion.objects.values_list("name", flat=True)]:
        if name.upper() == organ:
            return name
    return header.issuing_organ.strip().capitalize()


def _lower_first(text):
    return text[:1].lower() + text[1:] if text else text


def common_context(report):
    directive = report.directive
    header = Header.from_parameters({**report.header, "final": report.is_final})
    return {
        "header": header,
        "directive": directive,
        "directive_reference": directive_reference(directive),
        "directive_summary": _lower_first(directive.summary.strip()),
        "author": _author(header, directive),
        "as_of": report.as_of,
        "as_of_text": f"{report.as_of:%d/%m/%Y}",
        "appendix_reference": appendix_reference(header, _author(header, directive), report.as_of),
    }


def appendix_reference(header, author, as_of):
    """"Kèm theo Báo cáo số 15-BC/ĐUQS, ngày 18/05/2022 của Đảng ủy Quân sự thành phố; số liệu
    tính đến ngày 15/05/2022"."""
    from datetime import date

    number = header.number.strip()
    number_text = f"số {number}" if number and not number.startswith("-") else f"số {number}".strip()
    doc_type = header.document_type.strip().capitalize()
    day = date.fromisoformat(header.report_date) if header.report_date else None
    text = f"Kèm theo {doc_type} {number_text}"
    if day:
        text += f", ngày {day:%d/%m/%Y}"
    return f"{text} của {author}; số liệu tính đến ngày {as_of:%d/%m/%Y}"


# Above this many units a task's lead or coordinating units are counted, not named.
NAMED_UNITS = 12
# The overdue list inside the progress report: the longest overdue first; the whole list is
# its own report (kind "overdue").
OVERDUE_IN_PROGRESS_REPORT = 100


def _units_text(entry):
    """"Đảng ủy phường Đình Bảng, …" or, for many, "163 đơn vị"."""
    if not entry:
        return ""
    if entry["names"] is not None:
        return ", ".join(entry["names"])
    return f"{entry['count']} đơn vị"


def _parts_and_tasks(directive):
    """[(label, title, [tasks])]: the parts in order, then the closing tasks."""
    from directives.models import Section, Task

    tasks = defaultdict(list)
    for task in Task.objects.filter(directive=directive).order_by("position", "key"):
        tasks[task.section_id].append(task)
    groups = [(f"Phần {s.number}", s.title, tasks[s.pk])
              for s in Section.objects.filter(directive=directive).order_by("number")]
    if tasks[None]:
        groups.append((str(CLOSING_TITLE), "", tasks[None]))
    return groups


def _task_details(directive, user, as_of):
    counts = data.bucket_counts_by_task(directive, user, as_of)
    units = data.units_by_task(directive, user, NAMED_UNITS, as_of)
    results = data.accepted_results(directive, user, as_of, RESULTS_PER_TASK)
    details = []
    for label, title, tasks in _parts_and_tasks(directive):
        rows = []
        for task in tasks:
            if task.pk not in counts:
                continue  # no active assignment the user can see
            row = task_counts(counts[task.pk])
            done = row["cells"][0] + row["cells"][1]
            quoted = results.get(task.pk, [])
            target = ""
            if task.target_value is not None:
                target = f"Chỉ tiêu: {data.format_number(task.target_value)} {task.target_unit}".strip() + "."
            rows.append({
                **row, "key": task.key, "title": task.title, "deadline": task.deadline,
                "deadline_proposed": task.deadline_proposed, "target_text": target,
                "lead_text": _units_text(units[task.pk].get(Assignment.Role.LEAD)),
                "coordinating_text": _units_text(units[task.pk].get(Assignment.Role.COORDINATING)),
                "done_percent": format_percent(percent(done, row["total"])),
                "results": quoted,
                # Completed assignments whose result is not quoted (done = accepted).
                "more_results": max(0, done - sum(r["count"] for r in quoted)),
            })
        if rows:
            details.append({"label": label, "title": title, "tasks": rows})
    return details


def report_sections(report, user, figures):
    """[{"key", "title", "paragraphs"}] of sections I–IV: the texts stored with the report,
    or, for a report asked for without them (the monthly one), the drafts of its "as of"
    date."""
    texts = report.sections
    if not texts:
        # Stored with the report when it is finished (services._finish writes parameters),
        # so that a new version starts from them.
        texts = draft_sections(report.directive, user, report.as_of, report.unit,
                               kind=report.kind, figures=figures)
        report.parameters = {**report.parameters, "sections": texts}
    return [{"key": key, "title": TITLES[key], "paragraphs": paragraphs(texts.get(key, ""))}
            for key in KEYS]


def directive_progress_context(report, user):
    figures = headline_figures(report.directive, user, report.as_of,
                               overdue_rows=OVERDUE_IN_PROGRESS_REPORT)
    return {
        **common_context(report), **figures,
        "sections": report_sections(report, user, figures),
        "part_details": _task_details(report.directive, user, report.as_of),
    }


def overdue_context(report, user):
    figures = headline_figures(report.directive, user, report.as_of)
    groups = {}
    for item in figures["overdue"]:
        groups.setdefault(item["unit_name"], []).append(item)
    overdue_groups = [
        {"unit_name": name, "items": items}
        for name, items in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))
    ]
    return {**common_context(report), **figures, "overdue_groups": overdue_groups}


def unit_context(report, user):
    directive, unit, as_of = report.directive, report.unit, report.as_of
    figures = headline_figures(directive, user, as_of, unit=unit)
    cutoff_ok = _before_end_of(as_of)
    rows = data.assignments(directive, user, as_of, unit).select_related("task").order_by(
        "task__section__number", "task__position", "pk"
    )
    assignments = [{
        "task_key": a.task.key, "task_title": a.task.title, "role_label": a.get_role_display(),
        "due_date": a.due_date, "original_due_date": a.original_due_date,
        "extended": a.due_date != a.original_due_date,
        "completed_on": a.completed_on if a.completed_on and a.completed_on <= as_of else None,
        "status_label": str(Status(a.status).label),
    } for a in rows]
    submissions = [{
        "task_key": s.assignment.task.key, "version": s.version,
        "kind_label": s.get_kind_display(), "number_symbol": s.number_symbol,
        "issued_on": s.issued_on, "summary": s.summary, "submitted_on": s.submitted_at,
        "status_label": (s.get_status_display() if cutoff_ok(s.decided_at)
                         else str(s.Status.PENDING.label)),
        "review_comment": s.review_comment if cutoff_ok(s.decided_at) else "",
    } for s in data.unit_submissions(directive, user, as_of, unit)]
    extensions = [{
        "task_key": e.assignment.task.key, "previous_due_date": e.previous_due_date,
        "requested_due_date": e.requested_due_date, "reason": e.reason,
        "status_label": (e.get_status_display() if cutoff_ok(e.decided_at)
                         else str(e.Status.PENDING.label)),
    } for e in data.unit_extensions(directive, user, as_of, unit)]
    explanations = [{
        "task_key": x.assignment.task.key, "requested_on": x.requested_at,
        "question": x.question, "answer": x.answer if cutoff_ok(x.answered_at) else "",
    } for x in data.unit_explanations(directive, user, as_of, unit)]
    return {
        **common_context(report), **figures, "unit": unit_on(unit, as_of), "assignments": assignments,
        "submissions": submissions, "extensions": extensions, "explanations": explanations,
        "sections": report_sections(report, user, figures),
    }


def _before_end_of(as_of):
    from tasks.querysets import end_of_day

    cutoff = end_of_day(as_of)
    return lambda moment: moment is not None and moment < cutoff


BUILDERS = {
    "directive_progress": ("reports/pdf/directive_progress.html", directive_progress_context),
    "unit": ("reports/pdf/unit.html", unit_context),
    "overdue": ("reports/pdf/overdue.html", overdue_context),
}


def build(report, user):
    """(template name, context) for `report`, computed as `user`."""
    try:
        template, builder = BUILDERS[report.kind]
    except KeyError:
        raise ValueError(_("Loại báo cáo không hợp lệ: %(kind)s") % {"kind": report.kind}) from None
    return template, builder(report, user)
