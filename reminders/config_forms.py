from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.models import ReminderPolicy


class PolicyForm(forms.ModelForm):
    """The directive's reminder settings. "Pause" is the inverse of is_active, as people say it."""

    paused = forms.BooleanField(label=_("Tạm dừng nhắc việc tự động của văn bản này"), required=False,
                                help_text=_("Đôn đốc thủ công vẫn gửi được khi tạm dừng."))

    class Meta:
        model = ReminderPolicy
        fields = ["days_before", "on_due_day", "overdue_every_days", "escalate_after_days",
                  "returned_after_days", "explanation_after_days"]
        error_messages = {
            name: {"invalid": _("Hãy nhập một số nguyên."),
                   "max_value": _("Số ngày tối đa là %(limit_value)s."),
                   "min_value": _("Số ngày không thể âm."),
                   "required": _("Hãy nhập số ngày (0 nếu không dùng).")}
            for name in ["overdue_every_days", "escalate_after_days", "returned_after_days", "explanation_after_days"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paused"].initial = not self.instance.is_active
        for name, field in self.fields.items():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            field.widget.attrs.setdefault("class", css)
            if isinstance(field, forms.IntegerField):
                field.widget.attrs.update({"inputmode": "numeric", "min": 0})

    def values(self):
        data = dict(self.cleaned_data)
        data["is_active"] = not data.pop("paused")
        return data


class DigestTimeForm(forms.Form):
    time = forms.TimeField(
        label=_("Giờ gửi thư tổng hợp hằng ngày"), input_formats=["%H:%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "form-control", "placeholder": "07:30",
                                                      "inputmode": "numeric"}),
        help_text=_("Áp dụng cho mọi văn bản; dạng giờ:phút, ví dụ 07:30."),
        error_messages={"invalid": _("Hãy nhập giờ theo dạng giờ:phút, ví dụ 07:30."),
                        "required": _("Hãy nhập giờ gửi.")},
    )
