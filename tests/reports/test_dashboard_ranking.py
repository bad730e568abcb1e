"""The emulation ranking (reports.dashboard.ranking): within a kind of unit, by a stated score,
ties broken by further keys, "đồng hạng" only when every key is equal, and a threshold of
work fallen due below which a unit is listed but not ranked."""

import datetime
from decimal import Decimal

from reports.dashboard.data import UnitRow
from reports.dashboard.ranking import assign_ranks, score, sort_units


def unit(name, kind="ward", *, due=4, on_time=0, late=0, late_days=0, last=None, **more):
    """A unit row with `due` assignments fallen due, `on_time` of them completed on time and
    `late` completed late (the rest overdue)."""
    return UnitRow(name=name, kind=kind, assignments=due + more.pop("later", 0), fallen_due=due,
                   done_on_time=on_time, done_late=late, done_fallen_due=on_time + late,
                   open_overdue=due - on_time - late, late_days=late_days, last_completed=last, **more)


def ranks(rows):
    return {r.name: (r.rank, r.tied) for r in rows}


def test_the_score_weighs_on_time_work_fully_and_late_work_by_half():
    assert score(unit("A", due=4, on_time=2, late=1)) == Decimal("62.5")  # (200 + 50) / 4
    assert score(unit("B", due=3, on_time=3)) == Decimal("100.0")
    assert score(unit("C", due=0)) is None


def test_units_are_ranked_within_their_kind_only():
    rows = [unit("Phường A", on_time=1), unit("Phường B", on_time=3),
            unit("Phòng X", "department", on_time=2), unit("Hội Y", "mass_org", on_time=4),
            unit("Dân quân Z", "militia", on_time=0), unit("Tự vệ W", "self_defence", on_time=1)]
    assign_ranks(rows, min_due=1)
    assert ranks(rows) == {"Phường B": (1, False), "Phường A": (2, False),
                           "Hội Y": (1, False), "Phòng X": (2, False),
                           "Tự vệ W": (1, False), "Dân quân Z": (2, False)}
    assert [r.rank_group for r in rows] == ["phuong", "phuong", "thanh-pho", "thanh-pho", "luc-luong", "luc-luong"]


def test_equal_scores_are_decided_by_the_on_time_rate():
    # Both 50 points: A 2 of 4 on time; B 0 on time, 4 late... 4 × 50 / 4 = 50.
    a, b = unit("A", on_time=2, late_days=20), unit("B", late=4, late_days=4)
    assert score(a) == score(b) == Decimal("50.0")
    assign_ranks([a, b], min_due=1)
    assert ranks([a, b]) == {"A": (1, False), "B": (2, False)}


def test_then_by_fewer_days_late():
    a = unit("A", on_time=2, late=1, late_days=10)
    b = unit("B", on_time=2, late=1, late_days=3)
    assign_ranks([a, b], min_due=1)
    assert ranks([a, b]) == {"B": (1, False), "A": (2, False)}


def test_then_by_the_earlier_last_completion():
    a = unit("A", on_time=2, late_days=7, last=datetime.date(2022, 5, 9))
    b = unit("B", on_time=2, late_days=7, last=datetime.date(2022, 4, 30))
    assign_ranks([a, b], min_due=1)
    assert ranks([a, b]) == {"B": (1, False), "A": (2, False)}


def test_units_equal_on_every_key_share_a_rank_and_the_next_rank_is_skipped():
    day = datetime.date(2022, 5, 2)
    rows = [unit("A", on_time=3, late_days=2, last=day), unit("B", on_time=3, late_days=2, last=day),
            unit("C", on_time=3, late_days=2, last=day + datetime.timedelta(days=1)),
            unit("D", on_time=1)]
    assign_ranks(rows, min_due=1)
    assert ranks(rows) == {"A": (1, True), "B": (1, True), "C": (3, False), "D": (4, False)}


def test_a_unit_with_less_work_fallen_due_than_the_threshold_is_listed_not_ranked():
    rows = [unit("A", due=2, on_time=2), unit("B", due=3, on_time=1), unit("C", due=5, on_time=2)]
    assign_ranks(rows, min_due=3)
    assert ranks(rows) == {"A": (None, False), "B": (2, False), "C": (1, False)}
    assert rows[0].score == Decimal("100.0")  # shown, but not ranked
    assert rows[0].unranked_reason == "Chưa xếp hạng: mới có 2 nhiệm vụ đã đến hạn, cần ít nhất 3"
    assert rows[1].unranked_reason == ""
    # In rank order, each group of kinds together, the unranked last in their group.
    for r in rows:
        r.sort_name = (r.name, r.name)
    assert [r.name for r in sort_units(rows, "hang")] == ["C", "B", "A"]


def test_the_threshold_comes_from_the_setting(settings):
    settings.DASHBOARD_RANKING_MIN_DUE = 5
    rows = [unit("A", due=4, on_time=4), unit("B", due=5, on_time=1)]
    assign_ranks(rows)
    assert ranks(rows) == {"A": (None, False), "B": (1, False)}
