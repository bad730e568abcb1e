from django.utils import timezone

from notifications.models import Notification
from tuson_qp.notes import Note, note_data


def notify(recipients, kind, title, *, body="", url=""):
    """Put an item under the bell of each active recipient. Returns the notifications made.

    `title` and `body`: a tuson_qp.notes.Note (shown in each reader's language) or plain text
    (what someone wrote: a comment, a reason, shown as written)."""
    texts = {"title": str(title)[:300], "body": str(body),
             "title_note": note_data(title) if isinstance(title, Note) else {},
             "body_note": note_data(body) if isinstance(body, Note) else {}}
    items = [
        Notification(recipient=user, kind=kind, url=url, **texts)
        for user in {u.pk: u for u in recipients if u.is_active}.values()
    ]
    return Notification.objects.bulk_create(items)


def mark_read(user, ids=None):
    """Mark the user's unread items read (all of them, or those in `ids`); returns how many."""
    qs = Notification.objects.visible_to(user).unread()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def unread_count(request):
    """The bell's number: one query per request however often a template asks."""
    user = request.user
    if not user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = Notification.objects.visible_to(user).unread().count()
    return request._unread_notifications
