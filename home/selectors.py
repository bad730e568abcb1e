"""What each person's home page shows ("what do I do now"), by role, read through the
selectors the other pages use: tasks.selectors (the unit's work, the review queue, requests),
the dashboard's cached figures (reports.dashboard) and accounts.selectors. Every block has
its count, its first few items and what an empty block means.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.selectors import accounts_needing_attention
from directives.models import Directive, ImportDraft
from reports.dashboard import caching
from reports.dashboard.filters import DashboardFilters
from reports.dashboard.page import page_data, page_options
from reports.dashboard.selectors import sees_whole
from reports.models import Report
from tasks import selectors as work
from tasks.models import Assignment, Membership
from tasks.status import DONE_STATUSES, Status
from tuson_qp.paging import bounded_count

SHOWN = 5  # items listed per block; the count says how many there are
# A block counted up to this many says "more than" past it (the review queue's own page
# counts up to tuson_qp.paging.BOUND): a badge of 100+ says as much on a home page, and
# counting a thousand pending submissions cost more than the rest of the block.
COUNTED = 100
HEADLINE_DIRECTIVES = 3
WEEK = 7
MONTH = 30


@dataclass
class Block:
    key: str
    title: str
    empty: str  # what an empty block means, in a sentence
    items: list = field(default_factory=list)
    count: int = 0
    more_url: str = ""
    more_label: str = ""

    at_least: bool = False  # `count` is a lower bound (tuson_qp.paging.BOUND)

    @classmethod
    def of(cls, key, title, empty, items, **more):
        items = list(items)
        return cls(key, title, empty, items[:SHOWN], len(items), **more)

    @classmethod
    def first(cls, key, title, empty, queryset, *, bounded=False, **more):
        """The first SHOWN rows of an ordered queryset and how many there are, without
        loading them all (the tracking body's queue holds thousands); `bounded`: counted up
        to COUNTED only."""
        if bounded:  # always counted, so the page's number of queries does not vary
            items = list(queryset[:SHOWN])
            count, exact = bounded_count(queryset, COUNTED)
        else:  # the count of every row along with the first ones: one query, one scan
            items = list(queryset.annotate(rows_in_all=Window(Count("pk")))[:SHOWN])
            count, exact = (items[0].rows_in_all if items else 0), True
        return cls(key, title, empty, items, count, at_least=not exact, **more), items


@dataclass
class Headline:
    """A directive's figures as the dashboard's default view shows them, at the as-of date."""

    directive: object
    data: object  # reports.dashboard.data.DashboardData
    as_of: datetime.date
    url: str


def headline(directive, user, as_of):
    """The dashboard's own cache entry (no filters, first pages): the same figures, computed
    once for both pages."""
    as_of = max(as_of, directive.issued_on)
    filters = DashboardFilters()
    _ranking, options = page_options({})
    entry = caching.DashboardCache(directive, user, as_of, filters, whole=sees_whole(user, directive))
    data = page_data(entry, directive, user, as_of, filters, options)
    url = reverse("reports:dashboard", args=[directive.pk])
    return Headline(directive, data, as_of, url)


def _published(qs):
    return qs.exclude(status=Directive.Status.DRAFT).order_by("-issued_on", "key")


def _assignment_url(assignment, anchor=""):
    url = reverse("tasks:assignment_detail", args=[assignment.pk])
    return f"{url}#{anchor}" if anchor else url


# --- Unit officer and head ----------------------------------------------------------------

def _work_items(rows, objects, as_of):
    """The assignments of `rows` (UnitRow) from `objects` ({pk: Assignment}), with what the
    block's items print: status, days left, the links."""
    items = []
    for row in rows:
        a = objects[row.pk]
        a.status = row.status
        work.decorate(a, as_of)
        a.form_url = reverse("tasks:submission_create", args=[a.pk])
        a.url = _assignment_url(a)
        items.append(a)
    return items


@dataclass(frozen=True)
class UnitRow:
    pk: int
    status: str
    due_date: datetime.date
    received_on: datetime.date | None
    unit_id: int
    directive_id: int


def unit_page(user, as_of):
    """The blocks of a unit officer (and head): what to do now for the user's units.

    Every assignment's status is read as a row of a few columns; only the items a block
    shows (SHOWN each) are loaded as objects: a unit holds 200 tasks, a commune head several
    units' worth, and building each with its task, part, directive and unit cost more than
    the query."""
    # A member of a unit given no work (the tracking body's own staff) skips the status
    # query and the explanations: there is nothing they could hold. Asked by unit id: the
    # permission filter's semi-join is estimated at 200 rows a unit, and PostgreSQL read
    # all 100,000 assignments in deadline order looking for the first of none (78 ms).
    units = {u.pk: u for u in work.units_of(user)}
    assigned = Assignment.objects.filter(unit_id__in=list(units)).exists()
    rows = [UnitRow(*values) for values in work.workspace_queryset(user, as_of=as_of).order_by().values_list(
        "pk", "status", "due_date", "received_on", "unit_id", "task__directive_id")] if assigned else []
    open_rows = sorted((r for r in rows if r.status not in DONE_STATUSES),
                       key=lambda r: (r.due_date, units[r.unit_id].name, r.pk))
    waiting = (Status.RETURNED, Status.OVERDUE, Status.AWAITING_REVIEW)
    chosen = {
        "returned": [r for r in open_rows if r.status == Status.RETURNED],
        "overdue": [r for r in open_rows if r.status == Status.OVERDUE],
        "due_week": [r for r in open_rows if r.status not in waiting and 0 <= (r.due_date - as_of).days <= WEEK],
        "due_month": [r for r in open_rows
                      if r.status not in waiting and WEEK < (r.due_date - as_of).days <= MONTH],
    }
    objects = Assignment.objects.select_related("task", "unit").in_bulk(
        {r.pk for found in chosen.values() for r in found[:SHOWN]})
    directives = Directive.objects.in_bulk({r.directive_id for r in rows})

    def work_block(key, title, empty):
        found = chosen[key]
        return Block(key, title, empty, _work_items(found[:SHOWN], objects, as_of), len(found),
                     more_url=reverse("tasks:workspace"), more_label=_("Xem mọi việc của đơn vị"))

    unreceived = {(r.directive_id, r.unit_id) for r in rows if r.received_on is None or r.received_on > as_of}
    receipt_items = [
        {"directive": directives[d], "unit": units[u],
         "url": reverse("tasks:acknowledge_directive", kwargs={"directive_pk": d, "unit_pk": u})}
        for d, u in sorted(unreceived, key=lambda pair: (
            -directives[pair[0]].issued_on.toordinal(), -pair[0], units[pair[1]].kind, units[pair[1]].name))
    ]
    explanations = list(work.open_explanations(user, action="submit")) if assigned else []
    for x in explanations:
        x.url = _assignment_url(x.assignment, f"explanation-answer-form-{x.pk}")
    blocks = [
        work_block("returned", _("Bị trả lại, cần hoàn thiện"),
                   _("Không có văn bản nào bị trả lại: chưa có việc phải sửa và nộp lại.")),
        Block.of("explanations", _("Yêu cầu giải trình chờ trả lời"),
                 _("Không có yêu cầu giải trình nào chờ đơn vị trả lời."), explanations),
        Block.of("receipts", _("Chỉ thị chờ xác nhận tiếp nhận"),
                 _("Đơn vị đã xác nhận tiếp nhận mọi chỉ thị được giao."), receipt_items),
        work_block("overdue", _("Quá hạn"), _("Không có việc quá hạn tính đến ngày này.")),
        work_block("due_week", _("Đến hạn trong 7 ngày"), _("Không có việc nào đến hạn trong 7 ngày tới.")),
        work_block("due_month", _("Đến hạn trong 8–30 ngày"),
                   _("Không có việc nào đến hạn từ ngày thứ 8 đến ngày thứ 30.")),
    ]
    is_head = Membership.objects.filter(user=user, role=Membership.Role.HEAD).exists()
    headlines = []
    if is_head:
        newest = sorted(directives.values(), key=lambda d: (d.issued_on, d.pk), reverse=True)[:HEADLINE_DIRECTIVES]
        headlines = [headline(d, user, as_of) for d in newest]
    return {"blocks": blocks, "is_head": is_head, "headlines": headlines, "has_work": bool(rows)}


# --- Reviewer (the tracking body) ---------------------------------------------------------

def _most_overdue_units(directive_headline):
    """Units with the most overdue work under a tracked directive, with the assignment of
    each that has been overdue longest (for the urge button, and the id the multi-urge
    form posts to reminders:urge_many: one urge per unit chosen): the first of the unit's own
    in the dashboard's overdue list (reports.dashboard.counting)."""
    data = directive_headline.data
    units = sorted((u for u in data.units if u.open_overdue),
                   key=lambda u: (-u.open_overdue, -u.late_days, u.name))[:SHOWN]
    oldest = data.oldest_overdue
    home = reverse("home")
    items = []
    for u in units:
        pk = oldest.get(u.unit_id)
        items.append({
            "unit": u, "directive": directive_headline.directive, "assignment_id": pk,
            "urge_url": f"{reverse('reminders:urge', args=[pk])}?next={home}" if pk else "",
            "list_url": f"{directive_headline.url}?don_vi={u.unit_id}#overdue-title",
        })
    return items, sum(1 for u in data.units if u.open_overdue)


def reviewer_page(user, as_of):
    today = timezone.localdate()
    queue_url = reverse("tasks:review_queue")
    queue_block, queue = Block.first(
        "queue", _("Hàng chờ thẩm định"), _("Không có văn bản nào chờ thẩm định: các đơn vị chưa nộp gì mới."),
        work.review_queue(user), bounded=True, more_url=queue_url, more_label=_("Mở hàng chờ thẩm định"))
    for s in queue:
        s.waited = (today - timezone.localtime(s.submitted_at).date()).days
        s.url = reverse("tasks:submission_review", args=[s.pk])
    tracked = list(_published(Directive.objects.visible_to(user, "track"))[:HEADLINE_DIRECTIVES])
    headlines = [headline(d, user, as_of) for d in tracked]
    overdue_units, overdue_unit_count = [], 0
    for h in headlines:
        items, count = _most_overdue_units(h)
        overdue_units += items
        overdue_unit_count += count
    due_block, due = Block.first(
        "due_week", _("Đến hạn trong tuần này, mọi đơn vị"),
        _("Không có việc nào của các đơn vị đến hạn trong 7 ngày tới."),
        work.open_work_due_between(user, as_of, as_of + datetime.timedelta(days=WEEK - 1), as_of=as_of))
    for a in due:
        a.url = _assignment_url(a)
    explanations_block, explanations = Block.first(
        "explanations", _("Yêu cầu giải trình chưa được trả lời"),
        _("Các đơn vị đã trả lời mọi yêu cầu giải trình."), work.open_explanations(user),
        more_url=queue_url, more_label=_("Xem ở hàng chờ thẩm định"))
    for x in explanations:
        x.url = _assignment_url(x.assignment, f"giai-trinh-{x.pk}")
    extensions_block, extensions = Block.first(
        "extensions", _("Đề nghị gia hạn chờ quyết định"),
        _("Không có đề nghị gia hạn nào chờ quyết định."), work.pending_extensions(user),
        more_url=queue_url, more_label=_("Xem ở hàng chờ thẩm định"))
    for e in extensions:
        e.url = _assignment_url(e.assignment, "extension-decision-form")
    blocks = [
        queue_block,
        Block("overdue_units", _("Đơn vị có nhiều việc quá hạn nhất"),
              _("Không đơn vị nào có việc quá hạn tính đến ngày này."),
              overdue_units[:SHOWN], overdue_unit_count,
              headlines[0].url + "#overdue-title" if headlines else "", _("Danh sách quá hạn")),
        due_block,
        explanations_block,
        extensions_block,
    ]
    return {"blocks": blocks, "headlines": headlines}


# --- The Office ----------------------------------------------------------------------------

def office_page(user, as_of):
    directives = list(_published(Directive.objects.visible_to(user))[:HEADLINE_DIRECTIVES])
    headlines = [headline(d, user, as_of) for d in directives]
    drafts = list(ImportDraft.objects.visible_to(user).open().select_related("created_by").order_by("-updated_at"))
    for d in drafts:
        d.url = reverse("directives:import_draft", args=[d.pk])
    locked, missing = accounts_needing_attention(user)
    people = [{"person": p, "reason": _("Đang bị khóa đăng nhập do nhập sai mật khẩu nhiều lần")} for p in locked]
    people += [{"person": p, "reason": _("Chưa cài xác thực hai bước dù chính sách bắt buộc")} for p in missing]
    for row in people:
        row["url"] = reverse("accounts:person_detail", args=[row["person"].pk])
    reports = list(
        Report.objects.visible_to(user)
        .filter(status__in=[Report.Status.QUEUED, Report.Status.RUNNING, Report.Status.FAILED])
        .select_related("directive", "unit", "requested_by").order_by("-queued_at")
    )
    for r in reports:
        r.url = reverse("reports:report_detail", args=[r.pk])
    blocks = [
        Block.of("drafts", _("Bản nháp nhập chỉ thị"),
                 _("Không có bản nháp nào đang soạn."), drafts,
                 more_url=reverse("directives:import_start"), more_label=_("Nhập chỉ thị mới")),
        Block.of("people", _("Tài khoản cần xử lý"),
                 _("Không có tài khoản nào bị khóa hay thiếu xác thực hai bước bắt buộc."), people,
                 more_url=reverse("accounts:person_list"), more_label=_("Quản lý cán bộ")),
        Block.of("reports", _("Yêu cầu báo cáo đang chờ hoặc bị lỗi"),
                 _("Không có báo cáo nào đang chờ tạo hay bị lỗi."), reports,
                 more_url=reverse("reports:report_list"), more_label=_("Mọi báo cáo PDF")),
    ]
    return {"blocks": blocks, "headlines": headlines}


# --- Observers (leadership) ----------------------------------------------------------------

def observer_page(user, as_of):
    directives = list(_published(Directive.objects.visible_to(user))[:HEADLINE_DIRECTIVES])
    return {"headlines": [headline(d, user, as_of) for d in directives]}


def home_page(user, as_of):
    """{role: its section} for each role the user has, in the order the page shows them."""
    sections = {}
    if roles.is_reviewer(user):
        sections["reviewer"] = reviewer_page(user, as_of)
    if roles.is_office(user):
        sections["office"] = office_page(user, as_of)
    elif roles.is_observer(user):
        sections["observer"] = observer_page(user, as_of)
    if work.units_of(user).exists():
        sections["unit"] = unit_page(user, as_of)
    return sections
