"""The dashboard's filters: read from GET parameters (so a view can be bookmarked and shared),
applied as plain filters on the assignment queryset, and described in words for the page,
the spreadsheet and the PDF.

GET parameters (Vietnamese, as they appear in shared links):
    ngay      the "as of" date, dd/mm/yyyy (default today)
    loai      unit kind (tasks.Unit.Kind)
    phuong    a ward's unit id: the ward and the units under it
    don_vi    one unit's id
    phan      part of the directive, 1–6, or "c" for the closing tasks (Tổ chức thực hiện)
    trang_thai  status (tasks.status.Status)
    vai_tro   lead or coordinating (tasks.Assignment.Role)
    hop_nhat  figures of merged units: "gop" under their successor, "rieng" separately;
              empty: under the successor when a merge is in force on the "as of" date
"""

from dataclasses import asdict, dataclass

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tuson_qp.widgets import FastDateInput, FastHiddenInput, FastSelect
from tasks.models import Assignment, Unit
from tasks.status import Status

CLOSING_PART = "c"
CLOSING_TITLE = _("Tổ chức thực hiện")

PARAMS = {
    "unit_kind": "loai",
    "ward_id": "phuong",
    "unit_id": "don_vi",
    "part": "phan",
    "status": "trang_thai",
    "role": "vai_tro",
    "merged": "hop_nhat",
}
MERGED_UNDER_SUCCESSOR = "gop"
MERGED_SEPARATELY = "rieng"


@dataclass(frozen=True)
class DashboardFilters:
    unit_kind: str = ""
    ward_id: int | None = None
    unit_id: int | None = None
    part: str = ""  # "1".."6", or CLOSING_PART
    status: str = ""
    role: str = ""
    merged: str = ""  # MERGED_UNDER_SUCCESSOR, MERGED_SEPARATELY or "" (by the date)

    @property
    def needs_status(self):
        """Filtering by status needs the status annotation on the queryset first."""
        return bool(self.status)

    def __bool__(self):
        return any(asdict(self).values())

    def apply(self, qs):
        """Narrow an assignment queryset. With a status filter, `qs` must carry
        `with_status()` already."""
        if self.unit_kind:
            qs = qs.filter(unit__kind=self.unit_kind)
        if self.ward_id:
            qs = qs.filter(Q(unit_id=self.ward_id) | Q(unit__parent_id=self.ward_id))
        if self.unit_id:
            qs = qs.filter(unit_id=self.unit_id)
        if self.part == CLOSING_PART:
            qs = qs.filter(task__section__isnull=True)
        elif self.part:
            qs = qs.filter(task__section__number=int(self.part))
        if self.role:
            qs = qs.filter(role=self.role)
        if self.status:
            qs = qs.filter(status=self.status)
        return qs

    def as_params(self):
        """{GET name: value} of the filters that are set, for links that keep them."""
        return {PARAMS[name]: value for name, value in asdict(self).items() if value}

    def describe(self, unit_names=None):
        """[(label, text)] of the filters that are set, in Vietnamese."""
        unit_names = unit_names or {}
        lines = []
        if self.unit_kind:
            lines.append((gettext("Loại đơn vị"), str(Unit.Kind(self.unit_kind).label)))
        if self.ward_id:
            lines.append((gettext("Phường"), unit_names.get(self.ward_id, f"#{self.ward_id}")))
        if self.unit_id:
            lines.append((gettext("Đơn vị"), unit_names.get(self.unit_id, f"#{self.unit_id}")))
        if self.part:
            lines.append((gettext("Phần"), part_label(self.part)))
        if self.status:
            lines.append((gettext("Trạng thái"), str(Status(self.status).label)))
        if self.role:
            lines.append((gettext("Vai trò"), str(Assignment.Role(self.role).label)))
        return lines


def part_label(part):
    if part == CLOSING_PART or part is None:
        return str(CLOSING_TITLE)
    return gettext("Phần %(n)s") % {"n": part}


def part_key(section_number):
    return CLOSING_PART if section_number is None else str(section_number)


class DashboardFilterForm(forms.Form):
    """Bound to request.GET. Invalid values are shown next to their field and ignored, so
    the page still shows (unfiltered on that field) and keeps what the user typed."""

    ngay = forms.DateField(
        label=_("Số liệu tính đến ngày"), required=False, widget=FastDateInput,
        input_formats=["%d/%m/%Y"],
        error_messages={"invalid": _("Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2022.")},
    )
    loai = forms.ChoiceField(label=_("Loại đơn vị"), required=False, widget=FastSelect)
    phuong = forms.TypedChoiceField(label=_("Phường"), required=False, coerce=int, empty_value=None,
                                    widget=FastSelect)
    # Set by a click on a unit in the table, not chosen from a list of hundreds of units.
    don_vi = forms.IntegerField(label=_("Đơn vị"), required=False, min_value=1, max_value=2**31 - 1,
                                widget=FastHiddenInput)
    phan = forms.ChoiceField(label=_("Phần"), required=False, widget=FastSelect)
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False, widget=FastSelect)
    vai_tro = forms.ChoiceField(label=_("Vai trò"), required=False, widget=FastSelect)
    hop_nhat = forms.ChoiceField(label=_("Đơn vị đã hợp nhất"), required=False, widget=FastSelect, choices=[
        ("", _("Theo ngày tính số liệu")), (MERGED_UNDER_SUCCESSOR, _("Tính vào đơn vị kế thừa")),
        (MERGED_SEPARATELY, _("Hiện riêng từng đơn vị"))])

    def __init__(self, data=None, *, directive, sections, wards, **kwargs):
        super().__init__(data, **kwargs)
        self.directive = directive
        every = [("", gettext("Tất cả"))]
        self.fields["loai"].choices = every + list(Unit.Kind.choices)
        self.fields["phuong"].choices = every + [(str(u.pk), u.display_name) for u in wards]
        self.fields["phan"].choices = every + [
            (str(s.number), f"{s.number}. {s.title}") for s in sections
        ] + [(CLOSING_PART, str(CLOSING_TITLE))]
        self.fields["trang_thai"].choices = every + list(Status.choices)
        self.fields["vai_tro"].choices = every + list(Assignment.Role.choices)
        self.fields["ngay"].widget.format = "%d/%m/%Y"
        self.fields["ngay"].widget.attrs.update({"inputmode": "numeric", "placeholder": "dd/mm/yyyy"})
        self.fields["ngay"].help_text = _("Dạng ngày/tháng/năm; để trống là ngày chọn ở đầu trang.")
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select form-select-sm"
            elif not field.widget.is_hidden:
                field.widget.attrs["class"] = "form-control form-control-sm"
        self.is_valid()  # a bound form validates at once; an unbound one has no errors

    def clean_ngay(self):
        day = self.cleaned_data.get("ngay")
        if day is None:
            return None
        if day > timezone.localdate():
            raise forms.ValidationError(gettext("Ngày tính số liệu không được sau hôm nay."))
        if day < self.directive.issued_on:
            raise forms.ValidationError(
                gettext("Ngày tính số liệu không được trước ngày ban hành văn bản (%(d)s).")
                % {"d": f"{self.directive.issued_on:%d/%m/%Y}"}
            )
        return day

    def _valid(self, name):
        if not self.is_bound or name in self.errors:
            return None
        return self.cleaned_data.get(name) or None

    @property
    def as_of(self):
        return self._valid("ngay") or timezone.localdate()

    @property
    def filters(self):
        return DashboardFilters(
            unit_kind=self._valid("loai") or "",
            ward_id=self._valid("phuong"),
            unit_id=self._valid("don_vi"),
            part=self._valid("phan") or "",
            status=self._valid("trang_thai") or "",
            role=self._valid("vai_tro") or "",
            merged=self._valid("hop_nhat") or "",
        )
