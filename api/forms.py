from django import forms
from django.utils.translation import gettext_lazy as _

from api.services import TOKEN_LIFETIMES
from tasks.forms.base import PortalFormMixin


class TokenForm(PortalFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"), max_length=80,
        help_text=_("Ví dụ: “Phần mềm theo dõi của tỉnh”, để biết mã này dùng ở đâu."),
        error_messages={"required": _("Hãy đặt tên gợi nhớ cho mã truy cập."),
                        "max_length": _("Tên gợi nhớ tối đa 80 ký tự.")},
    )
    days = forms.TypedChoiceField(
        label=_("Thời hạn dùng"), coerce=int, initial=90,
        choices=[(d, _("%(days)s ngày") % {"days": d}) for d in TOKEN_LIFETIMES],
        error_messages={"invalid_choice": _("Hãy chọn một thời hạn trong danh sách.")},
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Hãy đặt tên gợi nhớ cho mã truy cập."), code="required")
        return name
