from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .base import PortalFormMixin, VietnameseDateField


class AcknowledgeForm(PortalFormMixin, forms.Form):
    """Dates the unit received the directive and disseminated it to its Party cells."""

    received_on = VietnameseDateField(label=_("Ngày tiếp nhận"), required=False)
    disseminated_on = VietnameseDateField(label=_("Ngày phổ biến đến các Chi bộ"), required=False)

    def __init__(self, *args, directive, **kwargs):
        super().__init__(*args, **kwargs)
        self.directive = directive

    def _not_before_directive(self, name):
        day = self.cleaned_data.get(name)
        if day and day < self.directive.issued_on:
            raise forms.ValidationError(
                _("Ngày %(day)s trước ngày ban hành %(directive)s (%(issued)s)."), code="before_directive",
                params={"day": date_format(day, "SHORT_DATE_FORMAT"), "directive": self.directive.number_symbol,
                        "issued": date_format(self.directive.issued_on, "SHORT_DATE_FORMAT")})
        return day

    def clean_received_on(self):
        return self._not_before_directive("received_on")

    def clean_disseminated_on(self):
        return self._not_before_directive("disseminated_on")

    def clean(self):
        data = super().clean()
        received, disseminated = data.get("received_on"), data.get("disseminated_on")
        if not self.errors and received is None and disseminated is None:
            raise forms.ValidationError(_("Hãy nhập ngày tiếp nhận hoặc ngày phổ biến."), code="empty")
        if received and disseminated and disseminated < received:
            self.add_error("disseminated_on", forms.ValidationError(
                _("Ngày phổ biến không thể trước ngày tiếp nhận."), code="order"))
        return data
