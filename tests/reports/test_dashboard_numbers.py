"""dashboard_data against the hand-computed world of tests/reports/conftest.py."""

from decimal import Decimal

from reports.dashboard.filters import DashboardFilters
from reports.dashboard.selectors import dashboard_data
from tasks.models import Assignment
from tasks.status import Status
from tests.reports.conftest import AS_OF, TODAY, d


def figures(summary):
    return {
        "assignments": summary.assignments, "fallen_due": summary.fallen_due,
        "on_time": summary.done_on_time, "late": summary.done_late,
        "within": summary.open_within, "overdue": summary.open_overdue,
        "done_fallen_due": summary.done_fallen_due, "awaiting": summary.awaiting_review,
        "returned": summary.returned,
    }


def test_the_four_buckets_partition_all_the_assigned_work(world):
    s = dashboard_data(world.directive, world.reviewer, AS_OF).summary
    # Within the deadline: A 1.1 and B 1.1 (due that day), A 3.2, A C.1, D 2.1, M 3.1 (later).
    # Fallen due: every deadline of 10/05 or earlier (A 3.1, done early, is not).
    assert figures(s) == {
        "assignments": 15, "fallen_due": 10, "on_time": 4, "late": 1, "within": 6, "overdue": 4,
        "done_fallen_due": 4, "awaiting": 1, "returned": 1,
    }
    assert [b.count for b in s.buckets] == [4, 1, 6, 4]
    assert sum(b.count for b in s.buckets) == s.assignments
    assert [b.percent for b in s.buckets] == [Decimal("26.7"), Decimal("6.7"), Decimal("40.0"), Decimal("26.7")]
    assert s.done_percent == Decimal("33.3")  # 5 of 15
    assert s.fallen_due_done_percent == Decimal("40.0")  # 4 of the 10 fallen due
    assert s.late_days == 5 + 1 + 5 + 9 + 40
    assert s.extensions_granted == 1  # the one approved after 10/05 does not count yet


def test_work_due_today_is_within_the_deadline_and_work_due_yesterday_is_overdue(world):
    part_one_of_dinh_bang = DashboardFilters(unit_id=world.ward_a.pk, part="1")
    s = dashboard_data(world.directive, world.reviewer, AS_OF, part_one_of_dinh_bang).summary
    assert (s.fallen_due, s.open_within, s.open_overdue) == (2, 1, 1)
    overdue = dashboard_data(world.directive, world.reviewer, AS_OF, part_one_of_dinh_bang).overdue
    assert [(r.task_key, r.days_overdue, r.due) for r in overdue] == [("1.2", 1, d(9, 5))]


def test_work_completed_before_its_deadline_counts_as_completed_on_time(world):
    s = dashboard_data(world.directive, world.reviewer, AS_OF, DashboardFilters(unit_id=world.ward_a.pk, part="3")).summary
    # 3.1 is due on 20/05 but was completed on 05/05: on time, not fallen due; 3.2, due 30/06,
    # open: within the deadline.
    assert (s.assignments, s.done_on_time, s.open_within, s.fallen_due) == (2, 1, 1, 0)


def test_a_task_due_next_month_is_within_the_deadline(world):
    s = dashboard_data(world.directive, world.reviewer, d(31, 5), DashboardFilters(unit_id=world.ward_a.pk, part="3")).summary
    # 3.2, due 30/06, nothing submitted: as of 31/05, not completed, still within the deadline.
    assert (s.open_within, s.open_overdue, s.fallen_due) == (1, 0, 1)
    assert s.buckets[2].count == 1 and s.buckets[2].percent == Decimal("50.0")


def test_an_extension_counts_from_the_day_it_was_approved(world):
    tuong_giang = DashboardFilters(unit_id=world.ward_b.pk, part="2")
    before = dashboard_data(world.directive, world.reviewer, AS_OF, tuong_giang)
    assert before.summary.open_overdue == 1 and before.overdue[0].due == d(1, 5)
    assert before.overdue[0].days_overdue == 9
    assert before.units[0].extensions_granted == 0
    after = dashboard_data(world.directive, world.reviewer, TODAY, tuong_giang)
    assert (after.summary.open_overdue, after.summary.open_within, after.summary.fallen_due) == (0, 1, 0)
    assert after.units[0].extensions_granted == 1


def test_the_as_of_date_changes_the_counts(world):
    s = dashboard_data(world.directive, world.reviewer, d(9, 5)).summary
    # On 09/05 the militia had not completed 2.1 (due 10/05) yet, and A 1.2 was due that day.
    assert figures(s) == {
        "assignments": 15, "fallen_due": 7, "on_time": 3, "late": 1, "within": 8, "overdue": 3,
        "done_fallen_due": 3, "awaiting": 1, "returned": 1,
    }
    s = dashboard_data(world.directive, world.reviewer, TODAY).summary
    assert figures(s) == {
        "assignments": 15, "fallen_due": 11, "on_time": 4, "late": 1, "within": 4, "overdue": 6,
        "done_fallen_due": 5, "awaiting": 1, "returned": 1,
    }


def test_the_default_as_of_date_is_today(world):
    assert dashboard_data(world.directive, world.reviewer).as_of == TODAY


def test_progress_by_part_lists_parts_one_to_three_then_the_closing_tasks(world):
    parts = dashboard_data(world.directive, world.reviewer, AS_OF).parts
    assert [p.key for p in parts] == ["1", "2", "3", "c"]
    assert parts[-1].label == "Tổ chức thực hiện"
    rows = {p.key: (p.assignments, p.fallen_due, p.done_on_time, p.done_late, p.open_within, p.open_overdue) for p in parts}
    assert rows == {"1": (5, 5, 1, 0, 2, 2), "2": (5, 4, 2, 1, 1, 1), "3": (3, 0, 1, 0, 2, 0), "c": (2, 1, 0, 0, 1, 1)}
    for p in parts:
        assert p.done_on_time + p.done_late + p.open_within + p.open_overdue == p.assignments
    assert parts[1].done_percent == Decimal("60.0")  # 3 of 5
    assert parts[1].fallen_due_done_percent == Decimal("75.0")  # 3 of the 4 fallen due


def test_units_carry_their_rates_days_late_and_emulation_rank(world):
    units = {u.unit_id: u for u in dashboard_data(world.directive, world.reviewer, AS_OF).units}
    a, b, dept, militia = units[world.ward_a.pk], units[world.ward_b.pk], units[world.dept.pk], units[world.militia.pk]
    assert (a.assignments, a.fallen_due, a.done_on_time, a.done_late, a.open_within, a.open_overdue,
            a.awaiting_review) == (8, 5, 2, 1, 3, 2, 1)
    for u in units.values():
        assert u.done_on_time + u.done_late + u.open_within + u.open_overdue == u.assignments
    assert a.on_time_rate == Decimal("25.0") and a.avg_days_late == Decimal("3.7")  # (5 + 1 + 5) / 3
    assert a.extensions_granted == 1
    assert b.avg_days_late == Decimal("9.0") and dept.avg_days_late == Decimal("40.0")
    assert militia.avg_days_late is None
    # Wards ranked together: Tương Giang 100 × 1 ÷ 3 = 33.3, Đình Bảng (100 + 50) ÷ 5 = 30.0.
    # The department and the militia, one assignment fallen due each, are below the
    # threshold (3): listed, not ranked.
    assert (b.score, b.rank, a.score, a.rank) == (Decimal("33.3"), 1, Decimal("30.0"), 2)
    assert (a.rank_group, dept.rank_group, militia.rank_group) == ("phuong", "thanh-pho", "luc-luong")
    assert (dept.rank, militia.rank, militia.score) == (None, None, Decimal("100.0"))
    assert militia.unranked_reason == "Chưa xếp hạng: mới có 1 nhiệm vụ đã đến hạn, cần ít nhất 3"
    assert world.duqs.pk not in units  # no work of its own under the directive


def test_last_activity_is_the_last_submission_or_acknowledgement_by_then(world):
    units = {u.unit_id: u for u in dashboard_data(world.directive, world.reviewer, AS_OF).units}
    assert units[world.ward_a.pk].last_activity == d(6, 5)  # C.2 submitted on 06/05
    assert units[world.ward_b.pk].last_activity == d(9, 5)
    assert units[world.dept.pk].last_activity is None
    earlier = {u.unit_id: u for u in dashboard_data(world.directive, world.reviewer, d(1, 5)).units}
    # On 01/05 Đình Bảng had submitted on 25/04 and 28/04, and acknowledged 1.1 only on 02/05.
    assert earlier[world.ward_a.pk].last_activity == d(28, 4)


def test_each_filter_narrows_the_figures(world):
    def total(**filters):
        return dashboard_data(world.directive, world.reviewer, AS_OF, DashboardFilters(**filters)).summary.assignments

    assert total() == 15
    assert total(unit_kind="ward") == 11
    assert total(unit_kind="department") == 2
    assert total(ward_id=world.ward_a.pk) == 10  # the ward and its militia
    assert total(unit_id=world.militia.pk) == 2
    assert total(part="1") == 5
    assert total(part="c") == 2
    assert total(role=Assignment.Role.COORDINATING) == 1
    assert total(status=Status.OVERDUE) == 3
    assert total(status=Status.AWAITING_REVIEW) == 1
    assert total(unit_kind="ward", part="2", role=Assignment.Role.LEAD) == 3


def test_the_overdue_list_puts_the_longest_overdue_first(world):
    data = dashboard_data(world.directive, world.reviewer, AS_OF)
    assert [(r.unit_id, r.task_key, r.days_overdue) for r in data.overdue] == [
        (world.dept.pk, "1.1", 40), (world.ward_b.pk, "2.1", 9), (world.ward_a.pk, "C.2", 5),
        (world.ward_a.pk, "1.2", 1),
    ]
    assert data.overdue[2].status == Status.AWAITING_REVIEW
    assert data.overdue_total == 4


def test_the_overdue_list_is_paged(world):
    data = dashboard_data(world.directive, world.reviewer, AS_OF, overdue_page=2, overdue_per_page=3)
    assert (data.overdue_page, data.overdue_pages) == (2, 2)
    assert [r.task_key for r in data.overdue] == ["1.2"]


def test_the_matrix_marks_each_cell_in_words_as_well_as_colour(world):
    matrix = dashboard_data(world.directive, world.reviewer, AS_OF).matrix
    assert [t.key for t in matrix.tasks] == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "C.1", "C.2"]
    rows = {r.unit_id: r for r in matrix.rows}
    assert [c.state if c else None for c in rows[world.ward_a.pk].cells] == [
        "due-soon", "overdue", "done", "done-late", "done", "later", "later", "overdue"]
    assert [c.abbr if c else None for c in rows[world.ward_b.pk].cells][:3] == ["TL", "HT", "QH"]
    overdue = rows[world.ward_a.pk].cells[1]
    assert overdue.assignment_id == world.a["1.2"].pk
    assert overdue.text == "Quá hạn, quá hạn 1 ngày (hạn 09/05/2022)"
    assert rows[world.ward_a.pk].cells[7].text.startswith("Chờ thẩm định, quá hạn 5 ngày")
    # Wards first, then departments, then militia: the order of the unit kinds.
    assert [r.unit_id for r in matrix.rows] == [world.ward_a.pk, world.ward_b.pk, world.dept.pk, world.militia.pk]


def test_the_matrix_is_paged_by_units(world):
    data = dashboard_data(world.directive, world.reviewer, AS_OF, matrix_page=2, matrix_units=3)
    assert (data.matrix.page, data.matrix.pages, data.matrix.units_total) == (2, 2, 4)
    assert [r.unit_id for r in data.matrix.rows] == [world.militia.pk]
    assert dashboard_data(world.directive, world.reviewer, AS_OF, matrix_units=0).matrix is None


def test_the_matrix_columns_are_paged_by_tasks_in_the_directive_order(world):
    def columns(task_page):
        data = dashboard_data(world.directive, world.reviewer, AS_OF, matrix_tasks=3, matrix_task_page=task_page)
        m = data.matrix
        return (m.task_page, m.task_pages, m.tasks_total, m.task_offset, [t.key for t in m.tasks],
                {r.unit_id: [c.state if c else None for c in r.cells] for r in m.rows})

    assert columns(1)[:5] == (1, 3, 8, 0, ["1.1", "1.2", "2.1"])
    page, pages, total, offset, keys, cells = columns(2)
    assert (page, offset, keys) == (2, 3, ["2.2", "3.1", "3.2"])
    # Each cell is the unit's assignment of that column's task.
    assert cells[world.ward_a.pk] == ["done-late", "done", "later"]
    assert cells[world.militia.pk] == [None, "due-soon", None]
    # The closing tasks come last, and a page past the end shows the last one.
    assert columns(99)[:5] == (3, 3, 8, 6, ["C.1", "C.2"])
    everything = dashboard_data(world.directive, world.reviewer, AS_OF, matrix_tasks=None).matrix
    assert (everything.task_pages, len(everything.tasks)) == (1, 8)


def test_a_unit_officer_gets_the_figures_of_their_own_unit_only(world):
    data = dashboard_data(world.directive, world.dinh_bang, AS_OF)
    assert not data.whole
    assert [u.unit_id for u in data.units] == [world.ward_a.pk]
    assert figures(data.summary)["assignments"] == 8
    assert {r.unit_id for r in data.overdue} == {world.ward_a.pk}
    assert [r.unit_id for r in data.matrix.rows] == [world.ward_a.pk]


def test_the_tracking_body_the_office_and_observers_see_every_unit(world):
    for user in (world.reviewer, world.office, world.observer):
        data = dashboard_data(world.directive, user, AS_OF)
        assert data.whole and len(data.units) == 4 and data.summary.assignments == 15


def test_cancelled_assignments_are_not_counted(world):
    Assignment.objects.filter(pk=world.dep["1.1"].pk).update(is_cancelled=True)
    s = dashboard_data(world.directive, world.reviewer, AS_OF).summary
    assert (s.assignments, s.open_overdue) == (14, 3)


def test_work_awaiting_review_within_its_deadline_is_coloured_by_the_deadline_and_lettered_ctd(world):
    world.submit(world.m["3.1"], d(9, 5))  # due 15/05: within seven days of 10/05
    world.submit(world.a["3.2"], d(9, 5))  # due 30/06
    matrix = dashboard_data(world.directive, world.reviewer, AS_OF).matrix
    rows = {r.unit_id: dict(zip([t.key for t in matrix.tasks], r.cells)) for r in matrix.rows}
    soon, later = rows[world.militia.pk]["3.1"], rows[world.ward_a.pk]["3.2"]
    assert (soon.state, soon.abbr) == ("due-soon", "CTĐ")
    assert (later.state, later.abbr) == ("later", "CTĐ")
    assert later.text == "Chờ thẩm định (hạn 30/06/2022)"
    # Overdue work awaiting review stays red, lettered as overdue.
    assert (rows[world.ward_a.pk]["C.2"].state, rows[world.ward_a.pk]["C.2"].abbr) == ("overdue", "QH")
