"""The permission matrix: one row for every URL that takes an object id.

tests/test_permission_matrix.py walks the URL configuration; a URL with a keyword argument
(an id, a token…) that has no row in MATRIX makes the suite fail, naming the URL. Each row
says how to obtain the arguments and what every member of the cast gets with GET:
OK (200), NOT_FOUND (404) or LOGIN (a redirect to the login page); any other status code
(403, 405…) may be written as a number.

Adding a row for your URL (docs/architecture.md, "The permission matrix"):

    "tasks:assignment_detail": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk},
             expect(NOT_FOUND, dinh_bang=OK, dinh_bang_head=OK, reviewer=OK, office=OK, observer=OK),
             "an assignment of Đình Bảng"),
    ],

- The first argument receives a World (below): the cast, the directive and helpers to find or
  create objects. It may change the database first (make a directive a draft, add a
  submission…); every case runs in its own fresh database.
- `expect(default, **per_person)`: the outcome for everyone not named; anonymous defaults to
  LOGIN. Cast: anonymous, dinh_bang (officer of Đình Bảng ward), tuong_giang (officer of
  Tương Giang ward), dinh_bang_head (head of Đình Bảng), reviewer (City Military Party
  Committee, tracks the directive), office (City Party Committee Office), observer (leadership).
- Give at least one case where a person is out of scope (another ward's object → 404).
- Add helpers to World when your objects need them (one small method each).
"""

from dataclasses import dataclass
from typing import Callable

from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

OK = 200
NOT_FOUND = 404
LOGIN = "login"

CAST = ("anonymous", "dinh_bang", "tuong_giang", "dinh_bang_head", "reviewer", "office", "observer")


def expect(default, **per_person):
    unknown = set(per_person) - set(CAST)
    if unknown:
        raise ValueError(f"not in the cast: {sorted(unknown)}")
    outcomes = {name: default for name in CAST}
    outcomes["anonymous"] = LOGIN
    outcomes.update(per_person)
    return outcomes


@dataclass
class Case:
    kwargs: Callable  # World -> dict of URL keyword arguments
    expect: dict
    note: str = ""


class World:
    """What a case can build its URL from."""

    def __init__(self, cast, directive):
        self.cast = cast
        self.directive = directive

    def unit(self, key):
        from tasks.models import Unit

        return Unit.objects.get(key=key)

    def assignment(self, unit_key, directive=None):
        """The first assignment of the unit under the directive."""
        from tasks.models import Assignment

        return Assignment.objects.filter(
            unit__key=unit_key, task__directive=directive or self.directive
        ).order_by("pk").first()

    def draft_directive(self):
        """The directive turned back into a draft."""
        self.directive.status = self.directive.Status.DRAFT
        self.directive.save(update_fields=["status"])
        return self.directive

    def bulk_update(self, user):
        from tasks.models import BulkUpdate

        return BulkUpdate.objects.create(user=user, file_name="tien-do.xlsx", sha256="0" * 64)

    def calendar_secret(self, user):
        from api import services

        return services.calendar_feed_reset(user=user).secret

    def submission(self, unit_key, by=None):
        """A pending progress report of the unit, submitted by its officer."""
        from tasks.models import Submission

        assignment = self.assignment(unit_key)
        version = Submission.objects.filter(assignment=assignment).count() + 1
        return Submission.objects.create(
            assignment=assignment, version=version, kind=Submission.Kind.PROGRESS,
            summary="Báo cáo tiến độ thực hiện", submitted_by=by or self.cast.dinh_bang,
            submitted_at=timezone.now(),
        )

    def draft(self, directive=None):
        from directives.models import Directive

        directive = directive or self.directive
        Directive.objects.filter(pk=directive.pk).update(status=Directive.Status.DRAFT)
        return directive

    def report(self, kind="directive_progress", unit_key=None, by=None, sent_to=None):
        """A ready report (stand-in PDF and DOCX files, nothing rendered), asked for by `by`:
        a draft of `by`'s unit, or, with `sent_to` (unit keys), sent and shared with them."""
        from django.core.files.base import ContentFile

        from reports.models import Report
        from reports.pdf.services import author_unit_for

        by = by or self.cast.reviewer
        unit = self.unit(unit_key) if unit_key else None
        report = Report(kind=kind, directive=self.directive, unit=unit, requested_by=by,
                        author_unit=author_unit_for(by, self.directive, kind, unit),
                        status=Report.Status.READY, page_count=1,
                        parameters={"as_of": "2022-06-30", "header": {}, "final": True})
        report.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"), save=False)
        report.docx_file.save("matrix.docx", ContentFile(b"PK matrix"), save=False)
        if sent_to is not None:
            report.sent_at, report.sent_by = timezone.now(), by
        report.save()
        if sent_to:
            report.shared_units.set([self.unit(key) for key in sent_to])
        return report

    def submission_file(self, unit_key):
        """A stored stand-in PDF attached to a pending submission of the unit."""
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        from tasks.models import SubmissionFile

        name = default_storage.save("submissions/matrix/tep.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        return SubmissionFile.objects.create(
            submission=self.submission(unit_key), file=name, original_name="Nghị quyết.pdf",
            content_type="application/pdf", size=15, sha256="0" * 64,
        )

    def extension_request(self, unit_key):
        """A pending extension request of the unit's first assignment."""
        from datetime import timedelta

        from tasks.models import ExtensionRequest

        assignment = self.assignment(unit_key)
        return ExtensionRequest.objects.create(
            assignment=assignment, previous_due_date=assignment.due_date,
            requested_due_date=assignment.due_date + timedelta(days=30), reason="Lý do",
            requested_by=self.cast.dinh_bang,
        )

    def explanation_request(self, unit_key):
        """An unanswered request for explanation on the unit's first assignment."""
        from tasks.models import ExplanationRequest

        return ExplanationRequest.objects.create(
            assignment=self.assignment(unit_key), question="Vì sao chậm?", requested_by=self.cast.reviewer,
        )

    def audit_entry(self):
        """An entry of the audit trail about Đình Bảng's officer, with its changes."""
        import audit

        return audit.record("membership.add", actor=self.cast.office, obj=self.cast.dinh_bang,
                            unit=self.unit("p-dinh-bang"), changes={"role": "officer"})

    def notification(self, person):
        """An item under the bell of a member of the cast."""
        from notifications.services import notify

        return notify([getattr(self.cast, person)], "reminder", "Nhắc việc", url="/viec/")[0]

    def import_draft(self, published=False):
        """A draft of the directive import (the Office's working paper), open or already published."""
        from directives.models import ImportDraft

        header = {"number": "05", "symbol": "CT/TU", "document_type": "CHỈ THỊ", "issued_on": "2023-01-05",
                  "summary": "Về công tác quốc phòng năm 2023", "tracking_unit": "duqs"}
        return ImportDraft.objects.create(
            source_type=ImportDraft.SourceType.PASTE, source_text="Chỉ thị số 05-CT/TU", created_by=self.cast.office,
            data={"directive": header, "documents": [], "distribution": [], "closing_tasks": [],
                  "sections": [{"number": 1, "title": "Phần 1", "text": "Nội dung", "cites": [], "tasks": []}]},
            status=ImportDraft.Status.PUBLISHED if published else ImportDraft.Status.OPEN,
            directive=self.directive if published else None,
        )


# URL name -> the cases to check. Keep the rows sorted by URL name.
MATRIX = {
    "organisation:unit": [
        Case(lambda w: {"pk": w.unit("p-dinh-bang").pk}, expect(NOT_FOUND, office=OK),
             "only the Office manages the tree of units"),
    ],
    "organisation:split": [
        Case(lambda w: {"pk": w.unit("p-dinh-bang").pk}, expect(NOT_FOUND, office=OK),
             "only the Office splits a unit (the POST: tests/reorg/test_split.py)"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "no such unit"),
    ],
    "api:directive-detail": [
        Case(lambda w: {"pk": w.directive.pk}, expect(OK, anonymous=401),
             "the API: a published directive, seen by everyone with work under it or a role"),
        Case(lambda w: {"pk": w.draft_directive().pk}, expect(NOT_FOUND, anonymous=401, office=OK),
             "a draft: the Office only"),
    ],
    "api:directive-figures": [
        Case(lambda w: {"pk": w.directive.pk}, expect(OK, anonymous=401),
             "figures in each person's own scope (a ward sees its own)"),
        Case(lambda w: {"pk": w.draft_directive().pk}, expect(NOT_FOUND, anonymous=401, office=OK),
             "a draft: the Office only"),
    ],
    "api:assignment-detail": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk},
             expect(NOT_FOUND, anonymous=401, dinh_bang=OK, dinh_bang_head=OK, reviewer=OK, office=OK,
                    observer=OK),
             "an assignment of Đình Bảng, as on its page"),
        Case(lambda w: {"pk": "abc"}, expect(NOT_FOUND, anonymous=401), "not a number"),
    ],
    "api:assignment-submissions": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk},
             expect(NOT_FOUND, anonymous=401, dinh_bang=OK, dinh_bang_head=OK, reviewer=OK, office=OK,
                    observer=OK),
             "the submissions of an assignment of Đình Bảng (POST: tests/api/test_api_write.py)"),
    ],
    "api:submission-detail": [
        Case(lambda w: {"pk": w.submission("p-dinh-bang").pk},
             expect(NOT_FOUND, anonymous=401, dinh_bang=OK, dinh_bang_head=OK, reviewer=OK, office=OK,
                    observer=OK),
             "a submission of Đình Bảng; another ward gets 404"),
    ],
    "directives:copy_next_year": [
        Case(lambda w: {"pk": w.directive.pk}, expect(NOT_FOUND, office=OK),
             "only the Office starts next year's directive from this one"),
    ],
    "tasks:bulk_preview": [
        Case(lambda w: {"pk": w.bulk_update(w.cast.dinh_bang).pk}, expect(NOT_FOUND, dinh_bang=OK),
             "a spreadsheet upload is its sender's alone, even within the unit"),
    ],
    "calendar_feed": [
        Case(lambda w: {"secret": w.calendar_secret(w.cast.dinh_bang)},
             expect(OK, anonymous=OK),
             "a secret calendar address: whoever holds it reads that person's feed, no session needed"),
        Case(lambda w: {"secret": "not-a-feed"}, expect(NOT_FOUND, anonymous=NOT_FOUND),
             "an unknown address"),
    ],
    "signatures:requirements": [
        Case(lambda w: {"pk": w.directive.pk}, expect(NOT_FOUND, office=OK),
             "only the Office sets which tasks require signed documents"),
    ],
    "audit:detail": [
        Case(lambda w: {"pk": w.audit_entry().pk}, expect(NOT_FOUND, reviewer=OK, office=OK),
             "the Office and the tracking body read the audit trail, nobody else"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "accounts:person_detail": [
        Case(lambda w: {"pk": w.cast.dinh_bang.pk}, expect(NOT_FOUND, office=OK),
             "only the Office manages accounts, even one's own is out of scope here"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "accounts:unit_detail": [
        Case(lambda w: {"pk": w.unit("p-dinh-bang").pk}, expect(NOT_FOUND, office=OK),
             "only the Office manages members, not the unit's own head"),
        Case(lambda w: {"pk": w.unit("duqs").pk}, expect(NOT_FOUND, office=OK),
             "the tracking body does not manage its own members either"),
    ],
    "directives:detail": [
        Case(lambda w: {"pk": w.directive.pk}, expect(OK), "a published directive every unit has work under"),
        Case(lambda w: {"pk": w.draft().pk}, expect(NOT_FOUND, office=OK), "a draft: the Office only"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "directives:import_discard": [
        Case(lambda w: {"pk": w.import_draft().pk}, expect(NOT_FOUND, office=302),
             "the Office's import draft (a GET goes back to the draft); nobody else knows it exists"),
    ],
    "directives:import_draft": [
        Case(lambda w: {"pk": w.import_draft().pk}, expect(NOT_FOUND, office=OK),
             "an import draft: the Office only, not even the tracking body or observers"),
        Case(lambda w: {"pk": w.import_draft(published=True).pk}, expect(NOT_FOUND, office=302),
             "a draft already published sends the Office to the directive"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "directives:import_publish": [
        Case(lambda w: {"pk": w.import_draft().pk}, expect(NOT_FOUND, office=OK),
             "the confirmation page of an import: the Office only"),
        Case(lambda w: {"pk": w.import_draft(published=True).pk}, expect(NOT_FOUND, office=302),
             "already published: back to the draft, which sends on to the directive"),
    ],
    "notifications:mark_read": [
        Case(lambda w: {"pk": w.notification("dinh_bang").pk}, expect(NOT_FOUND, dinh_bang=302),
             "one's own item (a GET goes back to the list); anyone else's is 404"),
    ],
    "notifications:open": [
        Case(lambda w: {"pk": w.notification("dinh_bang").pk}, expect(NOT_FOUND, dinh_bang=302),
             "one's own item redirects to what it is about; anyone else's is 404"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "password_reset_confirm": [
        Case(lambda w: {"uidb64": urlsafe_base64_encode(force_bytes(w.cast.dinh_bang.pk)), "token": "sai-ma"},
             expect(OK, anonymous=OK), "a wrong token shows the 'link not valid' page to anyone"),
    ],
    "reports:dashboard": [
        Case(lambda w: {"pk": w.directive.pk}, expect(OK),
             "a published directive: the tracking body, the Office and observers see every unit, "
             "each ward officer or head only their own unit's figures"),
        Case(lambda w: {"pk": w.draft().pk}, expect(NOT_FOUND, office=OK), "a draft: the Office only"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "reports:dashboard_export": [
        Case(lambda w: {"pk": w.directive.pk}, expect(OK),
             "the spreadsheet of what the person sees on the dashboard"),
        Case(lambda w: {"pk": w.draft().pk}, expect(NOT_FOUND, office=OK), "a draft: the Office only"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "reports:report_detail": [
        Case(lambda w: {"pk": w.report().pk}, expect(NOT_FOUND, reviewer=OK),
             "a draft of the tracking body: only its unit, not even the Office or observers"),
        Case(lambda w: {"pk": w.report(sent_to=["p-dinh-bang"]).pk},
             expect(NOT_FOUND, reviewer=OK, office=OK, observer=OK, dinh_bang=OK, dinh_bang_head=OK),
             "sent to Đình Bảng: the Office, observers and Đình Bảng's members; Tương Giang 404"),
        Case(lambda w: {"pk": w.report("unit", "p-dinh-bang", by=w.cast.dinh_bang).pk},
             expect(NOT_FOUND, dinh_bang=OK, dinh_bang_head=OK),
             "Đình Bảng's own draft: the ward's members; the tracking body too gets 404 until sent"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "reports:report_download": [
        Case(lambda w: {"pk": w.report().pk}, expect(NOT_FOUND, reviewer=OK),
             "the file of a draft: only its author's unit"),
        Case(lambda w: {"pk": w.report("unit", "p-dinh-bang", by=w.cast.dinh_bang, sent_to=["duqs"]).pk},
             expect(NOT_FOUND, dinh_bang=OK, dinh_bang_head=OK, reviewer=OK, office=OK, observer=OK),
             "Đình Bảng's report sent to the tracking body; another ward gets 404"),
        Case(lambda w: {"pk": (w.draft(), w.report(sent_to=[]))[1].pk},
             expect(NOT_FOUND, office=OK, reviewer=OK),
             "sent, but the directive is back to draft: observers no longer see it (the Office and the tracker do)"),
    ],
    "reports:report_download_docx": [
        Case(lambda w: {"pk": w.report().pk}, expect(NOT_FOUND, reviewer=OK),
             "the Word twin of a draft: only its author's unit"),
        Case(lambda w: {"pk": w.report(sent_to=["p-tuong-giang"]).pk},
             expect(NOT_FOUND, reviewer=OK, office=OK, observer=OK, tuong_giang=OK),
             "sent to Tương Giang: Đình Bảng gets 404"),
    ],
    "reports:report_mark_sent": [
        Case(lambda w: {"pk": w.report().pk}, expect(NOT_FOUND, reviewer=302),
             "a GET goes to the report's page for those who see it; the POST is tested in test_report_sharing"),
        Case(lambda w: {"pk": w.report("unit", "p-dinh-bang", by=w.cast.dinh_bang).pk},
             expect(NOT_FOUND, dinh_bang=302, dinh_bang_head=302), "Đình Bảng's draft"),
    ],
    "reports:report_status": [
        Case(lambda w: {"pk": w.report().pk}, expect(NOT_FOUND, reviewer=OK),
             "the JSON status of a draft of the tracking body"),
        Case(lambda w: {"pk": w.report("overdue", by=w.cast.office).pk}, expect(NOT_FOUND, office=OK),
             "the overdue list asked for by the Office (in no unit): only its requester until sent"),
    ],
    "reminders:urge": [
        Case(lambda w: {"assignment_id": w.assignment("p-dinh-bang").pk}, expect(NOT_FOUND, reviewer=OK),
             "only the tracking body urges; the ward itself, its head, the Office and observers get 404"),
        Case(lambda w: {"assignment_id": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "reminders:policy": [
        Case(lambda w: {"directive_pk": w.directive.pk}, expect(NOT_FOUND, reviewer=OK, office=OK),
             "the Office and the directive's tracking body configure its reminders; units and observers get 404"),
        Case(lambda w: {"directive_pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "reminders:urge_template": [
        Case(lambda w: {"directive_pk": w.directive.pk}, expect(NOT_FOUND, reviewer=OK),
             "the directive's tracking body edits its urge text; nobody else, the Office included"),
        Case(lambda w: {"directive_pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "tasks:acknowledge_assignment": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk}, expect(NOT_FOUND, dinh_bang=302, dinh_bang_head=302),
             "the ward confirms (a GET goes to the assignment page); nobody else may"),
    ],
    "tasks:acknowledge_directive": [
        Case(lambda w: {"directive_pk": w.directive.pk, "unit_pk": w.unit("p-dinh-bang").pk},
             expect(NOT_FOUND, dinh_bang=OK, dinh_bang_head=OK), "Đình Bảng's confirmation for the directive"),
        Case(lambda w: {"directive_pk": w.directive.pk, "unit_pk": w.unit("duqs").pk},
             expect(NOT_FOUND, reviewer=OK), "the tracking body confirms for its own unit's work only"),
    ],
    "tasks:assignment_detail": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk},
             expect(NOT_FOUND, dinh_bang=OK, dinh_bang_head=OK, reviewer=OK, office=OK, observer=OK),
             "an assignment of Đình Bảng"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "tasks:submission_withdraw": [
        Case(lambda w: {"pk": w.submission("p-dinh-bang").pk},
             expect(NOT_FOUND, dinh_bang=302, dinh_bang_head=302),
             "only the ward withdraws its own pending version (a GET goes to the assignment page)"),
        Case(lambda w: {"pk": w.submission("p-tuong-giang", by=w.cast.tuong_giang).pk},
             expect(NOT_FOUND, tuong_giang=302), "Tương Giang's version: Đình Bảng gets 404"),
    ],
    "tasks:file_view": [
        Case(lambda w: {"pk": w.submission_file("p-dinh-bang").pk},
             expect(NOT_FOUND, dinh_bang=OK, dinh_bang_head=OK, reviewer=OK, office=OK, observer=OK),
             "a file of Đình Bảng's submission, read in the page; Tương Giang gets 404"),
    ],
    "tasks:suggest_particulars": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk},
             expect(NOT_FOUND, dinh_bang=405, dinh_bang_head=405),
             "only the ward that submits may ask (POST only); everyone else gets 404"),
    ],
    "tasks:explanation_answer": [
        Case(lambda w: {"pk": w.explanation_request("p-dinh-bang").pk},
             expect(NOT_FOUND, dinh_bang=302, dinh_bang_head=302),
             "only the ward answers (a GET goes to the assignment page)"),
    ],
    "tasks:explanation_request": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk}, expect(NOT_FOUND, reviewer=302),
             "only the tracking body asks for an explanation (a GET goes to the assignment page)"),
    ],
    "tasks:extension_decide": [
        Case(lambda w: {"pk": w.extension_request("p-dinh-bang").pk}, expect(NOT_FOUND, reviewer=302),
             "only the tracking body decides (a GET goes to the assignment page)"),
    ],
    "tasks:extension_request": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk}, expect(NOT_FOUND, dinh_bang=302, dinh_bang_head=302),
             "only the ward asks for more time (a GET goes to the assignment page)"),
    ],
    "tasks:file_download": [
        Case(lambda w: {"pk": w.submission_file("p-dinh-bang").pk},
             expect(NOT_FOUND, dinh_bang=OK, dinh_bang_head=OK, reviewer=OK, office=OK, observer=OK),
             "a file of Đình Bảng: whoever sees the assignment; another ward gets 404"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
    "tasks:submission_create": [
        Case(lambda w: {"pk": w.assignment("p-dinh-bang").pk}, expect(NOT_FOUND, dinh_bang=OK, dinh_bang_head=OK),
             "only the ward submits; the tracking body, the Office and observers get 404"),
    ],
    "tasks:submission_review": [
        Case(lambda w: {"pk": w.submission("p-dinh-bang").pk}, expect(NOT_FOUND, reviewer=OK),
             "only the tracking body reviews; the ward itself gets 404"),
        Case(lambda w: {"pk": 999999}, expect(NOT_FOUND), "an id that does not exist"),
    ],
}

# Namespaces left out of the matrix, with the reason. Nothing else may be left out.
EXCLUDED_NAMESPACES = {
    "admin": "The Django admin: staff only, each page guarded by Django's model permissions; "
             "test_admin_urls_turn_away_non_staff checks that everyone else is sent to log in.",
}


# --- POST actions without an object id in their address -------------------------------------
# What each member of the cast achieves by POSTing: DONE (the action took effect: `count`
# grew) or REFUSED (nothing changed, and no server error); anonymous defaults to LOGIN.
# tests/test_permission_matrix.py::test_post_cell tries the refused first, then the others.

DONE = "done"
REFUSED = "refused"


@dataclass
class PostCase:
    data: Callable  # World -> the POSTed fields
    count: Callable  # World -> a number that grows when the action takes effect
    expect: dict
    kwargs: Callable = lambda w: {}
    note: str = ""


def _urges(w, unit_key="p-dinh-bang"):
    from reminders.models import Urge

    return Urge.objects.filter(assignment=w.assignment(unit_key)).count()


POST_MATRIX = {
    "reminders:urge_many": [
        PostCase(lambda w: {"assignment": [w.assignment("p-dinh-bang").pk], "step": "send", "next": "/",
                            "message": "Đề nghị {don_vi} hoàn thành nhiệm vụ {nhiem_vu}."},
                 _urges, expect(REFUSED, reviewer=DONE),
                 note="urging several units (the home page's and the dashboard's multi-urge): only the "
                      "tracking body; a ward, its head, the Office and observers urge nothing"),
    ],
}
