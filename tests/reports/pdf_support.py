"""Helpers of the PDF report tests (tests/reports/test_pdf_*.py): reading a PDF back."""

import io
import unicodedata
from datetime import date

from pypdf import PdfReader


def pdf_reader(content):
    return PdfReader(io.BytesIO(content))


def pdf_text(content):
    """The text of every page, NFC, with runs of white space made single spaces."""
    reader = pdf_reader(content)
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _fonts_in(resources, found):
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants.get_object()[0].get_object() if descendants else font
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = {
                key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor
            }
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            _fonts_in(ref.get_object().get("/Resources"), found)


def pdf_fonts(content):
    """{BaseFont name: {the /FontFile* keys of its descriptor}} over every page."""
    found = {}
    for page in pdf_reader(content).pages:
        _fonts_in(page.get("/Resources"), found)
    return found


def page_sizes(content):
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in pdf_reader(content).pages]


TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none, huyền, sắc, hỏi, ngã, nặng
BASE_VOWELS = ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b",
               "u", "u\u031b", "y"]  # a ă â e ê i o ô ơ u ư y
CONSONANTS = list("bcdghklmnpqrstvx") + ["đ"]


def vietnamese_letters():
    """Every Vietnamese letter, lower and upper case, every vowel with every tone (NFC)."""
    lower = [unicodedata.normalize("NFC", v + t) for v in BASE_VOWELS for t in TONES] + CONSONANTS
    return lower + [letter.upper() for letter in lower]


# Building reports and work to report on ------------------------------------------------------

# Before the dashboard tests' frozen clock (20/05/2022, tests/reports/conftest.py) and any real one.
AS_OF = date(2022, 5, 15)


def header_for(directive, kind="directive_progress", unit=None, **overrides):
    from reports.pdf.header import default_header

    header = default_header(kind, directive, unit, today=date(2022, 5, 18))
    for name, value in overrides.items():
        setattr(header, name, value)
    return header


def request_report(user, directive, kind="directive_progress", unit=None, as_of=AS_OF,
                   final=False, sections=None, **header):
    """Ask for a report as `user` (a draft unless `final`; sections drafted by the job unless
    given); the caller decides whether on-commit callbacks run."""
    from reports.pdf.services import report_request

    return report_request(user=user, kind=kind, directive=directive, unit=unit, as_of=as_of,
                          header=header_for(directive, kind, unit, **header), final=final,
                          sections=sections)


def make_progress(directive, cast, as_of=AS_OF):
    """Work in all four buckets as of `as_of`, with accepted, returned and pending submissions.

    Đình Bảng: its first two assignments due before `as_of` are done, one on time and one
    late (accepted submissions); the third has a returned submission. Tương Giang: a pending
    submission. Everything else is as loaded: overdue if due before `as_of`, else within.
    """
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from tasks.models import Assignment, Submission

    def moment(day):
        return timezone.make_aware(datetime.combine(day, time(9, 0)))

    def submit(assignment, by, status, day, **fields):
        version = assignment.submissions.count() + 1
        return Submission.objects.create(
            assignment=assignment, version=version, kind=fields.pop("kind", Submission.Kind.PROGRESS),
            summary=fields.pop("summary", "Báo cáo kết quả thực hiện"), submitted_by=by,
            submitted_at=moment(day), status=status,
            decided_by=cast.reviewer if status != Submission.Status.PENDING else None,
            decided_at=moment(day + timedelta(days=1)) if status != Submission.Status.PENDING else None,
            **fields,
        )

    due = list(Assignment.objects.filter(
        task__directive=directive, unit__key="p-dinh-bang", due_date__lt=as_of - timedelta(days=20),
    ).order_by("due_date", "pk"))
    on_time, late, returned = due[0], due[1], due[2]
    submit(on_time, cast.dinh_bang, Submission.Status.ACCEPTED, on_time.due_date - timedelta(days=3),
           kind=Submission.Kind.RESOLUTION, number_symbol="12-NQ/ĐU",
           summary="Nghị quyết lãnh đạo công tác quân sự, quốc phòng địa phương năm 2022 của Đảng ủy phường Đình Bảng")
    Assignment.objects.filter(pk=on_time.pk).update(completed_on=on_time.due_date - timedelta(days=2))
    submit(late, cast.dinh_bang, Submission.Status.ACCEPTED, late.due_date + timedelta(days=9),
           summary="Đã tổ chức phổ biến Chỉ thị đến 100% chi bộ trực thuộc")
    Assignment.objects.filter(pk=late.pk).update(completed_on=late.due_date + timedelta(days=10))
    submit(returned, cast.dinh_bang, Submission.Status.RETURNED, returned.due_date - timedelta(days=1),
           summary="Kế hoạch chưa đủ nội dung", review_comment="Bổ sung phân công cụ thể")
    pending = Assignment.objects.filter(
        task__directive=directive, unit__key="p-tuong-giang", due_date__lt=as_of,
    ).order_by("due_date", "pk").first()
    submit(pending, cast.tuong_giang, Submission.Status.PENDING, as_of - timedelta(days=5))
    return {"on_time": on_time, "late": late, "returned": returned, "pending": pending}


def pdf_tables(content):
    """Every table row on every page, cells as single-line NFC text (pdfplumber)."""
    import pdfplumber

    rows = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    rows.append([" ".join(unicodedata.normalize("NFC", c or "").split()) for c in row])
    return rows


def page_texts(content):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [unicodedata.normalize("NFC", page.extract_text() or "") for page in pdf.pages]


def render_ready(user, directive, capture, **kwargs):
    """Request a report, run its job, and return (report, PDF bytes)."""
    from reports.models import Report

    with capture(execute=True):
        report = request_report(user, directive, **kwargs)
    report.refresh_from_db()
    assert report.status == Report.Status.READY, report.error
    return report, report.file.read()
