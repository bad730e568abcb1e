"""The search itself: one function per kind of result, each starting from that model's
`visible_to` queryset (docs/architecture.md, rule 1), so nothing out of the user's scope is
listed or counted (the few tests made whatever the scope only decide whether to run a scoped
query).

Each returns a Group: up to LIMIT results, title and number matches first, and whether there
were more.

What costs here is less the SQL than building and compiling the permission querysets
(2–17 ms of Python each). So the directives the user may view are read once, as a list the
directive, part, cited-document and task groups share; the assignments, the submissions'
metadata and the reports are scoped only once something matches at all (docs/search.md,
"The page's cost").
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import roles
from search.matching import InIds, Matches, text_matches, without_seq_scans
from search.models import SearchText
from search.query import SearchQuery
from search.snippets import snippet

LIMIT = 10
# A scope of at most this many submissions is passed to the file-text query as a list of
# ids: PostgreSQL then knows how few rows it has to check (with the subquery it cannot tell
# a ward's hundred from the whole city's and may walk the whole text table).
LISTED_SCOPE = 2000
# Beyond that scope, the newest this many matching file texts are taken first and checked
# against the scope by id (search.selectors._matching_texts).
PREFILTER = 300
WALK = 300
# A submission's metadata, as its GIN index search_submission_fts covers it (search/0002).
META_FIELDS = ("number_symbol", "summary", "signer")


@dataclass
class Result:
    title: str
    url: str
    snippet: str = ""
    meta: str = ""
    file_url: str = ""


@dataclass
class Group:
    key: str
    label: str
    results: list = field(default_factory=list)
    more: bool = False


def _ranked(qs, query, fields, title_fields, order):
    """Rows of `qs` matching `query` in `fields`, those matching in `title_fields` first."""
    hit = Case(When(Matches(*title_fields, query=query), then=Value(True)),
               default=Value(False), output_field=BooleanField())
    rows = list(qs.filter(Matches(*fields, query=query)).annotate(title_hit=hit)
                .order_by("-title_hit", *order)[:LIMIT + 1])
    return rows[:LIMIT], len(rows) > LIMIT


def _text_of(obj, names):
    return "\n".join(str(getattr(obj, n) or "") for n in names)


def visible_directive_ids(user):
    """The ids of the directives `user` may view (a handful: one small query)."""
    from directives.models import Directive

    return list(Directive.objects.visible_to(user, "view").order_by().values_list("pk", flat=True))


def directives(user, query, directive_ids=None):
    from directives.models import Directive, Section

    if directive_ids is None:
        directive_ids = visible_directive_ids(user)
    visible = Directive.objects.filter(pk__in=directive_ids)
    fields = ["number", "symbol", "document_type", "summary", "issuing_organ", "preamble", "closing",
              "signer_name"]
    rows, more = _ranked(visible, query, fields, ["number", "symbol", "summary"], ["-issued_on", "-pk"])
    group = Group("directives", _("Chỉ thị"), more=more)
    for d in rows:
        group.results.append(Result(
            f"{d.document_type} {d.number}-{d.symbol}: {d.summary}", reverse("directives:detail", args=[d.pk]),
            snippet(_text_of(d, ["summary", "preamble", "closing"]), query), d.issuing_organ))
    sections, more_sections = _ranked(
        Section.objects.filter(directive_id__in=directive_ids).select_related("directive"),
        query, ["title", "text"], ["title"], ["directive_id", "number"])
    for s in sections:
        group.results.append(Result(
            f"{s.directive.number}-{s.directive.symbol} · {s.number}. {s.title}",
            reverse("directives:detail", args=[s.directive_id]) + f"#phan-{s.number}",
            snippet(s.text, query), str(_("Phần của chỉ thị"))))
    group.more = group.more or more_sections
    return group


def cited_documents(user, query, directive_ids=None):
    from directives.models import CitedDocument, Task

    if directive_ids is None:
        directive_ids = visible_directive_ids(user)
    links = Task.cited_documents.through.objects.filter(task__directive_id__in=directive_ids)
    qs = CitedDocument.objects.filter(pk__in=links.values("citeddocument_id"))
    rows, more = _ranked(qs, query, ["number", "title", "issuer"], ["number", "title"], ["number"])
    group = Group("cited", _("Văn bản được viện dẫn"), more=more)
    first_directive = dict(
        links.filter(citeddocument_id__in=[r.pk for r in rows]).order_by("task__directive_id")
        .values_list("citeddocument_id", "task__directive_id").distinct())
    for doc in rows:
        url = reverse("directives:detail", args=[first_directive[doc.pk]]) + "#documents-title"
        group.results.append(Result(f"{doc.get_doc_type_display()} {doc.number}", url,
                                    snippet(doc.title, query), doc.issuer))
    return group


def tasks(user, query, directive_ids=None):
    from directives.models import Task

    if directive_ids is None:
        directive_ids = visible_directive_ids(user)
    qs = Task.objects.filter(directive_id__in=directive_ids).select_related("directive")
    rows, more = _ranked(qs, query, ["key", "title", "description", "target_unit"], ["key", "title"],
                         ["directive_id", "position"])
    group = Group("tasks", _("Nhiệm vụ"), more=more)
    for t in rows:
        group.results.append(Result(
            f"{t.key}. {t.title}", reverse("directives:detail", args=[t.directive_id]),
            snippet(t.description or t.title, query), f"{t.directive.number}-{t.directive.symbol}"))
    return group


def assignments(user, query):
    """Assignments whose task or unit holds each term (e.g. "tam son tuyen quan": the unit
    matches two terms, the task two), those whose task's key and title hold them all first.

    Each term is looked up first in the tasks and units — small tables — and the
    assignments are filtered by those ids, never folded row by row. A term found in no task
    and no unit leaves the group empty before any assignment is read (with the lookups as
    subqueries PostgreSQL scanned the tracking body's 100,000 assignments to find none:
    30 ms). Then two LIMITed queries, title matches and the others, each in due-date order,
    rather than one ranking every match (a word in every task title: 100,000 rows sorted)."""
    from directives.models import Task
    from tasks.models import Assignment, Unit

    group = Group("assignments", _("Việc được giao"))
    condition, title_tasks = Q(), None
    for term in query.terms:
        one = SearchQuery(raw=query.raw, terms=(term,))
        task_ids = set(Task.objects.filter(Matches("key", "title", query=one)).order_by()
                       .values_list("pk", flat=True))
        unit_ids = list(Unit.objects.filter(Matches("name", "short_name", query=one)).order_by()
                        .values_list("pk", flat=True))
        if not task_ids and not unit_ids:
            return group
        condition &= Q(InIds("task_id", task_ids)) | Q(InIds("unit_id", unit_ids))
        # The tasks holding every term in their key and title: what Matches(query=query) finds.
        title_tasks = task_ids if title_tasks is None else title_tasks & task_ids
    qs = (Assignment.objects.visible_to(user, "view").filter(condition).select_related("task", "unit")
          .order_by("due_date", "pk"))
    found = list(qs.filter(InIds("task_id", title_tasks))[:LIMIT + 1])
    if len(found) <= LIMIT:
        found += qs.exclude(InIds("task_id", title_tasks))[:LIMIT + 1 - len(found)]
    group.more = len(found) > LIMIT
    for a in found[:LIMIT]:
        group.results.append(Result(
            f"{a.task.key}. {a.task.title}", reverse("tasks:assignment_detail", args=[a.pk]),
            snippet(f"{a.unit.name} · {a.task.title}", query), a.unit.name))
    return group


def submissions(user, query):
    """Submissions whose number, summary or signer match, then those with a matching file."""
    from tasks.models import Submission

    visible = Submission.objects.visible_to(user, "view")
    scope = _listed_scope(visible)
    group = Group("submissions", _("Văn bản nộp"))
    meta_rows = []
    # Whether any submission's number, summary or signer matches is asked first, whatever the
    # scope (nothing of it is shown): its GIN index answers in a fraction of a millisecond,
    # the two scoped queries cost a few ms of compiling and planning each. Sequential scans
    # off: for a word it believes common, PostgreSQL would otherwise read the table until the
    # first match, all of it if the matches are the newest rows.
    with without_seq_scans():
        any_meta = Submission.objects.filter(Matches(*META_FIELDS, query=query)).exists()
    if any_meta:
        # A listed scope replaces the permission subquery (cheaper to compile, and
        # PostgreSQL knows how few rows it has to check).
        within = visible if scope is None else Submission.objects.filter(InIds("pk", scope))
        meta_rows, group.more = _newest_number_first(
            within.select_related("assignment__unit", "assignment__task"), query)
    shown = set()
    for s in meta_rows:
        shown.add(s.pk)
        group.results.append(_submission_result(s, snippet(s.summary, query)))
    ids = _matching_texts(visible, query, shown, scope)
    texts = list(
        SearchText.objects.filter(pk__in=ids)
        .select_related("file", "submission__assignment__unit", "submission__assignment__task")
        .defer("vector").order_by("-submission_id", "-pk")
    )
    group.more = group.more or len(texts) > LIMIT
    for row in texts[:LIMIT]:
        result = _submission_result(row.submission, snippet(row.text, query, normalized=row.normalized))
        result.meta = f"{result.meta} · {_('tệp')} {row.file.original_name}"
        result.file_url = reverse("tasks:file_download", args=[row.file_id])
        group.results.append(result)
    return group


def _listed_scope(visible):
    """The ids of the submissions in `visible` if there are at most LISTED_SCOPE (a ward),
    else None."""
    scope = list(visible.order_by().values_list("pk", flat=True)[:LISTED_SCOPE + 1])
    return scope if len(scope) <= LISTED_SCOPE else None


def _matching_texts(visible, query, shown, scope):
    """Ids of the file texts matching `query` within `visible` (submissions), newest first,
    at most LIMIT + 1, those of the `shown` submissions left out.

    A listed `scope` (a ward: _listed_scope) is passed as a list of ids: PostgreSQL then
    knows how few rows it has to check. A larger one (the tracking body: the
    whole city) is applied after a cheap pre-filter: the newest PREFILTER matching texts
    whatever the scope, then those of them in scope, checked by id; only when that leaves
    too few (a scope much smaller than the city) is the scope joined in SQL. With the scope
    as a subquery PostgreSQL joined it to every matching text (2.3 s for a word found in
    every one of 100,000 files)."""
    order = ("-submission_id", "-pk")
    matching = (SearchText.objects.filter(status=SearchText.Status.OK)
                .filter(Matches("normalized", query=query, folded=True, vector="vector"))
                .exclude(submission_id__in=shown).order_by(*order))
    if scope is not None:
        if not scope:
            return []
        with without_seq_scans():
            return list(matching.filter(InIds("submission_id", scope)).values_list("pk", flat=True)[:LIMIT + 1])
    # The newest WALK texts first (a short walk down the submission index: enough for a
    # word found in most files); if too few of them match, every match through the GIN index.
    ids = _in_scope(visible, text_matches(query, shown, PREFILTER, walk=WALK))
    if len(ids) > LIMIT:
        return ids[:LIMIT + 1]
    hits = text_matches(query, shown, PREFILTER)
    ids = _in_scope(visible, hits)
    if len(ids) > LIMIT or len(hits) < PREFILTER:
        return ids[:LIMIT + 1]
    with without_seq_scans():
        return list(matching.filter(submission_id__in=visible.values("pk")).values_list("pk", flat=True)[:LIMIT + 1])


def _in_scope(visible, hits):
    """The ids of `hits` ((text id, submission id), in order) whose submission is in
    `visible`, stopping once there are LIMIT + 1."""
    ids = []
    # Checked LIMIT + 1 at a time: PostgreSQL looks a dozen ids up by primary key, but for a
    # few hundred it walks the whole scope (100 ms at 100,000 submissions).
    for start in range(0, len(hits), LIMIT + 1):
        window = hits[start:start + LIMIT + 1]
        allowed = set(visible.order_by().filter(pk__in={s for _, s in window}).values_list("pk", flat=True))
        ids += [pk for pk, submission_id in window if submission_id in allowed]
        if len(ids) > LIMIT:
            break
    return ids


def _newest_number_first(qs, query):
    """Submissions of `qs` whose number, summary or signer match, those whose number
    matches first, then the newest. Two LIMITed queries, each of which PostgreSQL can stop
    early (the number has its own small index; the others are walked newest first, index
    search_submission_newest), rather than one that ranks every match: a word found in
    every summary ("báo cáo", "kết quả") would otherwise fold and parse 100,000 rows."""
    order = ["-submitted_at", "-pk"]
    first = list(qs.filter(Matches("number_symbol", query=query)).order_by(*order)[:LIMIT + 1])
    rest = []
    if len(first) <= LIMIT:
        rest = list(qs.filter(Matches(*META_FIELDS, query=query))
                    .exclude(pk__in=[s.pk for s in first]).order_by(*order)[:LIMIT + 1 - len(first)])
    rows = first + rest
    return rows[:LIMIT], len(rows) > LIMIT


def _submission_result(s, excerpt):
    title = f"{s.get_kind_display()} {s.number_symbol}".strip()
    return Result(
        f"{title} ({_('lần')} {s.version})",
        reverse("tasks:assignment_detail", args=[s.assignment_id]) + "#submissions-title",
        excerpt, f"{s.assignment.unit.name} · {s.assignment.task.key}. {s.assignment.task.title}")


def reports(user, query):
    from reports.models import Report

    fields = ["unit__name", "directive__number", "directive__symbol", "directive__summary"]
    group = Group("reports", _("Báo cáo PDF"))
    # Whether any report matches is asked first, whatever the scope (a small table; nothing of
    # it is shown or counted): the reports' permission filter is the costliest of the page to
    # build, 10–17 ms of Python.
    if not Report.objects.filter(Matches(*fields, query=query)).exists():
        return group
    qs = Report.objects.visible_to(user).select_related("directive", "unit")
    rows, group.more = _ranked(qs, query, fields, ["directive__number", "unit__name"], ["-queued_at", "-pk"])
    for r in rows:
        subject = r.unit.name if r.unit else f"{r.directive.number}-{r.directive.symbol}"
        group.results.append(Result(
            f"{r.get_kind_display()} · {subject}", reverse("reports:report_detail", args=[r.pk]),
            snippet(f"{r.directive.summary}", query), r.get_status_display()))
    return group


def units(user, query):
    from tasks.models import Unit

    rows, more = _ranked(Unit.objects.all(), query, ["name", "short_name", "key"], ["name", "short_name"],
                         ["kind", "name"])
    group = Group("units", _("Đơn vị"), more=more)
    for u in rows:
        group.results.append(Result(u.name, reverse("accounts:unit_detail", args=[u.pk]), "",
                                    u.get_kind_display()))
    return group


def people(user, query):
    User = get_user_model()
    rows, more = _ranked(User.objects.all(), query, ["username", "first_name", "last_name", "email"],
                         ["username", "first_name", "last_name"], ["last_name", "username"])
    group = Group("people", _("Cán bộ, tài khoản"), more=more)
    for p in rows:
        group.results.append(Result(p.get_full_name() or p.username,
                                    reverse("accounts:person_detail", args=[p.pk]), "", p.username))
    return group


def search(user, query):
    """Every group the user may search, in display order."""
    directive_ids = visible_directive_ids(user)
    groups = [directives(user, query, directive_ids), cited_documents(user, query, directive_ids),
              tasks(user, query, directive_ids), assignments(user, query), submissions(user, query),
              reports(user, query)]
    if roles.can_manage_people(user):
        groups += [units(user, query), people(user, query)]
    return groups
