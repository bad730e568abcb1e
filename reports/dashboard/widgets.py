"""A <select> and <input>s rendered in Python. Django renders each <option> and each input
through its own templates: on the dashboard's filter form, with hundreds of wards at
province scale, that was a quarter of the page's time (docs/performance.md). Same markup,
same attributes, one string."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


def _escaped(value):
    """conditional_escape's text: what is safe already (has __html__) as it is, the rest
    escaped, without Django's per-call check for lazy strings (hundreds of options)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


class FastSelect(forms.Select):
    """forms.Select for flat choices (no option groups), rendered without templates."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = "".join(
            f'<option value="{_escaped(v)}"{" selected" if str(v) in selected else ""}>{_escaped(label)}</option>'
            for v, label in self.choices)
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")


class FastInputMixin:
    """An <input> widget rendered as Django's input.html renders it: type, name, the value
    when there is one, then the attributes."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        shown = self.format_value(value)
        value_attr = "" if shown is None else f' value="{_escaped(shown)}"'
        return mark_safe(f'<input type="{self.input_type}" name="{_escaped(name)}"{value_attr}{flatatt(final)}>')


class FastDateInput(FastInputMixin, forms.DateInput):
    pass


class FastHiddenInput(FastInputMixin, forms.HiddenInput):
    pass
