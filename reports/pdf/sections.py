"""The drafted texts of a report's sections I–IV, computed from the data as of the report's
"as of" date; the requester edits them in the form and they are stored with the report
(`Report.parameters["sections"]`).

    I.   Kết quả thực hiện — the four groups, then one paragraph per part of the directive
         with its figures and the units that stand out;
    II.  Hạn chế, nguyên nhân — overdue and returned work, late completions, extensions and
         the reasons the units gave;
    III. Nhiệm vụ trọng tâm thời gian tới — what falls due next;
    IV.  Đề xuất, kiến nghị — empty: the form gives a hint.

The figures are the dashboard's (`reports.pdf.headline.headline_figures`, i.e.
`reports.dashboard.selectors.dashboard_data`), so the texts say what the tables say; the
rest (units per part, extension reasons, what falls due next) is read here through the same
visible querysets, a fixed number of queries whatever the number of units.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Min

from reports.dashboard.filters import CLOSING_PART
from reports.pdf import data
from reports.pdf.figures import format_percent
from reports.pdf.header import directive_reference, unit_on
from tasks.models import ExplanationRequest, ExtensionRequest
from tasks.querysets import end_of_day
from tasks.status import Bucket

KEYS = ("results", "limitations", "next_tasks", "proposals")
TITLES = {
    "results": "I. KẾT QUẢ THỰC HIỆN",
    "limitations": "II. HẠN CHẾ, NGUYÊN NHÂN",
    "next_tasks": "III. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI",
    "proposals": "IV. ĐỀ XUẤT, KIẾN NGHỊ",
}
# How many units are named as standing out (or lagging) in a part, and how many tasks falling
# due next are listed: a report names a few, the appendix has them all.
NAMED = 3
NEXT_TASKS = 8
REASONS = 3


def _date(day):
    return f"{day:%d/%m/%Y}"


def _names(items):
    return ", ".join(items)


def _bucket_sentence(f):
    """"đã hoàn thành 9 lượt (…), …" for Figures `f`, percentages as the dashboard gives them."""
    b = {x.key: x for x in f.buckets}

    def part(key):
        x = b[key]
        pct = format_percent(x.percent)
        return f"{x.count} lượt" + (f" ({pct}%)" if x.percent is not None and x.count else "")

    return (f"đã hoàn thành {f.done} lượt, trong đó đúng hạn {part(Bucket.DONE_ON_TIME)}, quá hạn "
            f"{part(Bucket.DONE_LATE)}; chưa hoàn thành {f.open_within + f.open_overdue} lượt, trong "
            f"đó còn trong hạn {part(Bucket.OPEN_WITHIN)}, quá hạn {part(Bucket.OPEN_OVERDUE)}")


def _denominator(f):
    """The four groups are shares of all assigned work; what has fallen due is said apart."""
    text = "Tỷ lệ tính trên tổng số lượt nhiệm vụ được giao."
    if f.fallen_due:
        text += (f" Đã đến hạn {f.fallen_due} lượt, trong đó hoàn thành {f.done_fallen_due} lượt "
                 f"({format_percent(f.fallen_due_done_percent)}% số đã đến hạn).")
    return text


def _part_title(part):
    if part.key == CLOSING_PART:
        return f"Về {part.title[:1].lower()}{part.title[1:]}"
    return f"Phần {part.number} ({part.title})"


def _unit_counts_by_part(scope_qs, names):
    """{part key: {unit name: Counter(bucket)}} of the assignments in `scope_qs`; `names`:
    {unit id: name} (the dashboard's unit rows: no join for them here)."""
    rows = (scope_qs.order_by().values_list("task__section__number", "unit_id", "bucket")
            .annotate(n=Count("pk")))
    by_part = defaultdict(lambda: defaultdict(Counter))
    for number, unit_id, bucket, n in rows:
        key = str(number) if number is not None else CLOSING_PART
        by_part[key][names.get(unit_id, str(unit_id))][bucket] += n
    return by_part


def _standouts(units):
    """(good, lagging) names among {name: Counter(bucket)} of one part."""
    good = sorted(
        (name for name, c in units.items()
         if c[Bucket.DONE_ON_TIME] and not c[Bucket.OPEN_OVERDUE] and not c[Bucket.DONE_LATE]),
        key=lambda name: (-units[name][Bucket.DONE_ON_TIME], name),
    )
    lagging = sorted((name for name, c in units.items() if c[Bucket.OPEN_OVERDUE]),
                     key=lambda name: (-units[name][Bucket.OPEN_OVERDUE], name))
    return good, [(name, units[name][Bucket.OPEN_OVERDUE]) for name in lagging]


def _part_figures(f):
    """One part's figures in words, leaving out what is zero."""
    text = f"{f.assignments} lượt nhiệm vụ được giao"
    if f.fallen_due and f.fallen_due != f.assignments:
        text += f", {f.fallen_due} lượt đã đến hạn"
    if not f.fallen_due and not f.done:
        return text + ", chưa có lượt nào đến hạn"
    clauses = []
    if f.done:
        done = f"đã hoàn thành {f.done} lượt"
        if not f.done_late:
            done += ", đều đúng hạn"
        elif not f.done_on_time:
            done += ", đều quá hạn"
        else:
            done += f" ({f.done_on_time} lượt đúng hạn, {f.done_late} lượt quá hạn)"
        if f.done_percent is not None:
            done += f", đạt {format_percent(f.done_percent)}%"
        clauses.append(done)
    if f.open_overdue:
        clauses.append(f"{f.open_overdue} lượt chưa hoàn thành, quá hạn")
    if f.open_within:
        clauses.append(f"{f.open_within} lượt đang thực hiện, còn trong hạn")
    return text + ("; " + "; ".join(clauses) if clauses else "")


def _part_paragraph(part, units, one_unit):
    text = f"- {_part_title(part)}: {_part_figures(part)}."
    if one_unit:
        return text
    good, lagging = _standouts(units)
    if good:
        more = f" và {len(good) - NAMED} đơn vị khác" if len(good) > NAMED else ""
        text += (" Các đơn vị hoàn thành đúng hạn tất cả các nhiệm vụ đã đến hạn: "
                 f"{_names(good[:NAMED])}{more}.")
    if lagging:
        shown = [f"{name} ({n} lượt)" for name, n in lagging[:NAMED]]
        more = f" và {len(lagging) - NAMED} đơn vị khác" if len(lagging) > NAMED else ""
        text += f" Còn chậm, có nhiệm vụ quá hạn: {_names(shown)}{more}."
    return text


def _results(ctx, one_unit, unit_counts):
    f, as_of = ctx["summary_figures"], ctx["as_of"]
    reference = directive_reference(ctx["directive"])
    if one_unit:
        opening = (f"Tính đến ngày {_date(as_of)}, {unit_on(ctx['unit'], as_of).name} được giao {f.assignments} lượt "
                   f"nhiệm vụ thực hiện {reference}")
    else:
        opening = (f"Tính đến ngày {_date(as_of)}, {f.assignments} lượt nhiệm vụ thực hiện {reference} "
                   f"đã được giao cho {ctx['unit_count']} đơn vị")
    lines = [f"{opening}; {_bucket_sentence(f)}. {_denominator(f)}"]
    review = []
    if f.awaiting_review:
        review.append(f"{f.awaiting_review} lượt đã nộp văn bản, đang chờ thẩm định")
    if f.returned:
        review.append(f"{f.returned} lượt bị trả lại để hoàn thiện (được tính là chưa hoàn thành)")
    if review:
        lines.append(f"Trong số chưa hoàn thành có {'; '.join(review)}.")
    if f.extensions_granted:
        lines.append(f"{f.extensions_granted} lượt nhiệm vụ đã được gia hạn thời gian thực hiện.")
    lines.append("Kết quả cụ thể theo từng nội dung của Chỉ thị:")
    for part in ctx["part_figures"]:
        if part.assignments:
            lines.append(_part_paragraph(part, unit_counts.get(part.key, {}), one_unit))
    return "\n".join(lines)


def _reasons(directive, user, as_of, unit):
    """The reasons units gave: (extension reasons by frequency, explanation answers count)."""
    scope = data.scope(directive, user, unit).values("pk")
    cutoff = end_of_day(as_of)
    reasons = Counter(
        " ".join(r.split()).rstrip(".")
        for r in ExtensionRequest.objects.visible_to(user, "view")
        .filter(assignment_id__in=scope, requested_at__lt=cutoff).values_list("reason", flat=True)
        if r and r.strip()
    )
    answered = (ExplanationRequest.objects.visible_to(user, "view")
                .filter(assignment_id__in=scope, answered_at__lt=cutoff).exclude(answer="")
                .values_list("answer", flat=True)[:REASONS])
    return reasons.most_common(REASONS), [" ".join(a.split()).rstrip(".") for a in answered]


def _limitations(ctx, directive, user, unit):
    f, as_of = ctx["summary_figures"], ctx["as_of"]
    lines = []
    b = {x.key: x for x in f.buckets}
    if f.open_overdue:
        text = f"- Còn {f.open_overdue} lượt nhiệm vụ chưa hoàn thành, quá hạn"
        if b[Bucket.OPEN_OVERDUE].percent is not None:
            text += f" ({format_percent(b[Bucket.OPEN_OVERDUE].percent)}%)"
        lagging = sorted((u for u in ctx["unit_figures"] if u.open_overdue),
                         key=lambda u: (-u.open_overdue, u.name))
        if unit is None and lagging:
            shown = [f"{u.name} ({u.open_overdue} lượt)" for u in lagging[:NAMED]]
            text += f", nhiều nhất ở: {_names(shown)}"
        oldest = ctx["overdue_rows"][:1]
        if oldest:
            o = oldest[0]
            who = "" if unit is not None else f" của {o.unit_name}"
            text += (f"; lâu nhất là nhiệm vụ {o.task_key} ({o.task_title}){who}, quá hạn "
                     f"{o.days_overdue} ngày")
        lines.append(text + ".")
    if f.done_late:
        late_units = sorted((u for u in ctx["unit_figures"] if u.done_late),
                            key=lambda u: (-u.done_late, u.name))
        text = f"- {f.done_late} lượt nhiệm vụ hoàn thành nhưng chậm so với thời hạn"
        if unit is None and late_units:
            text += f" (nhiều nhất: {_names(u.name for u in late_units[:NAMED])})"
        lines.append(text + ".")
    if f.returned:
        lines.append(f"- {f.returned} lượt văn bản, minh chứng bị trả lại để hoàn thiện do chưa đạt "
                     "yêu cầu khi thẩm định.")
    if f.extensions_granted:
        lines.append(f"- {f.extensions_granted} lượt nhiệm vụ phải gia hạn thời gian thực hiện.")
    if not lines:
        return (f"Tính đến ngày {_date(as_of)}, không có nhiệm vụ nào chưa hoàn thành quá hạn, "
                "hoàn thành chậm hay bị trả lại để hoàn thiện.")
    reasons, answers = _reasons(directive, user, as_of, unit)
    if reasons or answers:
        said = [f"“{reason}” ({n} lượt)" if n > 1 else f"“{reason}”" for reason, n in reasons]
        said += [f"“{answer}”" for answer in answers]
        lines.append(f"Nguyên nhân do các đơn vị nêu trong đề nghị gia hạn và giải trình: {'; '.join(said)}.")
    elif unit is not None:
        lines.append("Chưa có đề nghị gia hạn hay giải trình nào nêu nguyên nhân của các nhiệm vụ "
                     "chậm tiến độ.")
    else:
        lines.append("Các đơn vị chậm tiến độ chưa nêu nguyên nhân (chưa có đề nghị gia hạn hay giải "
                     "trình nào); cần yêu cầu các đơn vị giải trình cụ thể.")
    return "\n".join(lines)


def _falling_due(directive, user, as_of, unit):
    """[(task key, title, first deadline, open assignments)] of the tasks falling due next."""
    open_later = (data.assignments(directive, user, as_of, unit)
                  .filter(bucket=Bucket.OPEN_WITHIN, due_as_of__gt=as_of))
    return list(
        open_later.order_by().values("task__key", "task__title", "task__position")
        .annotate(first=Min("due_as_of"), n=Count("pk"))
        .order_by("first", "task__position")
        .values_list("task__key", "task__title", "first", "n")[:NEXT_TASKS]
    )


def _next_tasks(ctx, directive, user, unit):
    f, as_of = ctx["summary_figures"], ctx["as_of"]
    lines = []
    if f.open_overdue:
        lagging = sorted((u for u in ctx["unit_figures"] if u.open_overdue),
                         key=lambda u: (-u.open_overdue, u.name))
        text = f"- Khẩn trương hoàn thành {f.open_overdue} lượt nhiệm vụ đang quá hạn"
        if unit is None and lagging:
            text += f", trước hết của {_names(u.name for u in lagging[:NAMED])}"
        lines.append(text + ".")
    due = _falling_due(directive, user, as_of, unit)
    if due:
        lines.append("- Tập trung thực hiện các nhiệm vụ đến hạn trong thời gian tới:")
        for key, title, first, n in due:
            who = "" if unit is not None else f", {n} đơn vị chưa hoàn thành"
            lines.append(f"+ Nhiệm vụ {key}. {title}: hạn {_date(first)}{who};")
        lines[-1] = lines[-1][:-1] + "."
    if f.awaiting_review:
        lines.append(f"- Thẩm định {f.awaiting_review} lượt văn bản, minh chứng các đơn vị đã nộp.")
    if f.returned:
        lines.append(f"- Hoàn thiện và nộp lại {f.returned} lượt văn bản bị trả lại.")
    if not lines:
        lines.append(f"Tính đến ngày {_date(as_of)}, các nhiệm vụ được giao đã hoàn thành; tiếp tục "
                     "duy trì kết quả đã đạt được.")
    return "\n".join(lines)


def draft_sections(directive, user, as_of, unit=None, kind="directive_progress", figures=None):
    """{"results", "limitations", "next_tasks", "proposals"}: the drafted texts, computed as
    `user` sees the data as of `as_of` (for `unit` only, for a unit's report).
    `figures`: headline_figures(...) already computed for the same arguments."""
    from reports.pdf.headline import headline_figures

    one_unit = kind == "unit" and unit is not None
    unit = unit if one_unit else None
    figures = figures or headline_figures(directive, user, as_of, unit=unit, overdue_rows=1)
    dashboard = figures["dashboard"]
    ctx = {
        "directive": directive, "as_of": as_of, "unit": unit,
        "summary_figures": dashboard.summary, "part_figures": dashboard.parts,
        "unit_figures": dashboard.units, "unit_count": len(dashboard.units),
        "overdue_rows": dashboard.overdue,
    }
    unit_counts = {} if one_unit else _unit_counts_by_part(
        data.assignments(directive, user, as_of), {u.unit_id: u.name for u in dashboard.units})
    return {
        "results": _results(ctx, one_unit, unit_counts),
        "limitations": _limitations(ctx, directive, user, unit),
        "next_tasks": _next_tasks(ctx, directive, user, unit),
        "proposals": "",
    }


def paragraphs(text):
    """The paragraphs of an edited text: one per non-empty line, white space tidied."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]
