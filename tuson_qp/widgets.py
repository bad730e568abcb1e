"""Form widgets drawn in Python rather than through the template renderer.

Django draws each <option> of a <select> through two template includes: a filter listing
the province's 500 units took a third of the review queue's and the audit trail's time.
FastSelect writes the same markup directly; FastDateInput and FastHiddenInput do the same for
an <input> (the dashboard's filter form, drawn on every page of it).
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A single <select> with the markup of forms.Select (its attributes, option groups, the
    first option holding the value selected), written without templates."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        wanted = set(self.format_value(value))
        parts, chosen = [], False

        def option(option_value, label):
            nonlocal chosen
            text = "" if option_value is None else str(option_value)
            selected = ""
            if not chosen and text in wanted:
                chosen, selected = True, " selected"
            return f'<option value="{escape(text)}"{selected}>{conditional_escape(label)}</option>'

        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                inner = "".join(option(v, lbl) for v, lbl in label)
                parts.append(f'<optgroup label="{conditional_escape(option_value)}">{inner}</optgroup>')
            else:
                parts.append(option(option_value, label))
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe("".join(parts)))


class FastInputMixin:
    """An <input> widget rendered as Django's input.html renders it: type, name, the value
    when there is one, then the attributes."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        shown = self.format_value(value)
        value_attr = "" if shown is None else f' value="{conditional_escape(shown)}"'
        name = conditional_escape(name)
        return mark_safe(f'<input type="{self.input_type}" name="{name}"{value_attr}{flatatt(final)}>')


class FastDateInput(FastInputMixin, forms.DateInput):
    pass


class FastHiddenInput(FastInputMixin, forms.HiddenInput):
    pass
