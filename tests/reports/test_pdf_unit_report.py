"""The unit report (one unit's assignments, submissions, review outcomes and delays) and the
overdue list for urging."""

import pytest

from reports.dashboard.filters import DashboardFilters
from reports.dashboard.selectors import dashboard_data
from tasks.models import Unit
from tests.reports.pdf_support import AS_OF, make_progress, pdf_tables, pdf_text, render_ready


@pytest.fixture
def progress(cast, directive):
    return make_progress(directive, cast)


def squash(text):
    return "".join(text.split())


def test_a_wards_report_shows_its_work_submissions_reviews_and_delays(cast, directive, progress, django_capture_on_commit_callbacks):
    ward = Unit.objects.get(key="p-dinh-bang")
    report, pdf = render_ready(cast.dinh_bang, directive, django_capture_on_commit_callbacks,
                               kind="unit", unit=ward)
    text = pdf_text(pdf)
    assert "của Đảng ủy phường Đình Bảng" in text
    assert "Trả lại để hoàn thiện: Bổ sung phân công cụ thể" in text  # the review outcome
    assert "Đã chấp nhận" in text
    assert "Kế hoạch chưa đủ nội dung" in text  # a returned submission is listed here
    data = dashboard_data(directive, cast.dinh_bang, AS_OF, DashboardFilters(unit_id=ward.pk),
                          matrix_units=0, overdue_per_page=None)
    rows = pdf_tables(pdf)
    for bucket in data.summary.buckets:
        assert bucket.label in [r[0] for r in rows]
        assert [bucket.label, str(bucket.count)] == [r for r in rows if r[0] == bucket.label][0][:2]
    overdue = [r for r in rows if len(r) == 5 and r[0].isdigit()]
    assert [r[1] for r in overdue] == [f"{o.task_key}. {o.task_title}" for o in data.overdue]
    assert all(o.unit_name == ward.name for o in data.overdue)
    # Nothing of another ward.
    assert "Tương Giang" not in text


def test_a_report_issued_by_the_ward_names_it_with_its_own_spelling(cast, directive, progress, django_capture_on_commit_callbacks):
    """The header is stored in capitals; the body must not print "Đảng ủy phường đình bảng"."""
    ward = Unit.objects.get(key="p-dinh-bang")
    _report, pdf = render_ready(cast.dinh_bang, directive, django_capture_on_commit_callbacks,
                                kind="unit", unit=ward, issuing_organ="ĐẢNG ỦY PHƯỜNG ĐÌNH BẢNG",
                                parent_organ="ĐẢNG BỘ THÀNH PHỐ TỪ SƠN", number="7-BC/ĐU")
    text = pdf_text(pdf)
    assert "ĐẢNG ỦY PHƯỜNG ĐÌNH BẢNG" in text and "Số 7-BC/ĐU" in text
    assert "năm 2022, Đảng ủy phường Đình Bảng báo cáo kết quả thực hiện" in text
    assert "đình bảng" not in text


def test_the_overdue_list_groups_the_overdue_work_by_unit_with_days_overdue(cast, directive, progress, django_capture_on_commit_callbacks):
    report, pdf = render_ready(cast.reviewer, directive, django_capture_on_commit_callbacks, kind="overdue")
    data = dashboard_data(directive, cast.reviewer, AS_OF, None, matrix_units=0, overdue_per_page=None)
    text = squash(pdf_text(pdf))
    assert squash(f"có {data.summary.open_overdue} lượt nhiệm vụ") in text
    rows = [r for r in pdf_tables(pdf) if len(r) == 4 and r[1][:2].isdigit()]
    expected = sorted((f"{o.task_key}. {o.task_title}", f"{o.due:%d/%m/%Y}", str(o.days_overdue), o.status_label)
                      for o in data.overdue)
    assert sorted(tuple(r) for r in rows) == expected
    assert "BÁOCÁO" in text and "danhsáchnhiệmvụchưahoànthành,quáhạn" in text
    for name in {o.unit_name for o in data.overdue}:
        assert squash(name) in text
