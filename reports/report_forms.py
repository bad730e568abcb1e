"""The request form of a PDF report: what, about which directive (and unit), as of when,
and the Party document header the requester signs off."""

import unicodedata
from datetime import date

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directives.models import Directive
from reports.models import Report
from reports.pdf.header import Header
from reports.report_querysets import whole_directive_ids
from tasks.models import Assignment, Unit
from tuson_qp.widgets import FastSelect

MAX_RECIPIENTS = 30
SECTION_MAX = 20000


def _nfc(value):
    return unicodedata.normalize("NFC", value or "").strip()


def reportable_directives(user):
    """Directives the user may report on: all their data, or their own units' work."""
    from accounts.permissions import unit_ids_q

    with_own_work = Assignment.objects.filter(unit_ids_q(user)).values("task__directive_id")
    return Directive.objects.visible_to(user, "view").filter(
        Q(pk__in=whole_directive_ids(user)) | Q(pk__in=with_own_work)
    ).order_by("-issued_on", "key")


def may_see_whole(user, directive):
    return Directive.objects.filter(pk__in=whole_directive_ids(user), pk=directive.pk).exists()


def reportable_units(user, directive):
    """Units whose report the user may ask for on `directive`."""
    from accounts.permissions import unit_ids_q

    with_work = Assignment.objects.filter(task__directive=directive).values("unit_id")
    units = Unit.objects.filter(pk__in=with_work)
    if not may_see_whole(user, directive):
        units = units.filter(unit_ids_q(user, field="pk"))
    return units.order_by("kind", "name")


def kinds_for(user, directive):
    if directive is not None and may_see_whole(user, directive):
        return list(Report.Kind.choices)
    return [(Report.Kind.UNIT.value, Report.Kind.UNIT.label)]


class ReportChoiceForm(forms.Form):
    """Step 1 (GET): what to report on. Choosing fills the header form with its defaults."""

    kind = forms.ChoiceField(label=_("Loại báo cáo"), widget=forms.RadioSelect)
    directive = forms.ModelChoiceField(label=_("Văn bản"), queryset=Directive.objects.none(),
                                       empty_label=None)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị (với báo cáo của một đơn vị)"), queryset=Unit.objects.none(),
        required=False, widget=FastSelect,  # every unit of a province: 500 options
    )
    as_of = forms.DateField(
        label=_("Số liệu tính đến ngày"), required=False,
        help_text=_("Nội dung các phần I–III được soạn sẵn theo số liệu đến ngày này."),
    )

    def __init__(self, *args, user, directive, **kwargs):
        kwargs.setdefault("auto_id", "choice_%s")  # the request form below has the same names
        super().__init__(*args, **kwargs)
        self.fields["as_of"].widget.format = "%d/%m/%Y"
        self.fields["as_of"].widget.attrs.update({"inputmode": "numeric", "placeholder": "dd/mm/yyyy",
                                                  "class": "form-control"})
        self.fields["directive"].queryset = reportable_directives(user)
        self.fields["kind"].choices = kinds_for(user, directive)
        self.fields["unit"].queryset = reportable_units(user, directive)
        self.fields["directive"].widget.attrs["class"] = "form-select"
        self.fields["unit"].widget.attrs["class"] = "form-select"


class ReportRequestForm(forms.Form):
    """Step 2 (POST): the "as of" date and the header; the choice of step 1 rides along hidden
    and is checked again here."""

    kind = forms.ChoiceField(label=_("Loại báo cáo"), widget=forms.HiddenInput)
    directive = forms.ModelChoiceField(label=_("Văn bản"), queryset=Directive.objects.none(),
                                       widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(),
                                  required=False, widget=forms.HiddenInput)
    as_of = forms.DateField(label=_("Số liệu tính đến ngày"), widget=forms.HiddenInput)
    report_date = forms.DateField(label=_("Ngày ký báo cáo"),
                                  help_text=_("In trên dòng địa danh, ngày tháng."))
    parent_organ = forms.CharField(label=_("Cơ quan cấp trên"), max_length=200)
    issuing_organ = forms.CharField(label=_("Cơ quan ban hành báo cáo"), max_length=200)
    number = forms.CharField(
        label=_("Số và ký hiệu"), max_length=60,
        help_text=_("Ví dụ 15-BC/ĐUQS. Để trống phần số (-BC/ĐUQS) nếu văn thư sẽ ghi tay."),
    )
    place = forms.CharField(label=_("Địa danh"), max_length=100)
    document_type = forms.CharField(label=_("Tên loại văn bản"), max_length=60)
    title = forms.CharField(label=_("Trích yếu"), max_length=500,
                            widget=forms.Textarea(attrs={"rows": 2}))
    signer_authority = forms.CharField(
        label=_("Thẩm quyền ký"), max_length=100,
        help_text=_("Ví dụ: T/M ĐẢNG ỦY, K/T BÍ THƯ, T/L BAN THƯỜNG VỤ."),
    )
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=100)
    signer_name = forms.CharField(
        label=_("Họ và tên người ký"), max_length=100, required=False,
        help_text=_("Bắt buộc với bản chính thức; bản dự thảo có thể để trống."),
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng một nơi nhận, ví dụ: Thường trực Tỉnh ủy (b/c)."),
    )
    final = forms.BooleanField(
        label=_("Bản chính thức (có họ tên người ký; chỉ bản chính thức mới gửi được)"), required=False,
        help_text=_("Để trống: bản dự thảo, có dòng “DỰ THẢO” ở đầu văn bản."),
    )
    # Sections I–IV (reports.pdf.sections): drafted from the data, edited here.
    results = forms.CharField(
        label=_("I. Kết quả thực hiện"), max_length=SECTION_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Mỗi dòng là một đoạn văn. Đã soạn sẵn theo số liệu; sửa tùy ý."),
    )
    limitations = forms.CharField(
        label=_("II. Hạn chế, nguyên nhân"), max_length=SECTION_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    next_tasks = forms.CharField(
        label=_("III. Nhiệm vụ trọng tâm thời gian tới"), max_length=SECTION_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    proposals = forms.CharField(
        label=_("IV. Đề xuất, kiến nghị"), max_length=SECTION_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Để trống nếu không có: mục IV sẽ không in. Ví dụ: đề nghị Ban Thường vụ Thành ủy "
                    "chỉ đạo các đơn vị còn chậm…"),
    )
    SECTIONS = ("results", "limitations", "next_tasks", "proposals")

    UPPER = ("parent_organ", "issuing_organ", "document_type", "signer_authority", "signer_position")

    def __init__(self, *args, user, directive=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["directive"].queryset = reportable_directives(user)
        chosen = self._chosen_directive(directive)
        self.fields["kind"].choices = kinds_for(user, chosen)
        self.fields["unit"].queryset = reportable_units(user, chosen) if chosen else Unit.objects.none()
        for name in ("as_of", "report_date"):
            self.fields[name].widget.format = "%d/%m/%Y"
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "placeholder": "dd/mm/yyyy"})
        for field in self.fields.values():
            if not isinstance(field.widget, (forms.HiddenInput, forms.CheckboxInput)):
                field.widget.attrs.setdefault("class", "form-control")

    def _chosen_directive(self, directive):
        if self.is_bound:
            try:
                return self.fields["directive"].queryset.get(pk=self.data.get("directive"))
            except (Directive.DoesNotExist, ValueError, TypeError):
                return None
        return directive

    def clean_recipients(self):
        lines = [_nfc(line) for line in self.cleaned_data["recipients"].splitlines()]
        lines = [line for line in lines if line.strip("-–,;. ")]
        if not lines:
            raise forms.ValidationError(_("Cần ít nhất một nơi nhận."))
        if len(lines) > MAX_RECIPIENTS:
            raise forms.ValidationError(
                _("Tối đa %(n)s nơi nhận.") % {"n": MAX_RECIPIENTS})
        if any(len(line) > 200 for line in lines):
            raise forms.ValidationError(_("Mỗi nơi nhận không quá 200 ký tự."))
        return lines

    def clean(self):
        data = super().clean()
        for name in self.fields:
            if isinstance(data.get(name), str) and name != "recipients":
                data[name] = _nfc(data[name])
        for name in self.UPPER:
            if data.get(name):
                data[name] = data[name].upper()
        directive, kind, unit = data.get("directive"), data.get("kind"), data.get("unit")
        today = timezone.localdate()
        if data.get("as_of"):
            if data["as_of"] > today:
                self.add_error("as_of", _("Ngày tính số liệu không được sau hôm nay."))
            elif directive and data["as_of"] < directive.issued_on:
                self.add_error("as_of", _("Ngày tính số liệu không được trước ngày ban hành văn bản (%(d)s).")
                               % {"d": f"{directive.issued_on:%d/%m/%Y}"})
        if data.get("final") and not data.get("signer_name"):
            self.add_error("signer_name", _("Cần họ và tên người ký để tạo bản chính thức; bản dự thảo "
                                            "có thể để trống."))
        if kind and kind != Report.Kind.OVERDUE and not data.get("results"):
            self.add_error("results", _("Phần I (Kết quả thực hiện) không được để trống."))
        if kind == Report.Kind.UNIT and unit is None:
            self.add_error("unit", _("Chọn đơn vị cho báo cáo của một đơn vị."))
        if directive and kind and kind != Report.Kind.UNIT and not may_see_whole(self.user, directive):
            self.add_error("kind", _("Bạn chỉ được lập báo cáo về đơn vị của mình với văn bản này."))
        return data

    def header(self):
        d = self.cleaned_data
        return Header(
            parent_organ=d["parent_organ"], issuing_organ=d["issuing_organ"], number=d["number"],
            place=d["place"], report_date=d["report_date"].isoformat(),
            document_type=d["document_type"], title=d["title"],
            signer_authority=d["signer_authority"], signer_position=d["signer_position"],
            signer_name=d["signer_name"], recipients=d["recipients"], final=bool(d.get("final")),
        )

    def sections(self):
        """The texts of sections I–IV as typed (None for the overdue list, which has none)."""
        if self.cleaned_data["kind"] == Report.Kind.OVERDUE:
            return None
        return {name: self.cleaned_data.get(name) or "" for name in self.SECTIONS}


def initial_for(header, kind, directive, unit, as_of, sections=None):
    values = header.to_parameters()
    values["recipients"] = "\n".join(header.recipients)
    values["report_date"] = date.fromisoformat(header.report_date) if header.report_date else None
    return {**values, **(sections or {}), "kind": kind, "directive": directive, "unit": unit,
            "as_of": as_of}
