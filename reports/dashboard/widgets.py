"""A <select> rendered in Python. Django renders each <option> through its own template: on
the dashboard's filter form, with hundreds of wards at province scale, that was a quarter of
the page's time (docs/performance.md). Same markup, same attributes, one string."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """forms.Select for flat choices (no option groups), rendered without templates."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "", "<option value=\"{}\"{}>{}</option>",
            ((str(v), mark_safe(" selected") if str(v) in selected else "", label)
             for v, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)
