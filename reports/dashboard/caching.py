"""The dashboard's computed figures, cached (Django's cache: local memory in development and
tests, Redis in production: settings.CACHES).

    entry = DashboardCache(directive, user, as_of, filters, whole=whole)
    with entry.together(piece_names):                # one read, one write of the cache
        data = dashboard_data(..., memo=entry.memo)  # the page, from its pieces
    file = entry.get(options, lambda: ...)           # an export

`memo(name, compute)` returns the piece `name` cached for the entry, computing and storing it
when there is none: the figures every page shares (the counts per unit and per part,
reports.dashboard.counting, the costly part) are computed once for all the pages of the
matrix, of the unit table and of the overdue list, each of those pages a piece of its own.
`get(options, compute)` does the same for a value that depends on `options` (an export).

The key holds everything the figures depend on:
- the directive, the "as of" date, the filters (normalised: their GET parameters, sorted);
- the user's scope: "all" for those who see every unit of the directive, else the ids of the
  units they work for and of the directives they track (two users share an entry only if
  they would see the same figures);
- the language (labels are translated when the figures are built);
- `options` (page numbers, sort, page sizes…) or the piece's name;
- the data version (reports.versioning): database triggers bump it on every write to the
  tables the figures come from, whichever code path wrote. An entry is never invalidated: a
  write makes new keys, and old entries age out (DASHBOARD_CACHE_SECONDS).

The version is read before anything is computed, so what is stored under a version is at
least as new as that version. A hit costs one query (the version): the scope comes from the
grants the request reads once (accounts.permissions.grants_read_once).
"""

import gc
import hashlib
import json
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from accounts.permissions import tracked_directive_ids, unit_ids
from reports.versioning import read_version

KEY_PREFIX = "dashboard:v7"  # v7: a page is kept as its pieces only; the figures carry the merge mode
DEFAULT_TIMEOUT = 3600


def scope_key(user, whole):
    """"all", or the sorted ids of the units `user` works for and of the directives they
    track (what `Assignment.objects.visible_to(user)` is made of: the figures count the
    former; the filters' description names units seen through either)."""
    if whole:
        return "all"
    units, tracked = unit_ids(user), tracked_directive_ids(user)  # sorted, from the grants read once
    return f"units:{','.join(map(str, units))};tracks:{','.join(map(str, tracked))}"


def cache_key(directive, as_of, filters, scope, options, version):
    parts = {
        "directive": directive.pk,
        "as_of": as_of.isoformat(),
        "filters": sorted((name, str(value)) for name, value in filters.as_params().items()) if filters else [],
        "scope": scope,
        "language": translation.get_language() or "",
        "options": sorted((name, str(value)) for name, value in (options or {}).items()),
        "version": version,
        "ranking_min_due": settings.DASHBOARD_RANKING_MIN_DUE,
    }
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return f"{KEY_PREFIX}:{directive.pk}:{digest}"


@contextmanager
def gc_paused():
    """The cyclic garbage collector paused: building or unpickling the figures makes tens of
    thousands of small objects, which would otherwise set off full collections of the whole
    process's heap, costing more than the work itself (docs/performance.md). The objects are
    freed by reference counting; anything cyclic waits for the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class DashboardCache:
    """The cache entries of one directive, date, filter set and scope, at the current data
    version (read once, here). `whole` is selectors.sees_whole(user, directive)."""

    def __init__(self, directive, user, as_of, filters, *, whole):
        self.directive, self.filters, self.whole = directive, filters, whole
        self.as_of = as_of or timezone.localdate()
        self.scope = scope_key(user, whole)
        self.version = read_version()
        self.timeout = getattr(settings, "DASHBOARD_CACHE_SECONDS", DEFAULT_TIMEOUT)
        self.computed = []  # the names of the pieces computed (not read from the cache)
        # Within together(): the keys read at its start, what was found, what was computed.
        self._batch = self._found = self._unsaved = None

    def key(self, options):
        return cache_key(self.directive, self.as_of, self.filters, self.scope, options, self.version)

    def get(self, options, compute):
        """compute() or its value cached for `options`."""
        return self._cached(self.key(options), compute)

    def memo(self, name, compute):
        """compute() or its value cached for the piece `name`, whatever the options."""
        return self._cached(self.key({"piece": name}), compute, name)

    @contextmanager
    def together(self, names):
        """Within, `memo` finds the pieces `names` (None: no such piece) in one read of the
        cache made here, and what it computes is written at the end in one round trip
        (nothing when the page failed): a page's three pieces cost one read and at most one
        write instead of three of each."""
        keys = {self.key({"piece": name}) for name in names if name}
        with gc_paused():
            found = cache.get_many(list(keys))
        self._batch, self._found, self._unsaved = keys, found, {}
        try:
            yield
            if self._unsaved:
                cache.set_many(self._unsaved, self.timeout)
        finally:
            self._batch = self._found = self._unsaved = None

    def _cached(self, key, compute, name=None):
        batched = self._batch is not None and key in self._batch
        with gc_paused():
            value = self._found.get(key) if batched else cache.get(key)
            if value is None:
                value = compute()
                if batched:
                    self._unsaved[key] = value
                else:
                    cache.set(key, value, self.timeout)
                self.computed.append(name)
        return value
