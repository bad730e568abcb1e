"""The inputs on a day of the work whose facts alone do not give them (reports.dashboard.facts):
submitted, or extended, both by the end of the day and after it. The facts hold the histories
of the work submitted or extended more than once (its submissions, its approved extensions),
read with them once per data version; with_status's subqueries are applied to them here,
over arrays.

    straddling(facts, day, deadline_day, keep, due, latest, granted, submitted)

overwrites, in place, what counting._computed_inputs put in those arrays from the facts:
- `due`, the deadline in force at the end of the deadline day (the completion day for work
  done by `day`, else `day`) of work extended both by then and after it: the deadline the
  first approval after that day moved (tasks.querysets.with_deadline);
- `granted`, the approvals by the end of `day` of work extended both by then and after it
  (with_extensions_granted);
- `latest` and `submitted`, the status then of the highest version submitted by the end of
  `day` (pending while undecided then) and the day of the latest submission by then, for
  work submitted both by then and after it (with_status, with_last_submitted).

Every comparison with the end of a day is one of local days (the portal's time zone), as in
the facts. tests/reports/test_dashboard_facts.py holds the counts equal to with_status's on
every day of histories made to straddle it, and wrong without this.
"""

import numpy as np

from reports.dashboard.facts import NEVER, PENDING


def straddling(f, day, deadline_day, keep, due, latest, granted, submitted):
    extended = keep & (f.extension_count > 0)
    by_deadline = extended & (f.last_extension_at > deadline_day) & (f.first_extension_at <= deadline_day)
    by_day = extended & (f.last_extension_at > day) & (f.first_extension_at <= day)
    resubmitted = keep & (f.last_submitted_at > day) & (f.first_submitted_at <= day)
    approvals, submissions = f.approvals, f.submissions
    if by_deadline.any():
        at, decided = approvals["position"], approvals["decided_at"]
        # The first approval (in the order of their decisions) after the deadline day.
        after = np.flatnonzero(by_deadline[at] & (decided > deadline_day[at]))
        first = after[_starts(at[after])]
        due[by_deadline] = f.due_date[by_deadline]  # none found: due_date, as with_deadline's Coalesce
        due[at[first]] = approvals["previous_due_date"][first]
    if by_day.any():
        at = approvals["position"]
        made = by_day[at] & (approvals["decided_at"] <= day)
        granted[by_day] = np.bincount(at[made], minlength=f.rows)[by_day]
    if resubmitted.any():
        at = submissions["position"]
        made = np.flatnonzero(resubmitted[at] & (submissions["submitted_at"] <= day))
        # Each assignment's rows are in the order of their versions: its last one made by then.
        last = made[_ends(at[made])]
        latest[resubmitted], submitted[resubmitted] = 0, NEVER
        latest[at[last]] = np.where(submissions["decided_at"][last] <= day, submissions["status"][last], PENDING)
        latest_day = np.zeros(f.rows, dtype=np.int64)
        np.maximum.at(latest_day, at[made], submissions["submitted_at"][made].astype(np.int64))
        submitted[at[last]] = latest_day[at[last]]


def _starts(groups):
    """Where each run of equal values of `groups` begins."""
    return np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]]) if len(groups) else np.zeros(0, dtype=np.intp)


def _ends(groups):
    """Where each run of equal values of `groups` ends."""
    return np.flatnonzero(np.r_[groups[1:] != groups[:-1], True]) if len(groups) else np.zeros(0, dtype=np.intp)
