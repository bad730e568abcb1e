"""What every workflow form shares: Bootstrap classes, invalid fields marked, Vietnamese dates."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class PortalFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            widget = f.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            elif isinstance(widget, forms.HiddenInput):
                continue
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class VietnameseDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (the portal's format); yyyy-mm-dd is accepted too."""

    default_error_messages = {
        "invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/02/2022."),
        "required": _("Hãy nhập ngày."),
    }

    def __init__(self, *, allow_future=False, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"])
        kwargs.setdefault("widget", forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
        ))
        self.allow_future = allow_future
        super().__init__(**kwargs)

    def clean(self, value):
        day = super().clean(value)
        if day and not self.allow_future and day > timezone.localdate():
            raise forms.ValidationError(
                _("Ngày %(day)s là ngày trong tương lai; hãy nhập ngày không sau hôm nay (%(today)s)."),
                code="future",
                params={"day": date_format(day, "SHORT_DATE_FORMAT"),
                        "today": date_format(timezone.localdate(), "SHORT_DATE_FORMAT")},
            )
        return day


class VietnameseDecimalField(forms.DecimalField):
    """A number typed the Vietnamese way (97,5; 1.000,5) or the English way (97.5; 1,000.5).

    With both marks present the last one is the decimal mark; a lone comma is the decimal
    mark (Vietnamese), as is a lone dot; a mark repeated (1.000.000) groups thousands.
    """

    # A text box: a browser's number box drops a comma it cannot parse and sends nothing,
    # so the refusal would not show what was typed.
    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())
            if "," in value and "." in value:
                decimal, group = (",", ".") if value.rfind(",") > value.rfind(".") else (".", ",")
                value = value.replace(group, "").replace(decimal, ".")
            else:
                for mark in (",", "."):
                    if value.count(mark) > 1:
                        value = value.replace(mark, "")
                value = value.replace(",", ".")
        return super().to_python(value)
