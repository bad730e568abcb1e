"""Widgets and a bound field drawn in Python: a draft page has hundreds of fields."""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class QuickOptions:
    """Options drawn in Python, with the markup of Django's templates: a draft has dozens of unit
    lists, and one template per option made the page slow to draw."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        parts = [format_html("<select name=\"{}\"{}>", name, flatatt(context["attrs"]))]
        for group, options, _index in context["optgroups"]:
            if group:
                parts.append(format_html("<optgroup label=\"{}\">", group))
            parts += [format_html("<option value=\"{}\"{}>{}</option>", o["value"],
                                  mark_safe(" selected") if o["selected"] else "", o["label"]) for o in options]
            if group:
                parts.append(mark_safe("</optgroup>"))
        parts.append(mark_safe("</select>"))
        return mark_safe("".join(parts))


class QuickSelect(QuickOptions, forms.Select):
    pass


class UnitSelect(QuickOptions, forms.SelectMultiple):
    pass


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Inline Bootstrap checkboxes drawn in Python (group shortcuts, cited documents)."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        parts = []
        for _group, options, _index in context["optgroups"]:
            for o in options:
                attrs = dict(o["attrs"], **{"class": "form-check-input"})
                parts.append(format_html(
                    "<div class=\"form-check form-check-inline\"><input type=\"checkbox\" name=\"{}\" "
                    "value=\"{}\"{}><label class=\"form-check-label\" for=\"{}\">{}</label></div>",
                    name, o["value"], flatatt(attrs), attrs.get("id", ""), o["label"]))
        return mark_safe("".join(parts))


class FieldRow(BoundField):
    """`{{ form.field.row }}`: label, control, help and errors in one block, drawn in Python (a draft
    page has hundreds of fields). Django's aria-describedby points at the help and the errors."""

    def _errors(self):
        if not self.errors:
            return ""
        return format_html("<div class=\"invalid-feedback d-block\" id=\"{}_error\">{}</div>", self.auto_id,
                           format_html_join("", "<div>{}</div>", ((e,) for e in self.errors)))

    def _block(self, css):
        widget = self.field.widget
        if isinstance(widget, forms.CheckboxInput):
            return format_html("<div class=\"form-check {}\">{} <label class=\"form-check-label\" for=\"{}\">{}</label>{}</div>",
                               css, self.as_widget(), self.id_for_label, self.label, self._errors())
        if isinstance(widget, forms.CheckboxSelectMultiple):
            described = format_html(" aria-describedby=\"{}_error\"", self.auto_id) if self.errors else ""
            control = self.as_widget() if self.field.choices else format_html(
                "<span class=\"text-body-secondary small\">{}</span>", _("(không có)"))
            return format_html("<fieldset class=\"{}\"{}><legend class=\"form-label fs-6 mb-1\">{}</legend>{}{}</fieldset>",
                               css, described, self.label, control, self._errors())
        help_text = format_html("<div class=\"form-text\" id=\"{}_helptext\">{}</div>", self.auto_id,
                                self.help_text) if self.help_text else ""
        return format_html("<div class=\"{}\"><label class=\"form-label\" for=\"{}\">{}</label>{}{}{}</div>",
                           css, self.id_for_label, self.label, self.as_widget(), help_text, self._errors())

    @property
    def row(self):
        return self._block("mb-2")

    @property
    def tight_row(self):
        return self._block("mb-0")


class RowsMixin:
    bound_field_class = FieldRow
