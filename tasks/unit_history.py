"""Units as of a date: the name, kind and parent each unit had on a day (UnitVersion), for
pages, exports and reports about that day. A unit without versions is what its own fields
say, on every date.

    names_as_of(ids, day)      -> {id: name}          one query
    units_as_of(ids, day)      -> {id: UnitAsOf}      one query
    UnitHistory().as_of(ids, day)  the same, from every unit, version and reorganisation
                                  read once (three queries), for many days; also
                                  existing_on, holders_as_of, cancelled_after, merged_into
    history_under(version)     -> the UnitHistory of a data version, kept per process
    holders_as_of(day)         -> {assignment id: unit id} of work a merge or split moved
                                  after `day` (the unit that held it on `day`)
    cancelled_after(day)       -> ids of the duplicates a merge or split cancelled after `day`
    merged_into()              -> {unit id: the last unit its successor chain leads to}
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import FilteredRelation, Q, QuerySet


@dataclass(frozen=True)
class UnitAsOf:
    pk: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None

    @property
    def display_name(self):
        return self.short_name or self.name


def _covering(day, prefix=""):
    def q(**kw):
        return Q(**{prefix + k: v for k, v in kw.items()})
    return (q(valid_from__isnull=True) | q(valid_from__lte=day)) & (q(valid_to__isnull=True) | q(valid_to__gte=day))


UNIT_FIELDS = ("name", "short_name", "kind", "parent_id")  # what a version may change


def units_as_of(unit_ids, day):
    """{unit id: UnitAsOf} for `unit_ids` (ids, or a queryset of their pks) on `day` (one
    query, whatever the number: each unit joined to its versions covering `day`). A unit
    with versions but none covering `day` (not yet founded, or closed) keeps its own fields;
    a covering version wins whole (its empty parent included); of several, the one with no
    start, then the latest start."""
    from tasks.models import Unit

    ids = unit_ids if isinstance(unit_ids, QuerySet) else list(unit_ids)  # a queryset: a subquery
    rows = (Unit.objects.filter(pk__in=ids)
            .annotate(covering=FilteredRelation("versions", condition=_covering(day, "versions__")))
            .values_list("pk", *UNIT_FIELDS, "covering__pk", "covering__valid_from",
                         *(f"covering__{f}" for f in UNIT_FIELDS)))
    found, ranks = {}, {}
    for pk, name, short, kind, parent, version, start, *versioned in rows:
        rank = (version is not None, start is None, start or day, version or 0)
        if pk in ranks and rank <= ranks[pk]:
            continue
        ranks[pk] = rank
        if version is not None:
            name, short, kind, parent = versioned
        found[pk] = UnitAsOf(pk, name, short or "", kind, parent)
    return found


class UnitHistory:
    """Every unit's own fields, its span of existence and its versions, and the
    reorganisations, read once (three queries), to answer units_as_of, existing_on and the
    reorganisations' questions for any number of days in memory (the dashboard keeps one per
    data version: history_under)."""

    def __init__(self, using=None):
        from tasks.models import Reorganisation, Unit, UnitVersion

        self.own, self.spans, self.successors = {}, {}, {}
        for pk, *fields, start, end, successor in Unit.objects.using(using).values_list(
                "pk", *UNIT_FIELDS, "valid_from", "valid_to", "successor_id"):
            self.own[pk], self.spans[pk] = fields, (start, end)
            if successor is not None:
                self.successors[pk] = successor
        # The reorganisations, latest first: (effective_on, summary).
        self.reorganisations = list(Reorganisation.objects.using(using).order_by("-effective_on", "-pk")
                                    .values_list("effective_on", "summary"))
        self.versions = {}
        for unit, pk, start, end, *fields in UnitVersion.objects.using(using).values_list(
                "unit_id", "pk", "valid_from", "valid_to", *UNIT_FIELDS):
            self.versions.setdefault(unit, []).append((pk, start, end, fields))

    def existing_on(self, day, kind):
        """Ids of the units of `kind` (their own, as now) that existed on `day`: existing_on's
        rule."""
        return [pk for pk, (start, end) in self.spans.items() if self.own[pk][2] == kind
                and (start is None or start <= day) and (end is None or end >= day)]

    def holders_as_of(self, day):
        """holders_as_of(day), by the same rules."""
        return _holders(summary for effective, summary in self.reorganisations if effective > day)

    def cancelled_after(self, day):
        """cancelled_after(day), by the same rules."""
        return _cancelled(summary for effective, summary in self.reorganisations if effective > day)

    def merged_before(self, day):
        """Whether some unit merged into another had its last day before `day`."""
        return any(self.spans[pk][1] is not None and self.spans[pk][1] < day for pk in self.successors)

    def merged_into(self):
        """merged_into(), by the same rules."""
        return _final_successors(self.successors, self.successors)

    def parent(self, unit_id):
        """The unit's own parent's id (as now), or None."""
        fields = self.own.get(unit_id)
        return fields[3] if fields else None

    def name(self, unit_id):
        """The unit's own name (as it is now), or "" for a unit not read."""
        fields = self.own.get(unit_id)
        return fields[0] if fields else ""

    def as_of(self, unit_ids, day):
        """units_as_of(unit_ids, day), by the same rules."""
        found = {}
        for pk in unit_ids:
            fields = self.own.get(pk)
            if fields is None:
                continue
            best = None
            for version, start, end, versioned in self.versions.get(pk, ()):
                if (start is None or start <= day) and (end is None or end >= day):
                    rank = (start is None, start or day, version)
                    if best is None or rank > best:
                        best, fields = rank, versioned
            name, short, kind, parent = fields
            found[pk] = UnitAsOf(pk, name, short or "", kind, parent)
        return found


_histories = OrderedDict()
_lock = threading.Lock()
KEPT = 4  # data versions whose UnitHistory a process keeps


def history_under(version, using=None):
    """The UnitHistory of data version `version` (reports.versioning: it changes with every
    write to units or their versions), read once per version and process."""
    key = (using, version)
    with _lock:
        if key in _histories:
            _histories.move_to_end(key)
            return _histories[key]
    history = UnitHistory(using)
    with _lock:
        _histories[key] = history
        while len(_histories) > KEPT:
            _histories.popitem(last=False)
    return history


def forget():
    """Drop every UnitHistory this process keeps (tests that rebuild the database; a benchmark)."""
    with _lock:
        _histories.clear()


def names_as_of(unit_ids, day, *, short=False):
    """{unit id: name on `day`} (with `short`: the short name when there is one)."""
    return {pk: (u.display_name if short else u.name) for pk, u in units_as_of(unit_ids, day).items()}


def unit_as_of(unit, day):
    return units_as_of([unit.pk], day)[unit.pk]


def existing_on(queryset, day):
    """The units of `queryset` that existed on `day`."""
    return queryset.filter(_covering(day))


def holders_as_of(day):
    """{assignment id: unit id}: the unit that held each assignment on `day`, for the work a
    merge or split moved after `day` (Reorganisation.summary["moved_from"]). Work not listed
    is held by its own unit."""
    from tasks.models import Reorganisation

    return _holders(Reorganisation.objects.filter(effective_on__gt=day).order_by(
        "-effective_on", "-pk").values_list("summary", flat=True))


def _holders(summaries):
    """holders_as_of from the summaries of the reorganisations after the day, latest first:
    the earliest move after the day is the one that stays."""
    holders = {}
    for summary in summaries:
        for assignment_id, unit_id in ((summary or {}).get("moved_from") or {}).items():
            holders[int(assignment_id)] = int(unit_id)
    return holders


def cancelled_after(day):
    """Ids of the assignments a merge or split cancelled (untouched duplicates of work the
    receiving unit had) with effect after `day`: on `day` they were still open work."""
    from tasks.models import Reorganisation

    return _cancelled(Reorganisation.objects.filter(effective_on__gt=day).values_list("summary", flat=True))


def _cancelled(summaries):
    found = set()
    for summary in summaries:
        found.update(int(pk) for pk in (summary or {}).get("cancelled") or [])
    return found


def merged_into(day=None):
    """{unit id: final successor id} of the units merged into another (by `day` when given:
    the merge in force on that day)."""
    from tasks.models import Unit

    units = Unit.objects.filter(successor__isnull=False)
    if day is not None:
        units = units.filter(valid_to__lt=day)
    direct = dict(Unit.objects.filter(successor__isnull=False).values_list("pk", "successor_id"))
    return _final_successors(units.values_list("pk", flat=True), direct)


def _final_successors(merged, direct):
    """{unit id: the last unit its chain of successors (`direct`: {id: successor id}) leads
    to} of the units `merged`."""
    found = {}
    for pk in merged:
        seen, current = {pk}, direct[pk]
        while current in direct and direct[current] not in seen:
            seen.add(current)
            current = direct[current]
        found[pk] = current
    return found
