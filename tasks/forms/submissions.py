"""The unit's submission: the document's particulars and its files."""

import uuid
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from signatures.checks import signature_refusal, verify_upload
from tasks import symbols
from tasks.expectations import FORMAL_KINDS, SYMBOL_EXAMPLES, SYMBOL_TYPES, expected_kind
from tasks.models import Submission
from tasks.uploads import FileRefused, inspect_upload
from tasks.uploads.kinds import ACCEPT_ATTRIBUTE, ACCEPTED_LABEL

from .base import PortalFormMixin, VietnameseDateField, VietnameseDecimalField

Kind = Submission.Kind


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input. Empty files pass here so the inspection can name them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            data = [d for d in data if d]
            if not data:
                return super().clean(None, initial)
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else super().clean(data, initial)


class SubmissionForm(PortalFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=Kind.choices)
    number_symbol = forms.CharField(
        label=_("Số và ký hiệu"), max_length=60, required=False,
        help_text=_("Ví dụ: 05-NQ/ĐU, 12-KH/ĐU, 15-BC/ĐUQS (văn bản của Đảng); 12/KH-UBND (văn bản của Nhà nước)."),
    )
    issued_on = VietnameseDateField(label=_("Ngày ban hành"), required=False)
    signer = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    summary = forms.CharField(
        label=_("Trích yếu, nội dung chính"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi trích yếu hoặc nội dung chính của văn bản.")},
    )
    reported_value = VietnameseDecimalField(
        label=_("Kết quả đạt được"), required=False, max_digits=12, decimal_places=2,
        min_value=Decimal("0"),
        error_messages={"invalid": _("Hãy nhập một số, ví dụ 100 hoặc 97,5."),
                        "min_value": _("Kết quả không thể là số âm."),
                        "max_decimal_places": _("Chỉ ghi tối đa 2 chữ số sau dấu phẩy.")},
    )
    files = MultipleFileField(
        label=_("Tệp đính kèm"),
        help_text=_("Một hoặc nhiều tệp %(types)s, mỗi tệp tối đa %(mb)s MB."),
        error_messages={"required": _("Hãy chọn ít nhất một tệp đính kèm.")},
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, assignment, **kwargs):
        self.assignment = assignment
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("kind", expected_kind(assignment.task, assignment.unit))
        kwargs["initial"].setdefault("client_token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.inspected = []
        files = self.fields["files"]
        files.help_text = files.help_text % {"types": ACCEPTED_LABEL, "mb": settings.TUSON_MAX_UPLOAD_MB}
        files.widget.attrs.update({
            "accept": ACCEPT_ATTRIBUTE,
            "data-max-bytes": settings.TUSON_MAX_UPLOAD_MB * 1024 * 1024,
            "data-max-files": settings.TUSON_MAX_UPLOAD_FILES,
        })
        task = assignment.task
        if task.target_value is None:
            del self.fields["reported_value"]
        else:
            target = f"{task.target_value.normalize():f} {task.target_unit}".strip()
            self.fields["reported_value"].help_text = _("Chỉ tiêu giao: %(target)s.") % {"target": target}
            if task.target_unit:
                self.fields["reported_value"].label = _("Kết quả đạt được (%(unit)s)") % {"unit": task.target_unit}
        self.fields["summary"].widget.attrs["maxlength"] = 5000
        # Required for every kind but "other evidence": marked up front, not only after an error
        # (static/js/tasks-suggest.js follows the chosen kind).
        formal = " ".join(sorted(FORMAL_KINDS))
        for name in ("number_symbol", "issued_on", "signer"):
            self.fields[name].required_for_kinds = formal
            self.fields[name].widget.attrs["data-required-for"] = formal

    def clean_number_symbol(self):
        value = self.cleaned_data.get("number_symbol", "")
        if not value.strip():
            return ""
        parsed = symbols.parse(value)
        if parsed is None:
            raise forms.ValidationError(
                _("Số và ký hiệu “%(value)s” không đúng mẫu. Văn bản của Đảng viết như 05-NQ/ĐU, "
                  "03-CT/TU, 15-BC/ĐUQS; văn bản của Nhà nước viết như 12/KH-UBND, 45/2022/NĐ-CP."),
                code="format", params={"value": value.strip()},
            )
        if parsed.number == 0:
            raise forms.ValidationError(_("Số văn bản phải lớn hơn 0."), code="zero")
        self.parsed_symbol = parsed
        return parsed.text

    def clean_issued_on(self):
        day = self.cleaned_data.get("issued_on")
        directive = self.assignment.task.directive
        if day and day < directive.issued_on:
            raise forms.ValidationError(
                _("Ngày ban hành %(day)s trước ngày ban hành %(directive)s (%(issued)s); hãy kiểm tra lại."),
                code="before_directive",
                params={"day": date_format(day, "SHORT_DATE_FORMAT"), "directive": directive.number_symbol,
                        "issued": date_format(directive.issued_on, "SHORT_DATE_FORMAT")},
            )
        return day

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        limit = settings.TUSON_MAX_UPLOAD_FILES
        if len(uploads) > limit:
            raise forms.ValidationError(
                _("Mỗi lần nộp tối đa %(limit)s tệp; bạn đã chọn %(count)s tệp."),
                code="too_many", params={"limit": limit, "count": len(uploads)},
            )
        errors, inspected, seen = [], [], {}
        for upload in uploads:
            try:
                item = inspect_upload(upload)
            except FileRefused as refusal:
                errors.extend(refusal.messages)
                continue
            if item.sha256 in seen:
                errors.append(_("Tệp “%(name)s” trùng nội dung với tệp “%(other)s”.")
                              % {"name": item.original_name, "other": seen[item.sha256]})
                continue
            seen[item.sha256] = item.original_name
            item.signature = verify_upload(item)
            inspected.append(item)
        if errors:
            raise forms.ValidationError(errors)
        self.inspected = inspected
        return uploads

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in FORMAL_KINDS:
            label = Kind(kind).label
            required = {
                "number_symbol": _("%(kind)s phải có số và ký hiệu."),
                "issued_on": _("%(kind)s phải có ngày ban hành."),
                "signer": _("%(kind)s phải ghi người ký."),
            }
            for name, message in required.items():
                if name not in self.errors and not data.get(name):
                    self.add_error(name, forms.ValidationError(message % {"kind": label}, code="required"))
        parsed = getattr(self, "parsed_symbol", None)
        if kind in SYMBOL_TYPES and parsed is not None and parsed.type_code not in SYMBOL_TYPES[kind]:
            self.add_error("number_symbol", forms.ValidationError(
                _("Ký hiệu “%(symbol)s” không khớp loại văn bản “%(kind)s”; ví dụ đúng: %(example)s."),
                code="kind_mismatch",
                params={"symbol": parsed.text, "kind": Kind(kind).label, "example": SYMBOL_EXAMPLES[kind]},
            ))
        if kind and self.inspected and "files" not in self.errors:
            refusal = signature_refusal(self.assignment.task, kind, self.inspected)
            if refusal:
                self.add_error("files", forms.ValidationError(refusal, code="signature_required"))
        if ("reported_value" in self.fields and kind == Kind.FINAL and data.get("reported_value") is None
                and "reported_value" not in self.errors):
            self.add_error("reported_value", forms.ValidationError(
                _("Báo cáo kết quả của nhiệm vụ có chỉ tiêu phải ghi kết quả đạt được."), code="required"))
        return data

    def submission_data(self):
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "number_symbol": data.get("number_symbol", ""),
            "issued_on": data.get("issued_on"),
            "signer": " ".join((data.get("signer") or "").split()),
            "summary": data["summary"].strip(),
            "reported_value": data.get("reported_value"),
        }
