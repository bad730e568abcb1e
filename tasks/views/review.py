"""The tracking body's pages: the review queue, one submission's review, who has confirmed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.permissions import get_object_for_user, tracked_directive_ids
from directives.models import Directive
from home import as_of
from reports.versioning import read_version
from tasks import selectors, services
from tasks.documents import TEXT_KINDS, compare_versions, file_text
from tasks.forms import ReviewForm, ReviewQueueFilterForm
from tasks.models import Assignment, Submission, Unit
from tasks.services.reviews import completes_by_default
from tuson_qp.links import url_maker
from tuson_qp.paging import bounded_page

from .common import CONFLICT, Unsaved, refuse


# How long the queue's unit choices stay cached (a write makes a new key).
QUEUE_CACHE_SECONDS = 3600


def _scope_key(user, version):
    """What the user's queue depends on besides its filters: the data version (every write to
    the units, tasks, assignments and submissions changes it) and the directives tracked."""
    return f"{version}:{','.join(map(str, tracked_directive_ids(user)))}"


def _reviewable_units(user, scope):
    """(pk, short name or name, name) of the units whose work the user reviews: those with
    work under the directives they track (Assignment.objects.visible_to(user, "review")),
    kept in the cache under the scope (_scope_key): a province's 500 units cost a 4 ms query."""
    key = f"review-units:{scope}"
    units = cache.get(key)
    if units is None:
        with_work = Assignment.objects.filter(task__directive_id__in=tracked_directive_ids(user)).values("unit_id")
        units = list(Unit.objects.filter(pk__in=with_work).order_by("kind", "name")
                     .values_list("pk", "short_name", "name"))
        cache.set(key, units, QUEUE_CACHE_SECONDS)
    return units


def _count_key(scope, filters):
    """The cache key of the queue's count (tuson_qp.paging: counting a province's thousands of
    pending submissions through the join to the tracked directives is the page's costliest
    query, 5–9 ms), or None with a signature filter: the signature checks change verdicts
    without a new data version."""
    if filters.get("signature"):
        return None
    chosen = ":".join(str(filters.get(name) or "") for name in ("unit_id", "directive_id", "kind"))
    return f"review-count:{scope}:{chosen}"


# Extension requests and explanation requests listed below the queue; past these, the
# list says how many more there are (a filter narrows it).
REQUESTS_SHOWN = 50


def _first(qs, shown=REQUESTS_SHOWN):
    """(the first `shown` rows, how many more there are; counted only when there are more)."""
    rows = list(qs[: shown + 1])
    if len(rows) <= shown:
        return rows, 0
    return rows[:shown], qs.order_by().count() - shown


class _RowLabels:
    """What a row of the queue prints, worked out once per row; the labels rows share (a
    kind, a deadline, a task's title) once per page. `links`: (assignment page, review
    page), pk -> URL."""

    def __init__(self, links):
        self.links = links
        self.kinds = {value: str(label) for value, label in Submission.Kind.choices}
        self.dates, self.titles = {}, {}

    def _date(self, day):
        if day not in self.dates:
            self.dates[day] = date_format(day, "SHORT_DATE_FORMAT")
        return self.dates[day]

    def _title(self, task):
        if task.pk not in self.titles:
            self.titles[task.pk] = Truncator(task.title).chars(80)
        return self.titles[task.pk]

    def __call__(self, submission):
        assignment = submission.assignment
        submission.submitted_text = date_format(timezone.localtime(submission.submitted_at),
                                                "SHORT_DATETIME_FORMAT")
        submission.due_text = self._date(assignment.due_date)
        submission.unit_name = assignment.unit.display_name
        submission.task_key = assignment.task.key
        submission.task_title = self._title(assignment.task)
        submission.kind_label = self.kinds.get(submission.kind, submission.kind)
        submission.files_text = ngettext("lần %(v)s · %(n)s tệp", "lần %(v)s · %(n)s tệp",
                                         submission.file_count) % {"v": submission.version, "n": submission.file_count}
        submission.assignment_url = self.links[0](submission.assignment_id)
        submission.review_url = self.links[1](submission.pk)
        return submission


@login_required
def review_queue(request):
    """Submissions waiting for review, oldest first, 50 a page; the pager counts up to
    tuson_qp.paging.BOUND of them ("more than 1,000" past that)."""
    user = request.user
    scope = _scope_key(user, read_version())
    directives = Directive.objects.visible_to(user, "track").order_by("-issued_on")
    units = _reviewable_units(user, scope)
    form = ReviewQueueFilterForm(request.GET or None, units=[(pk, short or name) for pk, short, name in units],
                                 directives=directives)
    filters = form.filters() if request.GET else {}
    page = bounded_page(selectors.review_queue(user, **filters), request.GET.get("page"), per_page=50,
                        count_key=_count_key(scope, filters))
    labels = _RowLabels((url_maker("tasks:assignment_detail"), url_maker("tasks:submission_review")))
    for submission in page:
        labels(submission)
    place = {k: v for k, v in filters.items() if k not in ("kind", "signature")}
    query = request.GET.copy()
    query.pop("page", None)
    extensions, extensions_more = _first(selectors.pending_extensions(user, **place))
    explanations, explanations_more = _first(selectors.open_explanations(user, **place))
    return render(request, "tasks/review_queue.html", {
        "form": form,
        # The header names what the filters chose, from the choices offered (nothing else).
        "header_directive": next((d for d in directives if d.pk == filters.get("directive_id")), None),
        "header_unit": next((name for pk, _short, name in units if pk == filters.get("unit_id")), ""),
        "page": page,
        "query": query.urlencode(),
        "extensions": extensions,
        "extensions_more": extensions_more,
        "explanations": explanations,
        "explanations_more": explanations_more,
    })


@login_required
def submission_review(request, pk):
    submission = _load_for_review(request, pk)
    initial = {"complete": completes_by_default(submission)}
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and submission.status == Submission.Status.PENDING and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            submission, completed = services.submission_decide(
                user=request.user, submission_id=submission.pk, accept=accept,
                comment=form.cleaned_data["comment"], complete=form.cleaned_data["complete"] if accept else None,
                request=request,
            )
        except services.AlreadyDecided as error:
            messages.warning(request, error.message)
            return _decided_page(request, pk, form.cleaned_data["comment"])
        except services.WorkflowError as error:
            refuse(request, form, error)
        else:
            if not accept:
                messages.success(request, _("Đã trả lại văn bản để đơn vị hoàn thiện."))
            elif completed:
                messages.success(request, _("Đã chấp nhận văn bản; nhiệm vụ được ghi nhận hoàn thành."))
            else:
                messages.success(request, _("Đã chấp nhận văn bản; nhiệm vụ chưa ghi nhận hoàn thành."))
            return redirect("tasks:review_queue")
    elif request.method == "POST" and submission.status != Submission.Status.PENDING:
        who = submission.decided_by.get_full_name() or submission.decided_by.get_username()
        if submission.status == Submission.Status.WITHDRAWN:
            messages.warning(request, _("Đơn vị đã rút văn bản này (%(who)s); không cần thẩm định.") % {"who": who})
        else:
            messages.warning(request, _("Văn bản này đã được %(who)s thẩm định (%(status)s).")
                             % {"who": who, "status": submission.get_status_display()})
        return _decided_page(request, pk, request.POST.get("comment", ""))
    return _render_review(request, submission, form)


def _load_for_review(request, pk):
    return get_object_for_user(
        Submission.objects.select_related("assignment__task__directive", "assignment__unit", "submitted_by",
                                          "decided_by"),
        request.user, pk, "review",
    )


def _render_review(request, submission, form, unsaved=None, status=200):
    assignment = submission.assignment
    selectors.assignment_with_status(assignment, as_of.get(request))
    files = [(f, TEXT_KINDS.get(f.content_type, ""), file_text(f))
             for f in submission.files.select_related("signature")]
    others = list(assignment.submissions.exclude(pk=submission.pk).select_related("decided_by")
                  .prefetch_related("files").order_by("-version"))
    earlier = [o for o in others if o.version < submission.version]
    # Compared with the last version a reviewer saw: a withdrawn one was never reviewed.
    previous = next((o for o in earlier if o.status != Submission.Status.WITHDRAWN), None)
    return render(request, "tasks/submission_review.html", {
        "submission": submission, "assignment": assignment, "task": assignment.task,
        "files": files, "others": others, "form": form, "unsaved": unsaved,
        "comparison": compare_versions(previous, submission),
        "comments": [o for o in earlier if o.review_comment],
    }, status=status)


def _decided_page(request, pk, comment):
    """The submission's page after a colleague reviewed it first, with the comment this
    reviewer typed shown back (a redirect would lose it)."""
    if not (comment or "").strip():
        return redirect("tasks:submission_review", pk=pk)
    submission = _load_for_review(request, pk)
    return _render_review(request, submission, ReviewForm(), status=CONFLICT,
                          unsaved=Unsaved(str(_("Ý kiến thẩm định bạn vừa gõ")), comment))


@login_required
def acknowledgement_report(request):
    """For the tracking body: which units have confirmed receipt and dissemination."""
    directives = list(Directive.objects.visible_to(request.user, "track").order_by("-issued_on"))
    chosen = None
    wanted = request.GET.get("directive")
    for d in directives:
        if str(d.pk) == wanted:
            chosen = d
    chosen = chosen or (directives[0] if directives else None)
    rows = selectors.acknowledgement_report(request.user, chosen) if chosen else []
    return render(request, "tasks/acknowledgement_report.html", {
        "directives": directives, "directive": chosen, "rows": rows,
        "missing": sum(1 for r in rows if not (r["fully_received"] and r["fully_disseminated"])),
    })
