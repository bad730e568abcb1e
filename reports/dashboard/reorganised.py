"""The dashboard over a reorganised tree of units (docs/organisation.md).

- Work a merge or split moved after the "as of" date counts for the unit that held it on that
  date (tasks.unit_history.holders_as_of): a page about 30/06/2022 shows 2022's wards.
- Figures of merged units are shown under their successor ("gop") or separately ("rieng");
  by default under the successor once a merge is in force on the "as of" date.
- Units are named as they were on the "as of" date (tasks.unit_history.units_as_of).
"""

from reports.dashboard.data import add_counts
from reports.dashboard.filters import MERGED_SEPARATELY, MERGED_UNDER_SUCCESSOR


def mode_for(filters, as_of, history):
    """The mode asked for, or by default under the successor when some unit merged into
    another has its last day before `as_of` (`history`: tasks.unit_history.UnitHistory)."""
    if filters.merged in (MERGED_UNDER_SUCCESSOR, MERGED_SEPARATELY):
        return filters.merged
    return MERGED_UNDER_SUCCESSOR if history.merged_before(as_of) else MERGED_SEPARATELY


def _add(found, key, row):
    found[key] = add_counts(found[key], row) if key in found else row


def fold(by_unit, successors):
    """by_unit with each merged unit's row added to its successor's."""
    folded = {}
    for unit_id, row in by_unit.items():
        _add(folded, successors.get(unit_id, unit_id), row)
    return folded


class Reorganised:
    """What one dashboard computation needs to know about reorganisations on `as_of`, from
    `history` (tasks.unit_history.UnitHistory, read once per data version)."""

    def __init__(self, filters, as_of, history):
        self.mode = mode_for(filters, as_of, history)
        self.holders = history.holders_as_of(as_of)
        self.successors = history.merged_into() if self.mode == MERGED_UNDER_SUCCESSOR else {}

    def unit_of(self, assignment_id, unit_id):
        """The unit an assignment is shown under on the page's date, before any folding."""
        return self.holders.get(assignment_id, unit_id)
