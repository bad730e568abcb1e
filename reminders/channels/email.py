from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _


# Django waits for ever on a mail server that accepts the connection and never answers
# (EMAIL_TIMEOUT defaults to None): the worker would hang holding the dispatch's row lock, and
# no error means no retry. Without EMAIL_TIMEOUT, a send gives up after this many seconds
# with a socket timeout, which the task retries with backoff (RETRYABLE_ERRORS).
DEFAULT_TIMEOUT_SECONDS = 30


def mail_timeout():
    return getattr(settings, "EMAIL_TIMEOUT", None) or DEFAULT_TIMEOUT_SECONDS


class EmailChannel:
    """Vietnamese HTML and plain-text mail: the daily digest, escalations, urges."""

    name = "email"
    label = _("Thư điện tử")
    daily_digest = True

    def can_reach(self, user):
        return bool(user.email)

    def send(self, bundle):
        with translation.override(settings.LANGUAGE_CODE):
            context = bundle.context()
            subject = " ".join(str(bundle.subject).split())
            text = render_to_string(f"reminders/email/{bundle.kind}.txt", context)
            html = render_to_string(f"reminders/email/{bundle.kind}.html", context)
        message = EmailMultiAlternatives(
            subject, text, settings.DEFAULT_FROM_EMAIL, [bundle.recipient.email],
            connection=get_connection(fail_silently=False, timeout=mail_timeout()),
            headers={
                # Stable per dispatch: should a send be repeated after a crash (see
                # docs/performance.md), mail clients fold the two copies into one.
                "Message-ID": f"<reminder-{bundle.dispatch_id}@{settings.REMINDER_MESSAGE_ID_DOMAIN}>",
                "X-Tuson-Dispatch": str(bundle.dispatch_id),
            },
        )
        message.attach_alternative(html, "text/html")
        message.send(fail_silently=False)
