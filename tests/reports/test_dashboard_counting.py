"""Pieces of reports.dashboard.counting checked on their own (the counts themselves are held
equal to with_status's by test_dashboard_totals.py and test_dashboard_facts.py)."""

import numpy as np
import pytest

from reports.dashboard import counting
from reports.dashboard.data import COUNTS


@pytest.mark.parametrize("highs", [(800, 500, 60, 60), (2**40, 2**20, 2**10, 2**5)])
def test_the_stable_order_is_lexsorts(highs):
    """Keys packed into one number, or sorted one by one when they do not fit in 63 bits:
    the same order as np.lexsort, ties left in their order."""
    rng = np.random.default_rng(7)
    keys = tuple(rng.integers(-3, high, size=5_000) for high in highs)
    keys[0][:50] = keys[0][50:100]  # ties on the first key, broken by the next ones
    assert (counting._stable_order(keys) == np.lexsort(keys[::-1])).all()


def test_every_state_counts_as_its_parts():
    """Each state's column of STATE_COUNTS: one assignment, in one bucket, fallen due or not,
    awaiting review, returned or neither, as the state was made (counting._states)."""
    names = ("done_late", "open_within", "overdue", "fallen", "awaiting", "returned")
    for bucket in range(4):
        for fallen in (0, 1):
            for review in range(3):
                flags = {"done_late": bucket == 1, "open_within": bucket == 2, "overdue": bucket == 3,
                         "fallen": bool(fallen), "awaiting": review == 1, "returned": review == 2}
                state = counting._states(*(np.array([flags[name]]) for name in names))[0]
                row = dict(zip(COUNTS, counting.STATE_COUNTS[state].tolist()))
                assert row == {
                    "assignments": 1, "fallen_due": fallen, "done_on_time": bucket == 0, "done_late": bucket == 1,
                    "open_within": bucket == 2, "open_overdue": bucket == 3, "awaiting_review": review == 1,
                    "returned": review == 2, "late_days": 0, "extensions_granted": 0,
                    "done_fallen_due": bucket < 2 and fallen == 1,
                }, (bucket, fallen, review)



def test_a_unit_row_of_counts_is_the_row_of_its_figures():
    """UnitRow.of reads a row of counts (days, then COUNTS) positionally: the same as naming
    each figure (as_figures)."""
    import datetime

    from reports.dashboard.data import DAYS, UnitRow, as_figures

    row = [datetime.date(2022, 5, n) for n in range(1, len(DAYS) + 1)] + list(range(10, 10 + len(COUNTS)))
    assert UnitRow.of(7, row) == UnitRow(unit_id=7, **as_figures(row))
    assert UnitRow.of(7, row).done_fallen_due == row[-1] and UnitRow.of(7, row).last_completed == row[len(DAYS) - 1]
