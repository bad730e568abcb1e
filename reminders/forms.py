import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.channels import channel_labels
from reminders.models import DeliveryStatus, Rule
from tasks.models import Assignment, Unit
from tuson_qp.widgets import FastSelect


class UrgeForm(forms.Form):
    message = forms.CharField(
        label=_("Nội dung đôn đốc"), max_length=2000, strip=True,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        help_text=_("Gửi ngay tới cán bộ của đơn vị, qua thư điện tử và thông báo trên cổng."),
        error_messages={
            "required": _("Hãy nhập nội dung đôn đốc."),
            "max_length": _("Nội dung đôn đốc dài quá %(limit_value)d ký tự (hiện có %(show_value)d)."),
        },
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("client_token", uuid.uuid4())
        super().__init__(*args, **kwargs)


class LogFilterForm(forms.Form):
    q = forms.CharField(label=_("Người nhận hoặc nhiệm vụ"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}))
    rule = forms.ChoiceField(label=_("Quy tắc"), required=False,
                             choices=[("", _("Tất cả"))] + list(Rule.choices),
                             widget=forms.Select(attrs={"class": "form-select"}))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Tất cả"))] + list(DeliveryStatus.choices),
                               widget=forms.Select(attrs={"class": "form-select"}))
    channel = forms.ChoiceField(label=_("Kênh"), required=False,
                                widget=forms.Select(attrs={"class": "form-select"}))
    unit = forms.ModelChoiceField(label=_("Đơn vị"), required=False, queryset=Unit.objects.none(),
                                  empty_label=_("Tất cả"),
                                  widget=FastSelect(attrs={"class": "form-select"}))
    date_from = forms.DateField(label=_("Từ ngày"), required=False,
                                widget=forms.DateInput(attrs={"class": "form-control", "placeholder": "dd/mm/yyyy"}),
                                error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")})
    date_to = forms.DateField(label=_("Đến ngày"), required=False,
                              widget=forms.DateInput(attrs={"class": "form-control", "placeholder": "dd/mm/yyyy"}),
                              error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", _("Tất cả"))] + list(channel_labels().items())
        from accounts import roles

        units = Unit.objects.all()
        if not roles.is_office(user):
            units = units.filter(pk__in=Assignment.objects.visible_to(user, "review").values("unit_id"))
        self.fields["unit"].queryset = units.order_by("kind", "name")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc bằng “Từ ngày”."))
        return data

    def filters(self):
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class UrgeManyForm(forms.Form):
    """One text for several units; {placeholders} are filled per assignment."""

    message = forms.CharField(
        label=_("Nội dung đôn đốc"), max_length=2000, strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
        help_text=_("Ô thay thế: {don_vi} tên đơn vị, {nhiem_vu} nhiệm vụ, {thoi_han} thời hạn, "
                    "{so_ngay_qua_han} số ngày quá hạn."),
        error_messages={
            "required": _("Hãy nhập nội dung đôn đốc."),
            "max_length": _("Nội dung đôn đốc dài quá %(limit_value)d ký tự (hiện có %(show_value)d)."),
        },
    )

    def clean_message(self):
        from reminders.services.urge_texts import check_text

        text = self.cleaned_data["message"]
        problem = check_text(text)
        if problem:
            raise forms.ValidationError(problem)
        return text


class UrgeTemplateForm(UrgeManyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].label = _("Mẫu nội dung đôn đốc")
