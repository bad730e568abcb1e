from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import roles

register = template.Library()

# One set of status colours for every page (tests/test_status_badges.py checks each status of
# the models listed there has one): assignments (tasks.status.Status), submissions, extension
# requests, PDF reports and directives.
STATUS_STYLES = {
    "not_yet_due": "secondary",
    "in_progress": "primary",
    "overdue": "danger",
    "awaiting_review": "info",
    "returned": "warning",
    "done_on_time": "success",
    "done_late": "success",
    "pending": "info",
    "accepted": "success",
    "approved": "success",
    "rejected": "danger",
    "closed": "secondary",
    "withdrawn": "secondary",
    "queued": "secondary",
    "running": "primary",
    "ready": "success",
    "failed": "danger",
    "draft": "warning",
    "published": "success",
}


@register.simple_tag(takes_context=True)
def workflow_nav(context):
    """What the navigation offers the user, cached on the request (one query at most)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"has_units": False, "reviews": False}
    if not hasattr(request, "_workflow_nav"):
        request._workflow_nav = {"has_units": user.memberships.exists(), "reviews": roles.is_reviewer(user)}
    return request._workflow_nav


@register.filter
def status_style(value):
    return STATUS_STYLES.get(str(value), "secondary")


@register.simple_tag
def status_badge(status, label):
    """The markup of tasks/_status_badge.html without an include: a page listing hundreds of
    assignments (the unit workspace) draws one per row, and an include costs about a
    millisecond each."""
    return format_html('<span class="badge text-bg-{}">{}</span>', status_style(status), label)


@register.filter
def days_text(assignment):
    """"còn 3 ngày", "hạn hôm nay", "quá hạn 2 ngày" for an open assignment."""
    days = assignment.days_left
    if days > 0:
        return ngettext("còn %(n)s ngày", "còn %(n)s ngày", days) % {"n": days}
    if days == 0:
        return _("hạn hôm nay")
    return ngettext("quá hạn %(n)s ngày", "quá hạn %(n)s ngày", -days) % {"n": -days}


@register.filter
def readable_in_page(stored):
    """Whether a stored file can be read in the page (a PDF or a DOCX)."""
    from tasks.documents import TEXT_KINDS

    return getattr(stored, "content_type", "") in TEXT_KINDS
