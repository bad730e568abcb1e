"""Render a form field the accessible Bootstrap way: label, widget, help and errors tied
together with aria-describedby, `is-invalid` on error."""

from django import forms, template

register = template.Library()


def _default_class(field):
    """Bootstrap's class for a widget that has none (Django's own auth forms)."""
    if field.widget_type in ("checkbox", "radioselect", "checkboxselectmultiple"):
        return "form-check-input" if field.widget_type == "checkbox" else ""
    if isinstance(field.field.widget, forms.Select):
        return "form-select"
    return "form-control"


@register.inclusion_tag("accounts/_field.html")
def form_field(field, css_class=""):
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
    attrs = {}
    classes = field.field.widget.attrs.get("class", "") or _default_class(field)
    if field.errors:
        classes = f"{classes} is-invalid".strip()
        attrs["aria-invalid"] = "true"
    if classes:
        attrs["class"] = classes
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return {
        "field": field,
        "widget": field.as_widget(attrs=attrs),
        "is_checkbox": field.widget_type == "checkbox",
        "css_class": css_class,
    }


@register.inclusion_tag("includes/required_note.html")
def required_note(*forms):
    """"Ô có dấu * là bắt buộc." at the top of a form that has a required field shown."""
    shown = any(f.field.required and not f.is_hidden for form in forms if form for f in form)
    return {"shown": shown}
