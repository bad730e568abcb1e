from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .base import PortalFormMixin, VietnameseDateField


class ExtensionRequestForm(PortalFormMixin, forms.Form):
    requested_due_date = VietnameseDateField(label=_("Đề nghị gia hạn đến ngày"), allow_future=True,
                                             error_messages={"required": _("Hãy nhập ngày đề nghị gia hạn đến.")})
    reason = forms.CharField(label=_("Lý do"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Hãy nêu lý do đề nghị gia hạn.")})

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.fields["requested_due_date"].help_text = _("Phải sau thời hạn hiện tại (%(date)s).") % {
            "date": date_format(assignment.due_date, "SHORT_DATE_FORMAT")}

    def clean_requested_due_date(self):
        day = self.cleaned_data["requested_due_date"]
        if day <= self.assignment.due_date:
            raise forms.ValidationError(
                _("Thời hạn đề nghị phải sau thời hạn hiện tại (%(date)s)."), code="not_later",
                params={"date": date_format(self.assignment.due_date, "SHORT_DATE_FORMAT")})
        return day


class ExtensionDecisionForm(PortalFormMixin, forms.Form):
    DECISIONS = [("approve", _("Đồng ý gia hạn")), ("reject", _("Không đồng ý"))]

    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Ý kiến"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Bắt buộc khi không đồng ý."))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("comment") or "").strip():
            self.add_error("comment", forms.ValidationError(
                _("Khi không đồng ý gia hạn phải ghi rõ lý do."), code="required"))
        return data


class ExplanationRequestForm(PortalFormMixin, forms.Form):
    question = forms.CharField(label=_("Nội dung yêu cầu giải trình"), max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               error_messages={"required": _("Hãy ghi nội dung cần đơn vị giải trình.")})


class ExplanationAnswerForm(PortalFormMixin, forms.Form):
    answer = forms.CharField(label=_("Nội dung giải trình"), max_length=10000,
                             widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": _("Hãy ghi nội dung giải trình.")})
