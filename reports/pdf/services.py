"""Requesting, generating and distributing PDF reports.

The permission that matters is the one when the job runs: the requester must still be
allowed to see every figure in the report (Report.objects.visible_to), or the job ends
"failed" with a clear reason and no file.
"""

import hashlib
import logging
import uuid
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

import audit
from accounts.permissions import OutOfReach
from audit import actions
from reports.models import Report
from reports.pdf.context import build
from reports.pdf import jobs
from reports.pdf.header import Header, default_header
from reports.pdf.render import html_to_pdf, render_html
from signatures.reports import sign_report
from tuson_qp.notes import Note, label_note

logger = logging.getLogger(__name__)

REPORT_REQUESTED = "report.request"
actions.register(REPORT_REQUESTED, _("Yêu cầu tạo báo cáo PDF"))


class ReportRefused(Exception):
    """The job may not run: the message is shown to the requester as the failure."""


# Requesting ---------------------------------------------------------------------------------

def report_request(*, user, kind, directive, as_of, header, unit=None, sections=None,
                   final=False, request=None, version_of=None):
    """Record a report asked for by `user` and queue its generation after the commit.

    `sections`: the texts of sections I–IV as edited in the form (reports.pdf.sections);
    None drafts them from the data when the job runs. `final`: a signed report (the signer's
    name is required, checked by the form); otherwise a draft marked DỰ THẢO."""
    from reports.tasks import generate_report

    if final and not header.signer_name.strip():
        raise ValueError("a final report needs the signer's name (the form says so in Vietnamese)")
    header.final = bool(final)
    parameters = {"as_of": as_of.isoformat(), "header": header.to_parameters(), "final": bool(final)}
    if sections is not None:
        parameters["sections"] = sections
    if version_of is not None:
        parameters["version_of"] = version_of.pk
    with transaction.atomic():
        report = Report.objects.create(
            kind=kind, directive=directive, unit=unit if kind == Report.Kind.UNIT else None,
            requested_by=user, author_unit=author_unit_for(user, directive, kind, unit),
            parameters=parameters,
        )
        if not Report.objects.data_visible_to(user).filter(pk=report.pk).exists():
            raise OutOfReach(f"{user} may not see the data of report {report.pk}")
        audit.record(REPORT_REQUESTED, actor=user, obj=report, unit=report.unit, request=request,
                     changes={"kind": kind, "as_of": as_of.isoformat(), "final": bool(final)})
        transaction.on_commit(lambda: generate_report.delay(report.pk))
    return report


def author_unit_for(user, directive, kind, unit=None):
    """The unit a new report is a draft of: the requester's own unit among those the report
    concerns — the unit itself for its own report, else the directive's tracking body —
    or, failing that, the requester's first unit (None for someone in no unit: the Office)."""
    from tasks.models import Membership

    units = list(Membership.objects.filter(user=user).order_by("pk").values_list("unit_id", flat=True))
    for candidate in ((unit.pk if unit is not None and kind == Report.Kind.UNIT else None),
                      directive.tracking_unit_id):
        if candidate in units:
            return candidate and type(directive.tracking_unit)._default_manager.get(pk=candidate)
    if units:
        return type(directive.tracking_unit)._default_manager.get(pk=units[0])
    return None


def previous_header(user, directive, kind):
    """The header of the user's last report of this kind on the directive, if any."""
    last = (Report.objects.filter(requested_by=user, directive=directive, kind=kind)
            .order_by("-queued_at", "-pk").first())
    return Header.from_parameters(last.header) if last else None


# Generating ---------------------------------------------------------------------------------

def generating_user(report):
    """The user whose view of the data the report shows, checked now, not when queued."""
    if report.is_scheduled:
        user = tracking_body_user(report)
        if user is None:
            raise ReportRefused(
                f"Cơ quan theo dõi ({report.directive.tracking_unit.name}) không còn cán bộ nào "
                "có quyền theo dõi văn bản này; báo cáo định kỳ không được tạo."
            )
        return user
    user = report.requested_by
    if user is None or not Report.objects.data_visible_to(user).filter(pk=report.pk).exists():
        raise ReportRefused(
            "Người yêu cầu không còn quyền xem số liệu của báo cáo này (quyền đã thay đổi "
            "sau khi yêu cầu); báo cáo không được tạo."
        )
    return user


def tracking_body_user(report):
    """A member of the directive's tracking body who may see the whole directive: scheduled
    reports are generated as the tracking body (its head first)."""
    from tasks.models import Membership

    members = (Membership.objects.filter(unit=report.directive.tracking_unit, user__is_active=True)
               .select_related("user").order_by("role", "user_id"))  # "head" before "officer"
    for membership in members:
        if Report.objects.data_visible_to(membership.user).filter(pk=report.pk).exists():
            return membership.user
    return None


def render_report(report, user):
    """(RenderedPdf, DOCX bytes) of `report` as `user` sees the data, from one context."""
    from reports.docx.build import build_docx

    # The report is Vietnamese whatever the language of the request that ran it eagerly.
    with translation.override("vi"), transaction.atomic():
        _without_jit()
        template, context = build(report, user)
        html = render_html(template, context)
    rendered = html_to_pdf(html)
    with translation.override("vi"):
        docx = build_docx(report.kind, context)
    return rendered, docx


def _without_jit():
    """PostgreSQL's JIT compiles the status queries of a large directive for ~1.8 s to save
    ~0.1 s (bench/bench_pdf.py): not for the report's reads (this transaction only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def report_generate(report_id):
    """The body of the Celery task: queued → running → ready | failed (reports.pdf.jobs).

    Returns the report when this run finished it, else the Claim that stopped it."""
    report, outcome = jobs.claim(report_id)
    if outcome != jobs.Claim.CLAIMED:
        return None if outcome == jobs.Claim.DONE else outcome
    with jobs.Heartbeat(report):
        try:
            user = generating_user(report)
            rendered, docx = render_report(report, user)
            if rendered.refused:
                logger.warning("report %s: refused to fetch %s", report.pk, rendered.refused)
            return _finish(report, rendered, docx, generated_as=user)
        except SoftTimeLimitExceeded:
            return _fail(report, f"Quá thời gian cho phép ({settings.REPORT_SOFT_TIME_LIMIT} giây) "
                                 "khi tạo báo cáo. Hãy thử lại hoặc chọn phạm vi nhỏ hơn.")
        except ReportRefused as exc:
            return _fail(report, str(exc))
        except Exception as exc:  # noqa: BLE001 — any failure must reach the requester's page
            logger.exception("report %s failed", report.pk)
            return _fail(report, f"Lỗi khi tạo báo cáo: {type(exc).__name__}: {exc}"[:2000])


def _finish(report, rendered, docx, generated_as):
    # Signed (PAdES) when the Office configured a signing certificate; unchanged otherwise.
    signer = (report.header or {}).get("signer_name") or ""
    content = sign_report(rendered.content, f"Người ký: {signer}" if signer else "Báo cáo của Cổng theo dõi")
    # upload_to adds reports/<year>/<month>/; a random name, not guessable from the id.
    name = uuid.uuid4().hex
    report.file.save(f"{name}.pdf", ContentFile(content), save=False)
    report.docx_file.save(f"{name}.docx", ContentFile(docx), save=False)
    parameters = {**report.parameters, "generated_as": generated_as.get_username()}
    with transaction.atomic():
        updated = Report.objects.filter(jobs.still_mine(report)).update(
            status=Report.Status.READY, finished_at=timezone.now(), file=report.file.name,
            page_count=rendered.page_count, size=len(content),
            sha256=hashlib.sha256(content).hexdigest(), parameters=parameters, error="",
            docx_file=report.docx_file.name, docx_size=len(docx),
        )
        if not updated:  # deleted, expired or taken over meanwhile: no orphan files
            report.file.storage.delete(report.file.name)
            report.docx_file.storage.delete(report.docx_file.name)
            return None
        transaction.on_commit(lambda: _announce(report.pk))
    report.refresh_from_db()
    return report


def _fail(report, message):
    Report.objects.filter(jobs.still_mine(report)).update(
        status=Report.Status.FAILED, error=message, finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


def _announce(report_id):
    from notifications.models import Notification
    from notifications.services import notify
    from reports.tasks import email_report_link

    report = Report.objects.select_related("requested_by").get(pk=report_id)
    if report.is_scheduled:
        email_report_link.delay(report.pk)
    elif report.requested_by is not None:
        notify([report.requested_by], Notification.Kind.REPORT_READY,
               Note(gettext_noop("Báo cáo đã sẵn sàng: %(kind)s (số liệu đến %(date)s)"),
                    kind=label_note(Report.Kind(report.kind).label), date=f"{report.as_of:%d/%m/%Y}"),
               url=report_path(report))


# Scheduled monthly reports ------------------------------------------------------------------

def reports_schedule_monthly(today=None):
    """Queue, for each published directive, its progress report as of the end of last month,
    generated as the tracking body; its link is e-mailed when ready."""
    from directives.models import Directive
    from reports.tasks import generate_report

    today = today or timezone.localdate()
    as_of = today.replace(day=1) - timedelta(days=1)
    created = []
    for directive in Directive.objects.filter(status=Directive.Status.PUBLISHED).select_related(
        "tracking_unit"
    ):
        with transaction.atomic():
            exists = Report.objects.filter(
                directive=directive, is_scheduled=True, kind=Report.Kind.DIRECTIVE_PROGRESS,
                parameters__as_of=as_of.isoformat(),
            ).exists()
            if exists:
                continue  # beat fired twice: one report per month
            last = (Report.objects.filter(directive=directive, is_scheduled=True)
                    .order_by("-queued_at").first())
            header = default_header(
                Report.Kind.DIRECTIVE_PROGRESS, directive, today=today, as_of=as_of,
                previous=Header.from_parameters(last.header) if last else None,
            )
            report = Report.objects.create(
                kind=Report.Kind.DIRECTIVE_PROGRESS, directive=directive, is_scheduled=True,
                author_unit=directive.tracking_unit,
                parameters={"as_of": as_of.isoformat(), "header": header.to_parameters()},
            )
            transaction.on_commit(lambda pk=report.pk: generate_report.delay(pk))
            created.append(report)
    return created


def report_path(report):
    from django.urls import reverse

    return reverse("reports:report_detail", args=[report.pk])


def monthly_recipients(report):
    """The Office and the members of the tracking body who may read the report."""
    from django.contrib.auth import get_user_model

    from accounts import roles

    from tasks.models import Membership

    User = get_user_model()
    office = User.groups.through.objects.filter(group__name=roles.OFFICE).values("user_id")
    members = Membership.objects.filter(unit=report.directive.tracking_unit).values("user_id")
    users = User.objects.filter(Q(pk__in=office) | Q(pk__in=members), is_active=True)
    return [u for u in users.order_by("pk")
            if Report.objects.visible_to(u).filter(pk=report.pk).exists()]


def report_email_link(report_id):
    """E-mail the report page's link (never the file: it is only for those allowed).

    Safe to run again (a retry after a mail error, a redelivered message): each address is
    recorded in `parameters["mailed_to"]` as soon as its message is accepted, and is not
    mailed twice; the bell rings once, when every address has been mailed."""
    from django.core.mail import EmailMessage, get_connection
    from django.template.loader import render_to_string

    from reminders.channels.email import mail_timeout

    report = Report.objects.select_related("directive").filter(
        pk=report_id, status=Report.Status.READY
    ).first()
    if report is None:
        return 0
    from notifications.models import Notification
    from notifications.services import notify

    link = f"{settings.SITE_URL}{report_path(report)}"
    context = {"report": report, "link": link, "as_of": report.as_of}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("reports/report_email_subject.txt", context).split())
        body = render_to_string("reports/report_email.txt", context)
    recipients = monthly_recipients(report)
    mailed = set(report.parameters.get("mailed_to", []))
    sent = 0
    # A socket timeout: a mail server that never answers fails the task (retried) instead
    # of holding the worker for ever.
    with get_connection(fail_silently=False, timeout=mail_timeout()) as connection:
        for user in recipients:
            if not user.email or user.email in mailed:
                continue
            EmailMessage(subject, body, None, [user.email], connection=connection).send()
            mailed.add(user.email)
            sent += 1
            _record_parameters(report, mailed_to=sorted(mailed))
    if not report.parameters.get("notified"):
        with transaction.atomic():
            notify(recipients, Notification.Kind.REPORT_READY, subject, url=report_path(report))
            _record_parameters(report, notified=True)
    return sent


def _record_parameters(report, **values):
    report.parameters = {**report.parameters, **values}
    Report.objects.filter(pk=report.pk).update(parameters=report.parameters)
