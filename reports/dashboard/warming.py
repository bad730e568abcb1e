"""Keep the dashboard's default view computed, so that the tracking body rarely waits for it.

The default view of each published directive (today, no filters, first pages, default sort,
in Vietnamese, for those who see every unit) is computed only when its cache entries (its
pieces: reports.dashboard.page) are missing: after any write to the data it counts (the data
version changes: reports.versioning), at midnight (a new "as of" date), or when they aged out. The beat
runs `warm_dashboards` every minute; it computes the entry the view would compute, under the
very same key (reports.dashboard.page), as a member of the tracking body. Because it follows
the data version, which database triggers bump, it also catches writes made by the admin, a
QuerySet.update() or raw SQL.

Other views (another date, filters, a unit officer's own scope, the English interface) are
computed on their first request, as before.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from directives.models import Directive
from reports.dashboard.caching import DashboardCache
from reports.dashboard.filters import DashboardFilters
from reports.dashboard.page import page_data, page_options
from reports.dashboard.selectors import sees_whole
from tasks.models import Membership

log = logging.getLogger(__name__)

LOCK_KEY = "dashboard:warming"
LOCK_SECONDS = 300  # a run that dies leaves the lock at most this long


def tracker(directive):
    """A member of the directive's tracking body who sees every unit of it (its head
    first), or None."""
    if directive.tracking_unit_id is None:
        return None
    members = (Membership.objects.filter(unit_id=directive.tracking_unit_id, user__is_active=True)
               .select_related("user").order_by("role", "user_id"))  # "head" before "officer"
    return next((m.user for m in members if sees_whole(m.user, directive)), None)


def warm_dashboards(today=None):
    """Compute the default view of every published directive whose entry is missing; return
    the directives computed. Does nothing while another run holds the lock."""
    if not cache.add(LOCK_KEY, 1, LOCK_SECONDS):
        return []
    try:
        return _warm(today or timezone.localdate())
    finally:
        cache.delete(LOCK_KEY)


def _warm(today):
    warmed = []
    _ranking, options = page_options({})
    filters = DashboardFilters()
    with translation.override(settings.LANGUAGE_CODE):
        for directive in Directive.objects.filter(status=Directive.Status.PUBLISHED).order_by("pk"):
            user = tracker(directive)
            if user is None:
                continue
            entry = DashboardCache(directive, user, today, filters, whole=True)
            page_data(entry, directive, user, today, filters, options)  # what is missing of it
            if not entry.computed:
                continue
            warmed.append(directive)
            log.info("dashboard of %s computed for %s", directive.key, today)
    return warmed
