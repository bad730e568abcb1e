"""What the dashboard's counts need to know of each assignment, whatever the "as of" date:
read once per data version into arrays (numpy), and kept for the dates that follow.

    facts = assignment_facts(base)    # base: the assignments counted, no date applied

The status of an assignment "as of" a day follows from a few of its own fields and from the
facts the triggers keep on it (Assignment.MAINTAINED): when it was completed and received,
its deadline, and the local day of its first and last submission, decision and approved
extension. Every one of them is a day here (days since 01/01/1970): with_status compares a
timestamp with the end of the "as of" day in the portal's time zone, which is to compare its
local day with that day. reports.dashboard.counting applies with_status's rules to them for
any date; the assignments whose status then depends on their history (submitted or extended
both before and after the date) get it from the histories read with the facts
(reports.dashboard.histories).

Counting 100,000 assignments this way takes under a tenth of the time of one grouped SQL pass
(docs/performance.md): the expressions of the status are evaluated over arrays, not row by
row. The facts are kept under the data version (reports.versioning: any write to
what they come from makes a new one), the database and the query that selects the
assignments: in the process (a few sets, least recently used dropped) and in Django's cache
(one entry per query, its latest version), so that a set read by one process serves the
others.
"""

import datetime
import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import F
from django.utils import timezone

from reports.versioning import read_version
from tasks import unit_history
from tasks.models import Assignment, ExtensionRequest, Submission

EPOCH = datetime.date(1970, 1, 1)
NEVER = np.iinfo(np.int32).max  # the day of what has not happened
STATUS_CODES = {None: 0, Submission.Status.PENDING.value: 1, Submission.Status.RETURNED.value: 2,
                Submission.Status.ACCEPTED.value: 3, Submission.Status.WITHDRAWN.value: 4}
OTHER_STATUS = 5
PENDING, RETURNED, ACCEPTED = 1, 2, 3
ROLE_CODES = {None: 0, **{role: code for code, role in enumerate(Assignment.Role.values, start=1)}}
# The columns, in the order they are read: a field, or a timestamp's local day.
DAY_OF = ("first_extension_at", "last_extension_at", "first_submitted_at", "last_submitted_at",
          "last_decided_at")
COLUMNS = ("id", "unit_id", "task_id", "is_cancelled", "due_date", "completed_on", "received_on",
           "extension_count", "first_extension_due", *DAY_OF, "last_submission_status", "role")
KEPT = 4  # sets of facts kept per process (the whole directive, a ward, an officer's unit…)
SHARED_PREFIX = "dashboard:facts:v3"  # v3: with the role (the overdue list's rows)


@dataclass
class Facts:
    """One array per column of COLUMNS (int32: ids, counts, days with NEVER for none, the
    latest submission's status as STATUS_CODES, the role as ROLE_CODES), by id; `rows`,
    their number. The histories of the work submitted, or extended, on more than one
    occasion (reports.dashboard.histories reads them for a day that falls between):
    `submissions`, one array per column of SUBMISSIONS, in the order of their assignment's
    position in the facts and their version; `approvals`, the approved extensions
    (APPROVALS), in the order of their assignment's position and of their decision."""

    columns: dict
    submissions: dict
    approvals: dict
    # (key, arrays) of the last day's inputs counting computed from these facts
    # (reports.dashboard.counting._inputs): the matrix of a page reads its counts'.
    inputs: tuple | None = None
    # What the dashboard reads of other tables whatever the date (tasks' keys and columns,
    # units' ranks), kept with the facts of the process: derive().
    derived: dict = field(default_factory=dict)
    version: str = ""  # the data version they were read under (reports.versioning)

    def __getattr__(self, name):
        try:
            return self.__dict__["columns"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def rows(self):
        return len(self.columns["id"])

    def derive(self, name, compute):
        """compute(), once for these facts (so once per data version and process)."""
        if name not in self.derived:
            self.derived[name] = compute()
        return self.derived[name]

    def shared(self):
        """What the shared cache keeps of these facts."""
        return self.columns, self.submissions, self.approvals


def day_number(day):
    return NEVER if day is None else (day - EPOCH).days


def from_day_number(number):
    return None if number >= NEVER else EPOCH + datetime.timedelta(days=int(number))


DATES = ("due_date", "completed_on", "received_on", "first_extension_due", "previous_due_date")
MOMENTS = (*DAY_OF, "submitted_at", "decided_at")  # timestamps, read as their local day
# Text columns read as codes: {name: ({value: code}, the code of any other value)}.
CODED = {"last_submission_status": (STATUS_CODES, OTHER_STATUS), "status": (STATUS_CODES, OTHER_STATUS),
         "role": (ROLE_CODES, 0)}
# The histories' columns: `position` is the assignment's in the facts (read as its id).
SUBMISSIONS = ("position", "version", "submitted_at", "decided_at", "status")
APPROVALS = ("position", "decided_at", "previous_due_date")


def _read(base):
    """Facts of the assignments of `base` (one query), sorted by id, and their histories (a
    query each)."""
    columns = _columns(base.order_by(), COLUMNS)
    order = np.argsort(columns["id"])
    columns = {name: values[order].astype(np.int32, copy=False) for name, values in columns.items()}
    twice_submitted = base.order_by().filter(first_submitted_at__lt=F("last_submitted_at")).values("pk")
    submissions = _columns(Submission.objects.using(base.db).filter(assignment__in=twice_submitted)
                           .order_by("assignment_id", "version").annotate(position=F("assignment_id")),
                           SUBMISSIONS)
    twice_extended = base.order_by().filter(first_extension_at__lt=F("last_extension_at")).values("pk")
    approvals = _columns(ExtensionRequest.objects.using(base.db)
                         .filter(assignment__in=twice_extended, status=ExtensionRequest.Status.APPROVED)
                         .order_by("assignment_id", "decided_at", "pk").annotate(position=F("assignment_id")),
                         APPROVALS)
    for history in (submissions, approvals):
        history["position"] = np.searchsorted(columns["id"], history["position"])
    return Facts(columns, submissions, approvals)


def _columns(queryset, names):
    """{name: array} of the rows of `queryset`'s `names` (fields or annotations), in its order."""
    rows = queryset.values_list(*names)
    return _copied(rows, names) if connections[rows.db].vendor == "postgresql" else _fetched(rows, names)


def _fetched(rows, names):
    """The columns, read through the ORM and converted here."""
    zone = timezone.get_current_timezone()
    columns = {name: [] for name in names}
    for row in rows:
        for name, value in zip(names, row):
            if name in MOMENTS:
                value = day_number(None if value is None else value.astimezone(zone).date())
            elif name in DATES:
                value = day_number(value)
            elif name in CODED:
                codes, other = CODED[name]
                value = codes.get(value, other)
            columns[name].append(value)
    return {name: np.array(values, dtype=np.int64) for name, values in columns.items()}


def _copied(rows, names):
    """The columns, sent by PostgreSQL as one binary COPY, none null, so that the rows are
    records of one fixed layout numpy reads as they are: the timestamps as they are stored
    (microseconds since 2000, 'infinity' for none), turned into local days here; the rest as
    4-byte integers (100,000 rows: about a fifth of the time of fetching them as Python rows,
    and a quarter less than converting the timestamps in SQL)."""
    connection = connections[rows.db]
    inner, params = rows.query.sql_with_params()
    epoch = "DATE '1970-01-01'"
    expressions, fields = [], [("fields", ">i2")]
    for number, name in enumerate(names, start=1):
        # The inner query's columns by position: their names there are Django's to choose.
        column = f"b.c{number}"
        if name in MOMENTS:
            expressions.append(f"COALESCE({column}, 'infinity')")
        elif name in DATES:
            expressions.append(f"COALESCE({column} - {epoch}, {NEVER})::int4")
        elif name in CODED:
            codes, other = CODED[name]
            cases = " ".join(f"WHEN {column} = '{value}' THEN {code}" for value, code in codes.items() if value)
            expressions.append(f"CASE WHEN {column} IS NULL THEN 0 {cases} ELSE {other} END")
        else:
            expressions.append(f"{column}::int4")
        fields += [(f"{name}_length", ">i4"), (name, ">i8" if name in MOMENTS else ">i4")]
    layout = np.dtype(fields)
    aliases = ", ".join(f"c{number}" for number in range(1, len(names) + 1))
    buffer = io.BytesIO()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's own, for COPY
        raw.copy_expert(raw.mogrify(f"COPY (SELECT {', '.join(expressions)} FROM ({inner}) b ({aliases})) TO STDOUT "
                                    "WITH (FORMAT binary)", params).decode(), buffer)
    data = buffer.getbuffer()
    # A header of 19 bytes, the records, a trailer of 2 (the binary COPY format).
    records = np.frombuffer(data, dtype=layout, offset=19, count=max(0, (len(data) - 21) // layout.itemsize))
    zone = timezone.get_current_timezone()
    return {name: local_days(records[name].astype(np.int64), zone) if name in MOMENTS
            else records[name].astype(np.int32) for name in names}


POSTGRES_EPOCH = 946_684_800  # 01/01/2000 in seconds since 01/01/1970
INFINITY = np.iinfo(np.int64).max


def local_days(micros, zone):
    """The local days in `zone` (NEVER for 'infinity') of PostgreSQL's binary timestamps,
    microseconds since 01/01/2000 UTC. The zone's offset is asked once per day, at both ends
    of it, and per timestamp only on a day whose offset changes (summer time)."""
    found = np.full(len(micros), NEVER, dtype=np.int64)
    known = micros != INFINITY
    seconds = micros[known] // 1_000_000 + POSTGRES_EPOCH
    if not len(seconds):
        return found

    def offset(second):
        return int(datetime.datetime.fromtimestamp(second, zone).utcoffset().total_seconds())

    utc_days = seconds // 86_400
    low, high = int(utc_days.min()), int(utc_days.max())
    if high - low < 4_000:  # the span of the work, a year or so: every day of it
        days, index = range(low, high + 1), utc_days - low
    else:  # a stray date far off: the days there are
        days, index = np.unique(utc_days, return_inverse=True)
        days = days.tolist()
    first = np.array([offset(day * 86_400) for day in days], dtype=np.int64)
    last = np.array([offset(day * 86_400 + 86_399) for day in days], dtype=np.int64)
    offsets = first[index]
    changing = (first != last)[index]
    if changing.any():
        offsets[changing] = [offset(second) for second in seconds[changing].tolist()]
    found[known] = (seconds + offsets) // 86_400
    return found


_kept = OrderedDict()
_lock = threading.Lock()


def pinned(base):
    """`base`, whose facts the first assignment_facts(base) keeps with it: one computation (a
    page's counts, matrix, overdue rows and names) reads one set of facts, and asks for the
    data version and digests the selection once rather than at each step."""
    base._pinned_facts = []
    return base


def assignment_facts(base):
    """Facts of the assignments of `base` (a queryset of Assignment, no date applied), read
    under the current data version: from the process's memory, else from the shared cache
    (Django's: Redis in production, so that a set read by one process, the warmer's for one,
    serves the others), else from the database. The set kept with a pinned() `base`, once
    there is one."""
    kept = getattr(base, "_pinned_facts", None)
    if kept:
        return kept[0]
    facts = _current_facts(base)
    if kept is not None:
        kept.append(facts)
    return facts


def _current_facts(base):
    selection = _selection(base)
    version = read_version(base.db)
    key = (selection, version)
    with _lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]
    shared = cache.get(f"{SHARED_PREFIX}:{selection}")
    if shared is not None and shared[0] == version:
        facts = Facts(*shared[1:], version=version)
    else:
        facts = _read(base)
        facts.version = version
        # One entry per selection, the latest version read: older ones are not kept.
        cache.set(f"{SHARED_PREFIX}:{selection}", (version, *facts.shared()),
                  getattr(settings, "DASHBOARD_CACHE_SECONDS", 3600))
    with _lock:
        _kept[key] = facts
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return facts


def forget(shared=False):
    """Drop every set of facts this process keeps and the units' histories read with them
    (tests that rebuild the database; a benchmark), and with `shared` the shared cache's entry
    of `shared` (a queryset)."""
    with _lock:
        _kept.clear()
    unit_history.forget()
    if shared is not False:
        cache.delete(f"{SHARED_PREFIX}:{_selection(shared)}")


def _selection(base):
    """A digest of the assignments `base` selects: its database and SQL."""
    sql, params = base.order_by().values("pk").query.sql_with_params()
    return hashlib.sha256(repr((base.db, sql, tuple(map(str, params)))).encode()).hexdigest()
