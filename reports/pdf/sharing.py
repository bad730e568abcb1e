"""Sending a report ("Đã gửi"): from a draft of its author's unit to a document shared with
the Office, observers and the units of its distribution list (reports.report_querysets).

Only a final, ready report is sent — signed (the signer's name is there), not marked DỰ THẢO —
and only by its requester or a member of its author's unit. Sending is once: a report sent
cannot be unsent; a correction is a new version.
"""

import re
import unicodedata

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import audit
from audit import actions
from reports.models import Report

REPORT_SENT = "report.send"
actions.register(REPORT_SENT, gettext_lazy("Gửi báo cáo"))

# Lines of a distribution list that stand for every ward ("Các Đảng ủy phường").
_ALL_WARDS = re.compile(r"^(các\s+đảng\s+ủy\s+phường|đảng\s+ủy\s+các\s+phường)\b", re.IGNORECASE)


class SendRefused(Exception):
    """Why the report cannot be sent, in Vietnamese, for the page."""


def _key(text):
    text = unicodedata.normalize("NFC", text).replace("uỷ", "ủy").replace("Uỷ", "Ủy")
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text.strip().lstrip("-–").strip().rstrip(",;."))
    return " ".join(text.split()).casefold()


def distribution_units(report):
    """The units of the portal its distribution list names (by full or short name)."""
    from tasks.models import Unit

    wanted = [_key(line) for line in report.header.get("recipients", [])]
    units = list(Unit.objects.filter(is_active=True).only("pk", "name", "short_name", "kind"))
    found = []
    for unit in units:
        names = {_key(unit.name)} | ({_key(unit.short_name)} if unit.short_name else set())
        if names & set(wanted) or (unit.kind == Unit.Kind.WARD and any(_ALL_WARDS.match(w) for w in wanted)):
            found.append(unit)
    return found


def may_send(user, report):
    from tasks.models import Membership

    if report.requested_by_id == user.pk:
        return True
    return report.author_unit_id is not None and Membership.objects.filter(
        user=user, unit_id=report.author_unit_id).exists()


def report_send(*, report_id, user, request=None):
    """Mark the report sent by `user`; returns it. Raises SendRefused with the reason."""
    with transaction.atomic():
        report = (Report.objects.visible_to(user).select_for_update(of=("self",))
                  .filter(pk=report_id).first())
        if report is None:
            raise SendRefused(_("Không tìm thấy báo cáo."))
        if report.sent_at is not None:
            raise SendRefused(_("Báo cáo này đã được gửi trước đó."))
        if not may_send(user, report):
            raise SendRefused(_("Chỉ người lập hoặc cán bộ của đơn vị soạn báo cáo mới được gửi báo cáo."))
        if report.status != Report.Status.READY:
            raise SendRefused(_("Báo cáo chưa tạo xong nên chưa gửi được."))
        if not report.is_final or not (report.header.get("signer_name") or "").strip():
            raise SendRefused(_("Đây là bản dự thảo: hãy tạo phiên bản chính thức (có họ và tên người "
                                "ký) rồi gửi."))
        report.sent_at, report.sent_by = timezone.now(), user
        report.save(update_fields=["sent_at", "sent_by"])
        units = distribution_units(report)
        report.shared_units.set(units)
        audit.record(REPORT_SENT, actor=user, obj=report, unit=report.unit, request=request,
                     changes={"shared_units": [u.name for u in units]})
    return report
