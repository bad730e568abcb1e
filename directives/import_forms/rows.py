"""The draft's tables (cited documents, distribution) and the publishing form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directives.import_services import labels
from directives.models import CitedDocument, Directive, Recipient
from tasks.forms.base import PortalFormMixin, VietnameseDateField

from .widgets import RowsMixin


class DocumentForm(RowsMixin, PortalFormMixin, forms.Form):
    doc_type = forms.ChoiceField(required=False, choices=[("", _("— loại —"))] + CitedDocument.DocType.choices)
    number = forms.CharField(max_length=80, required=False)
    issued_on = VietnameseDateField(allow_future=True, required=False)
    issuer = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            f.label = labels.DOCUMENT[name]

    def clean(self):
        data = super().clean()
        if any(data.get(k) for k in ("doc_type", "number", "issued_on", "issuer", "title")):
            if not data.get("number"):
                self.add_error("number", _("Hãy ghi số, ký hiệu của văn bản (hoặc xóa dòng này)."))
            if not data.get("doc_type"):
                self.add_error("doc_type", _("Hãy chọn loại văn bản."))
        return data

    def values(self):
        d = self.cleaned_data
        if not d.get("number"):
            return None
        return {"doc_type": d["doc_type"], "number": d["number"], "issuer": d["issuer"], "title": d["title"],
                "issued_on": d["issued_on"].isoformat() if d["issued_on"] else None}


class RecipientForm(RowsMixin, PortalFormMixin, forms.Form):
    recipient = forms.CharField(max_length=200, required=False)
    purpose = forms.ChoiceField(required=False, choices=[("", _("— chọn —"))] + Recipient.Purpose.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            f.label = labels.RECIPIENT[name]

    def clean(self):
        data = super().clean()
        if data.get("recipient") and not data.get("purpose"):
            self.add_error("purpose", _("Hãy chọn b/c, t/h hoặc lưu."))
        if data.get("purpose") and not data.get("recipient"):
            self.add_error("recipient", _("Hãy ghi nơi nhận (hoặc xóa dòng này)."))
        return data

    def values(self):
        d = self.cleaned_data
        return {"recipient": d["recipient"], "purpose": d["purpose"]} if d.get("recipient") else None


DocumentFormSet = forms.formset_factory(DocumentForm, extra=1, can_delete=True)
RecipientFormSet = forms.formset_factory(RecipientForm, extra=1, can_delete=True)


class PublishForm(PortalFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Sau khi tạo, văn bản ở trạng thái"), widget=forms.RadioSelect,
        choices=[(Directive.Status.PUBLISHED, _("Đã ban hành — giao nhiệm vụ cho các đơn vị ngay")),
                 (Directive.Status.DRAFT, _("Dự thảo — chỉ Văn phòng Thành ủy xem, chưa giao cho đơn vị"))],
        error_messages={"required": _("Hãy chọn trạng thái của văn bản sau khi tạo.")},
    )
