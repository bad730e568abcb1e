"""{{ note|note_text }}: an importer message stored in a draft, in the reader's language."""

from django import template

from tuson_qp import notes

register = template.Library()


@register.filter
def note_text(note):
    return notes.note_text(note)
