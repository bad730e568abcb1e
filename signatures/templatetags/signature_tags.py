from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from signatures.models import Verdict

register = template.Library()

STYLE = {
    Verdict.VALID: ("text-bg-success", "✔"),
    Verdict.UNTRUSTED: ("text-bg-info", "✔"),
    Verdict.UNSIGNED: ("text-bg-light border", "—"),
    Verdict.EXPIRED: ("text-bg-warning", "!"),
    Verdict.MODIFIED: ("text-bg-danger", "✘"),
    Verdict.INVALID: ("text-bg-danger", "✘"),
    Verdict.REVOKED: ("text-bg-danger", "✘"),
    Verdict.UNREADABLE: ("text-bg-warning", "?"),
}


@register.simple_tag
def signature_badge(submission_file):
    """A badge with the file's signature verdict, the signer and the signing time."""
    try:
        sig = submission_file.signature
    except Exception:  # no verdict stored (not a PDF, or uploaded before verification)
        return ""
    css, mark = STYLE.get(sig.verdict, ("text-bg-secondary", "?"))
    who = ""
    if sig.signer_name:
        who = _("ký bởi %(name)s") % {"name": sig.signer_name}
        if sig.signer_org:
            who += f" ({sig.signer_org})"
        if sig.signed_at:
            who += f", {timezone.localtime(sig.signed_at):%d/%m/%Y %H:%M}"
    return format_html('<span class="badge {} text-wrap text-start" title="{}">{} {}</span>{}',
                       css, sig.revocation, mark, sig.get_verdict_display(),
                       format_html(' <span class="small text-body-secondary">{}</span>', who) if who else "")
