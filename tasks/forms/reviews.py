from django import forms
from django.utils.translation import gettext_lazy as _

from tasks.models import Submission
from tuson_qp.widgets import FastSelect

from .base import PortalFormMixin


class ReviewForm(PortalFormMixin, forms.Form):
    """Accept or return: the decision comes from the button pressed (name="decision")."""

    DECISIONS = [("accept", _("Chấp nhận")), ("return", _("Trả lại để hoàn thiện"))]

    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.HiddenInput,
                                 error_messages={"required": _("Hãy chọn chấp nhận hoặc trả lại.")})
    comment = forms.CharField(
        label=_("Ý kiến thẩm định"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bắt buộc khi trả lại: ghi rõ điểm cần hoàn thiện."),
    )
    complete = forms.BooleanField(
        label=_("Hoàn thành nhiệm vụ khi chấp nhận"), required=False,
        help_text=_("Nghị quyết, kế hoạch, báo cáo kết quả và minh chứng mặc định hoàn thành nhiệm vụ; "
                    "báo cáo tiến độ mặc định chỉ ghi nhận tiến độ."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", forms.ValidationError(
                _("Khi trả lại văn bản phải ghi rõ ý kiến để đơn vị hoàn thiện."), code="required"))
        return data


class ReviewQueueFilterForm(PortalFormMixin, forms.Form):
    """GET filters of the review queue, so a filtered queue can be bookmarked."""

    # Every unit the reviewer follows (500 in a province): drawn without templates.
    unit = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None,
                                  widget=FastSelect)
    directive = forms.TypedChoiceField(label=_("Văn bản chỉ đạo"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Loại văn bản"), required=False,
                             choices=[("", _("Tất cả"))] + list(Submission.Kind.choices))
    signature = forms.ChoiceField(label=_("Chữ ký số"), required=False, choices=[
        ("", _("Tất cả")), ("signed", _("Có chữ ký số toàn vẹn")), ("unsigned", _("Chưa có chữ ký số"))])

    def __init__(self, *args, units=(), directives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("Tất cả"))] + list(units)  # (pk, name shown)
        self.fields["directive"].choices = [("", _("Tất cả"))] + [(d.pk, str(d)) for d in directives]
        for f in self.fields.values():
            f.widget.attrs["class"] += " form-select-sm"

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"unit_id": data.get("unit"), "directive_id": data.get("directive"), "kind": data.get("kind") or None,
                "signature": data.get("signature") or None}
