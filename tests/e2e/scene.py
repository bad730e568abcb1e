"""A portal in use, for the page walk and the screenshots: the twelve wards at different stages
of their implementing resolution (C.1) and of disseminating the directive (C.4), every unit's
work partly done by mid-2022, Đình Bảng's resolution awaiting review with a real PDF, and a
finished progress report."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from directives.models import Directive
from tasks.models import Assignment, Submission, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DIRECTIVE_KEY = "03-CT-TU-2022"


def _at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN)


def _decided(assignment, version, *, submitted, decided, status, by, reviewer, comment="", done=False):
    Submission.objects.create(
        assignment=assignment, version=version, kind=Submission.Kind.RESOLUTION,
        number_symbol=f"{version + 3:02d}-NQ/ĐU", issued_on=submitted, signer="Bí thư Đảng ủy phường",
        summary="Nghị quyết lãnh đạo công tác quân sự, quốc phòng địa phương năm 2022",
        status=status, submitted_by=by, submitted_at=_at(submitted),
        decided_by=reviewer, decided_at=_at(decided, 15), review_comment=comment,
    )
    if done:
        Assignment.objects.filter(pk=assignment.pk).update(completed_on=submitted)


# The dashboard and the report are read "as of" mid-2022, when the directive was being carried
# out: the picture the screenshots show.
AS_OF = datetime.date(2022, 6, 30)


def _progress(directive, reviewer, officer):
    """Across all units: about a third of the work due by AS_OF done (mostly on time), some of
    the year's work done early, each with its accepted submission."""
    rows, done = [], []
    work = (Assignment.objects.filter(task__directive=directive, completed_on__isnull=True)
            .exclude(unit__key="p-dinh-bang").select_related("task").order_by("pk"))
    for a in work:
        if a.submissions.exists():
            continue
        if a.due_date <= AS_OF and a.pk % 3 != 2:
            day = a.due_date - datetime.timedelta(days=2) if a.pk % 4 else a.due_date + datetime.timedelta(days=6)
        elif a.due_date > AS_OF and a.pk % 4 == 0:
            day = datetime.date(2022, 5, 10) + datetime.timedelta(days=a.pk % 40)
        else:
            continue
        done.append((a.pk, day))
        rows.append(Submission(
            assignment=a, version=1, kind=Submission.Kind.FINAL, summary="Báo cáo kết quả thực hiện",
            status=Submission.Status.ACCEPTED, submitted_by=officer, submitted_at=_at(day),
            decided_by=reviewer, decided_at=_at(day, 16)))
    Submission.objects.bulk_create(rows)
    for pk, day in done:
        Assignment.objects.filter(pk=pk).update(completed_on=day)


def build_scene(with_report=True):
    from reports.models import Report
    from reports.pdf.header import default_header
    from reports.pdf.services import report_request
    from tests.tasks.helpers import make_submission

    users = {u.username: u for u in get_user_model().objects.all()}
    reviewer, officer = users["duqs"], users["dinhbang"]
    directive = Directive.objects.get(key=DIRECTIVE_KEY)
    d = datetime.date
    wards = list(Unit.objects.filter(kind=Unit.Kind.WARD).exclude(key="p-dinh-bang").order_by("key"))
    for i, ward in enumerate(wards):
        resolution = Assignment.objects.get(unit=ward, task__directive=directive, task__key="C.1")
        Assignment.objects.filter(unit=ward, task__directive=directive).update(
            received_on=d(2022, 1, 5 + i % 3), disseminated_on=d(2022, 1, 10 + i % 5) if i % 3 else None)
        stage = i % 4
        if stage == 0:
            _decided(resolution, 1, submitted=d(2022, 1, 25), decided=d(2022, 1, 28),
                     status=Submission.Status.ACCEPTED, by=officer, reviewer=reviewer, done=True)
        elif stage == 1:
            _decided(resolution, 1, submitted=d(2022, 2, 15), decided=d(2022, 2, 17),
                     status=Submission.Status.ACCEPTED, by=officer, reviewer=reviewer, done=True)
        elif stage == 2:
            _decided(resolution, 1, submitted=d(2022, 1, 30), decided=d(2022, 2, 2),
                     status=Submission.Status.RETURNED, by=officer, reviewer=reviewer,
                     comment="Bổ sung chỉ tiêu giao quân năm 2022.")
        if i % 2 == 0:
            spread = Assignment.objects.get(unit=ward, task__directive=directive, task__key="C.4")
            Assignment.objects.filter(pk=spread.pk).update(completed_on=d(2022, 1, 15 + i % 6))

    _progress(directive, reviewer, officer)

    resolution = Assignment.objects.get(unit__key="p-dinh-bang", task__directive=directive, task__key="C.1")
    Assignment.objects.filter(unit__key="p-dinh-bang", task__directive=directive).update(
        received_on=d(2022, 1, 5), disseminated_on=d(2022, 1, 10))
    pending = make_submission(officer, resolution, name="Nghị quyết 05-NQ-ĐU Đình Bảng.pdf",
                              issued_on=d(2022, 1, 20), summary="Nghị quyết lãnh đạo công tác quân sự, "
                              "quốc phòng địa phương năm 2022")
    exercise = Assignment.objects.get(unit__key="p-dinh-bang", task__directive=directive, task__key="3.2")

    report = None
    if with_report:
        kind = Report.Kind.DIRECTIVE_PROGRESS
        report = report_request(user=reviewer, kind=kind, directive=directive, as_of=AS_OF,
                                header=default_header(kind, directive, today=timezone.localdate()))
        report.refresh_from_db()
    return SimpleNamespace(directive=directive, resolution=resolution, pending=pending,
                           exercise=exercise, report=report, as_of=AS_OF)
