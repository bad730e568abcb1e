"""Recurring tasks (báo cáo định kỳ): one task per period with the rule's deadline, written by
the loader, detected by the importer, editable in the draft, and carried to next year's
directive as the recurring task again."""

import datetime

import pytest

from directives import recurrence
from directives.import_services import draft_from_directive
from directives.loading import LoadError, load_directive
from directives.models import Task
from tasks.models import Assignment

from .test_loader import _data


@pytest.mark.parametrize("every, day, deadlines", [
    ("quarterly", 15, ["2022-03-15", "2022-06-15", "2022-09-15", "2022-12-15"]),
    ("half_yearly", None, ["2022-06-30", "2022-12-31"]),
    ("yearly", 10, ["2022-12-10"]),
])
def test_each_period_has_the_rule_deadline(every, day, deadlines):
    task = {"key": "4.9", "title": "Báo cáo kết quả", "recurrence": {"every": every, "day": day}}
    occurrences = recurrence.expand(task, 2022)
    assert [o["deadline"].isoformat() for o in occurrences] == deadlines
    assert all(o["series"] == "4.9" and o["recurrence"] is None for o in occurrences)


def test_a_monthly_day_past_the_month_end_falls_on_its_last_day():
    occurrences = recurrence.expand({"key": "1", "title": "x", "recurrence": {"every": "monthly", "day": 31}}, 2022)
    assert [o["deadline"].day for o in occurrences][:4] == [31, 28, 31, 30]
    assert occurrences[1]["key"] == "1-T2" and occurrences[1]["period"] == "tháng 2/2022"
    assert occurrences[1]["title"] == "x (tháng 2/2022)"


def _recurring_data():
    data = _data()
    section = data["sections"][3]
    section["tasks"].append({
        "key": "4.99", "title": "Báo cáo tình hình công tác tuyển quân", "kind": "periodic",
        "recurrence": {"every": "quarterly", "day": 15}, "lead": ["@wards"],
    })
    return data


def test_the_loader_writes_one_task_and_its_assignments_per_quarter(db):
    result = load_directive(_recurring_data(), source="thu.yaml")
    tasks = Task.objects.filter(directive=result.directive, series="4.99").order_by("deadline")
    assert [t.key for t in tasks] == ["4.99-Q1", "4.99-Q2", "4.99-Q3", "4.99-Q4"]
    assert [t.period for t in tasks] == ["quý I/2022", "quý II/2022", "quý III/2022", "quý IV/2022"]
    assert tasks[0].deadline == datetime.date(2022, 3, 15)
    assert "Định kỳ hằng quý" in tasks[0].deadline_note
    per_quarter = Assignment.objects.filter(task__in=tasks).values_list("task__key", flat=True)
    assert len(per_quarter) == 4 * 12  # every ward, every quarter
    q2 = Assignment.objects.filter(task=tasks[1]).first()
    assert q2.due_date == datetime.date(2022, 6, 15)
    # Counted like any work: as of 30/06/2022 the first two quarters (15/03, 15/06) are overdue.
    statuses = Assignment.objects.filter(task__series="4.99").with_status(datetime.date(2022, 6, 30))
    assert statuses.filter(bucket="open_overdue").count() == 24
    assert statuses.filter(bucket="open_within").count() == 24


@pytest.mark.parametrize("rule, message", [
    ({"every": "weekly"}, "every"),
    ({"every": "monthly", "day": 0}, "từ 1 đến 31"),
    ({"every": "monthly", "day": "15"}, "từ 1 đến 31"),
    ({"every": "monthly", "when": 15}, "when"),
])
def test_a_bad_rule_is_refused_with_its_place(db, rule, message):
    data = _recurring_data()
    data["sections"][3]["tasks"][-1]["recurrence"] = rule
    with pytest.raises(LoadError) as error:
        load_directive(data, source="thu.yaml", strict=True)
    text = str(error.value)
    assert "recurrence" in text and message in text
    assert not Task.objects.exists()


@pytest.mark.parametrize("text, rule", [
    ("Định kỳ hằng quý, Đảng ủy các phường báo cáo kết quả thực hiện về Đảng ủy Quân sự thành phố "
     "trước ngày 15 tháng cuối quý.", {"every": "quarterly", "day": 15}),
    ("Các đơn vị báo cáo kết quả hằng tháng về Ban Chỉ huy Quân sự.", {"every": "monthly"}),
    ("Báo cáo sơ kết 6 tháng một lần về Thường trực Thành ủy.", {"every": "half_yearly"}),
    ("Duy trì nghiêm chế độ trực sẵn sàng chiến đấu hằng tháng.", None),
])
def test_the_importer_reads_the_rule_from_the_text(text, rule):
    assert recurrence.detect(text) == rule


def test_next_year_copy_turns_the_occurrences_back_into_one_recurring_task(db, cast):
    directive = load_directive(_recurring_data(), source="thu.yaml").directive
    draft = draft_from_directive(user=cast.office, directive=directive)
    tasks = draft.data["sections"][3]["tasks"]
    recurring = [t for t in tasks if t["key"] == "4.99"]
    assert len(recurring) == 1 and not [t for t in tasks if t["key"].startswith("4.99-")]
    assert recurring[0]["recurrence"] == {"every": "quarterly", "day": 15}
    assert recurring[0]["title"] == "Báo cáo tình hình công tác tuyển quân"
