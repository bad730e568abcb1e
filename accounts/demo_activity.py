"""A portal in use, for the demo (`manage.py seed_demo`) and the browser tests' page walk: the
twelve wards at different stages of their implementing resolution (C.1) and of disseminating
the directive (C.4), every unit's work partly done by mid-2022, Đình Bảng's resolution
awaiting review with its PDF, and a finished progress report.

    scene = build_activity()     # once: does nothing if the directive has submissions already
    notify_assignments()         # once: the units' "new task assigned" items, which the load
                                 # could not send (the accounts came after it)

Dates are those of 2022, when the directive was carried out: the dashboard and the report are
best read "as of" AS_OF (30/06/2022). Writes go straight to the tables, except the one
submission awaiting review, which goes through the service with a real PDF, like an upload.
"""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from directives.models import Directive
from notifications.models import Notification
from tasks.models import Assignment, Submission, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DIRECTIVE_KEY = "03-CT-TU-2022"
AS_OF = datetime.date(2022, 6, 30)
# Đình Bảng's resolution (issued 20/01/2022) sent for review.
PENDING_SUBMITTED_ON = datetime.date(2022, 1, 24)
RESOLUTION_SUMMARY = "Nghị quyết lãnh đạo công tác quân sự, quốc phòng địa phương năm 2022"


def _at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN)


def _decided(assignment, version, *, submitted, decided, status, by, reviewer, comment="", done=False):
    Submission.objects.create(
        assignment=assignment, version=version, kind=Submission.Kind.RESOLUTION,
        number_symbol=f"{version + 3:02d}-NQ/ĐU", issued_on=submitted, signer="Bí thư Đảng ủy phường",
        summary=RESOLUTION_SUMMARY, status=status, submitted_by=by, submitted_at=_at(submitted),
        decided_by=reviewer, decided_at=_at(decided, 15), review_comment=comment,
    )
    if done:
        Assignment.objects.filter(pk=assignment.pk).update(completed_on=submitted)


def _progress(directive, reviewer, officer):
    """Across all units: about a third of the work due by AS_OF done (mostly on time), some of
    the year's work done early, each with its accepted submission."""
    rows, done = [], []
    work = (Assignment.objects.filter(task__directive=directive, completed_on__isnull=True,
                                      submissions__isnull=True)
            .exclude(unit__key="p-dinh-bang").order_by("pk"))
    for a in work:
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


def resolution_pdf():
    """A one-page ward resolution, rendered by WeasyPrint (the fonts of the PDF reports)."""
    from weasyprint import HTML

    html = f"""<html lang="vi"><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 20mm 20mm 20mm 30mm; }}
      body {{ font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; }}
      .head {{ display: flex; justify-content: space-between; text-align: center; }}
      h1 {{ font-size: 15pt; text-align: center; margin: 12mm 0 2mm; }}
      p.c {{ text-align: center; font-weight: bold; margin: 0; }}
    </style></head><body>
      <div class="head"><div>ĐẢNG BỘ THÀNH PHỐ TỪ SƠN<br><b>ĐẢNG ỦY PHƯỜNG ĐÌNH BẢNG</b><br>*<br>Số 05-NQ/ĐU</div>
      <div><b><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></b><br><br><i>Đình Bảng, ngày 20 tháng 01 năm 2022</i></div></div>
      <h1>NGHỊ QUYẾT</h1>
      <p class="c">về lãnh đạo công tác quân sự, quốc phòng địa phương năm 2022</p>
      <p>Thực hiện Chỉ thị số 03-CT/TU ngày 04/01/2022 của Ban Thường vụ Thành ủy Từ Sơn, Đảng ủy
      phường Đình Bảng quyết nghị lãnh đạo thực hiện nhiệm vụ quân sự, quốc phòng địa phương năm
      2022: hoàn thành 100% chỉ tiêu giao quân; xây dựng lực lượng dân quân vững mạnh, rộng khắp;
      tổ chức diễn tập chiến đấu phòng thủ phường đạt loại khá trở lên.</p>
      <p style="text-align:right; margin-top: 15mm"><b>T/M ĐẢNG ỦY<br>BÍ THƯ</b><br><br><br>Nguyễn Văn Bình</p>
    </body></html>"""
    return HTML(string=html).write_pdf()


def _submit_resolution(officer, assignment):
    from tasks.services import submission_create
    from tasks.uploads import inspect_upload

    upload = SimpleUploadedFile("Nghị quyết 05-NQ-ĐU Đình Bảng.pdf", resolution_pdf(), content_type="application/pdf")
    submission, _created = submission_create(
        user=officer, assignment_id=assignment.pk,
        data={"kind": Submission.Kind.RESOLUTION, "number_symbol": "05-NQ/ĐU", "summary": RESOLUTION_SUMMARY,
              "signer": "Nguyễn Văn Bình", "issued_on": datetime.date(2022, 1, 20), "reported_value": None},
        files=[inspect_upload(upload)],
    )
    return submission


def _date_pending(submission, when):
    """The resolution awaiting review dated in 2022 like the rest of the scene, and so is the
    reviewers' "submitted" item under the bell: the service stamps both with the present
    moment, and the dashboard as of AS_OF would not see a submission made after it. (The
    audit trail, append-only, keeps the moment the demo was seeded.)"""
    from django.urls import reverse

    Submission.objects.filter(pk=submission.pk).update(submitted_at=when)
    Notification.objects.filter(kind=Notification.Kind.SUBMITTED,
                                url=reverse("tasks:submission_review", args=[submission.pk])).update(created_at=when)
    submission.refresh_from_db()


def notify_assignments():
    """Under the bell of each unit's members, the "new task assigned" items that publishing the
    directive sends (tasks.notifying.notify_new_assignments): the directive is loaded before the
    demo accounts exist, so the load told nobody. Dated the day the directive was issued. Once:
    does nothing if anyone has been told of assigned work already, or if the directive is not
    published. Returns the notifications made."""
    from tasks.notifying import notify_new_assignments

    directive = Directive.objects.get(key=DIRECTIVE_KEY)
    if (directive.status != Directive.Status.PUBLISHED
            or Notification.objects.filter(kind=Notification.Kind.ASSIGNED).exists()):
        return []
    with transaction.atomic():
        made = notify_new_assignments(
            Assignment.objects.filter(task__directive=directive).values_list("pk", flat=True))
        Notification.objects.filter(pk__in=[n.pk for n in made]).update(created_at=_at(directive.issued_on))
    return made


def build_activity(with_report=True):
    """The scene (see the module's docstring); None if the directive already has submissions
    (the demo's data is kept as the users left it)."""
    directive = Directive.objects.get(key=DIRECTIVE_KEY)
    if Submission.objects.filter(assignment__task__directive=directive).exists():
        return None
    users = {u.username: u for u in get_user_model().objects.all()}
    reviewer, officer = users["duqs"], users["dinhbang"]
    with transaction.atomic():
        _wards(directive, reviewer, officer)
        _progress(directive, reviewer, officer)
        resolution = Assignment.objects.get(unit__key="p-dinh-bang", task__directive=directive, task__key="C.1")
        Assignment.objects.filter(unit__key="p-dinh-bang", task__directive=directive).update(
            received_on=datetime.date(2022, 1, 5), disseminated_on=datetime.date(2022, 1, 10))
        pending = _submit_resolution(officer, resolution)
        _date_pending(pending, _at(PENDING_SUBMITTED_ON, 10))
    exercise = Assignment.objects.get(unit__key="p-dinh-bang", task__directive=directive, task__key="3.2")
    report = _report(directive, reviewer) if with_report else None
    return SimpleNamespace(directive=directive, resolution=resolution, pending=pending,
                           exercise=exercise, report=report, as_of=AS_OF)


def _wards(directive, reviewer, officer):
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


def _report(directive, reviewer):
    """The progress report as of AS_OF, asked for by the tracking body (generated at once when
    Celery runs eagerly, as in development; queued otherwise)."""
    from reports.models import Report
    from reports.pdf.header import default_header
    from reports.pdf.services import report_request

    kind = Report.Kind.DIRECTIVE_PROGRESS
    report = report_request(user=reviewer, kind=kind, directive=directive, as_of=AS_OF,
                            header=default_header(kind, directive, today=timezone.localdate()))
    report.refresh_from_db()
    return report
