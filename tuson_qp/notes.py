"""Messages stored for someone to read later, in that reader's language.

A Note is a ``str``: its Vietnamese text, so code, logs and tests read it as a plain string.
It also keeps its message template (Vietnamese, marked for translation with gettext_noop, so
makemessages finds it) and the values that fill it. Stored with note_data (JSON) beside the
text, it is shown with note_text in the language of whoever reads it, not of whoever caused it:
the importer's warnings and refusals (a draft is read by other officers, later), the
notifications under the bell (notifications.Notification.title_note).

    note = Note(gettext_noop("Không tìm thấy danh sách Nơi nhận."))
    note.translated()          # in the active language
    data = note_data(note)     # JSON;  note_text(data): translated again

Values are kept as given: quotations of a document, unit names and task keys are the
document's own words and are not translated. A value may itself be a Note (translated with
the rest; label_note for a choice's label) or a list (joined with ", ").
"""

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

__all__ = ["Note", "gettext_noop", "label_note", "note_data", "note_from_data", "note_text"]


def _fill(template, params, text):
    if not params:
        return template
    return template % {name: _value(value, text) for name, value in params.items()}


def _value(value, text):
    if isinstance(value, Note):
        return text(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_value(item, text)) for item in value)
    return value


class Note(str):
    """A message: `template` % `params`, in Vietnamese as a str, translatable as a whole.

    `for_tasks` (task keys) and `each` (the Note to show on each of them) tell the draft
    where the message belongs; `per_task` ({task key: [unit keys or @groups]}) carries the
    units proposed task by task, for the draft to name (directives.import_services.drafts)."""

    template: str
    params: dict

    def __new__(cls, template, *, for_tasks=(), each=None, per_task=None, **params):
        note = super().__new__(cls, _fill(template, params, str))
        note.template, note.params = template, params
        note.for_tasks, note.each, note.per_task = list(for_tasks), each, per_task or {}
        return note

    def translated(self):
        return _fill(gettext(self.template), self.params, Note.translated)


def label_note(label):
    """A translatable label (gettext_lazy, e.g. a choice's `.label`) as a Note of its Vietnamese
    source, to be a value of another Note and translated with it."""
    with translation.override("vi"):
        return Note(str(label))


def note_data(note):
    """What a draft stores of a message (JSON): a Note's template and values, else the text."""
    if not isinstance(note, Note):
        return str(note)
    return {"text": str(note), "template": note.template,
            "params": {name: _data(value) for name, value in note.params.items()}}


def _data(value):
    if isinstance(value, Note):
        return note_data(value)
    if isinstance(value, (list, tuple)):
        return [_data(item) for item in value]
    return value


def note_from_data(data):
    if not isinstance(data, dict):
        return Note(str(data))
    return Note(data["template"], **{name: _from(value) for name, value in (data.get("params") or {}).items()})


def _from(value):
    if isinstance(value, dict):
        return note_from_data(value)
    if isinstance(value, list):
        return [_from(item) for item in value]
    return value


def note_text(data):
    """A stored message (note_data) or a Note in the active language. Plain text, as drafts
    made before messages were stored with their template keep them, is shown as it is."""
    if isinstance(data, Note):
        return data.translated()
    if isinstance(data, dict) and "template" in data:
        return note_from_data(data).translated()
    return str(data or "")
