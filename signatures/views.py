"""The trusted certificates (Office, administrators) and the signature rules of a directive
(Office)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

import audit
from accounts import roles
from accounts.permissions import get_object_for_user
from directives.models import Directive
from signatures import actions, services
from signatures.models import SignatureRequirement, TrustedCertificate
from tasks.models import Submission

MAX_CERT_BYTES = 64 * 1024
REQUIRABLE = (Submission.Kind.RESOLUTION, Submission.Kind.PLAN, Submission.Kind.FINAL)


def _may_manage(user):
    return user.is_active and (user.is_superuser or roles.is_office(user))


@login_required
@require_http_methods(["GET", "POST"])
def trusted_certificates(request):
    if not _may_manage(request.user):
        raise Http404
    error = ""
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            raw = request.POST.get("pk", "")
            if raw.isascii() and raw.isdigit() and len(raw) < 19 and services.certificate_remove(
                    user=request.user, pk=int(raw), request=request):
                messages.success(request, _("Đã gỡ chứng thư; các chữ ký đã nộp được kiểm tra lại."))
            else:
                messages.error(request, _("Không tìm thấy chứng thư này."))
            return redirect("signatures:trusted")
        upload = request.FILES.get("chung_thu")
        if upload is None:
            error = _("Hãy chọn tệp chứng thư (.cer, .crt hoặc .pem).")
        elif upload.size > MAX_CERT_BYTES:
            error = _("Tệp chứng thư quá lớn (tối đa 64 KB).")
        else:
            try:
                cert = services.certificate_add(user=request.user, data=upload.read(), request=request)
            except services.CertificateRefused as refusal:
                error = str(refusal)
            else:
                messages.success(request, _("Đã thêm “%(subject)s” vào danh sách tin cậy; các chữ ký đã nộp "
                                            "được kiểm tra lại.") % {"subject": cert.subject})
                return redirect("signatures:trusted")
    return render(request, "signatures/trusted.html", {
        "certificates": TrustedCertificate.objects.all(), "error": error,
    }, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def requirements(request, pk):
    """Which tasks of a directive require signed documents, and of which kinds."""
    directive = get_object_for_user(Directive.objects.all(), request.user, pk, "change")
    tasks = list(directive.tasks.select_related("section", "signature_requirement").order_by(
        "section__number", "position"))
    if request.method == "POST":
        changes = {}
        with transaction.atomic():
            for task in tasks:
                kinds = [k for k in REQUIRABLE if request.POST.get(f"t{task.pk}-{k}")]
                current = getattr(task, "signature_requirement", None)
                before = current.kinds if current else []
                if kinds == before:
                    continue
                if kinds:
                    SignatureRequirement.objects.update_or_create(task=task, defaults={"kinds": kinds})
                elif current:
                    current.delete()
                changes[task.key] = [before, kinds]
            if changes:
                audit.record(actions.REQUIREMENT_CHANGED, actor=request.user, obj=directive, request=request,
                             changes=changes)
        messages.success(request, _("Đã lưu yêu cầu chữ ký số (%(count)s nhiệm vụ thay đổi).") % {"count": len(changes)})
        return redirect("signatures:requirements", pk=directive.pk)
    rows = [(task, getattr(task, "signature_requirement", None)) for task in tasks]
    return render(request, "signatures/requirements.html", {
        "directive": directive,
        "kinds": [(k, Submission.Kind(k).label) for k in REQUIRABLE],
        "rows": [(task, [(k, label, bool(req and k in req.kinds)) for k, label in
                         [(k, Submission.Kind(k).label) for k in REQUIRABLE]]) for task, req in rows],
    })
