"""Forms of the unit tree pages (the Office)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tasks.models import Unit

from .base import PortalFormMixin, VietnameseDateField


def _units():
    return Unit.objects.order_by("kind", "name")


def _plain_ids(values):
    """Refuse a value that is not a database id before it reaches the database (a number too
    large for the column makes SQLite raise, not answer "no such row")."""
    for value in values if isinstance(values, (list, tuple)) else [values]:
        if value in (None, ""):
            continue
        text = str(value)
        if not (text.isascii() and text.isdigit() and len(text) <= 18):
            raise forms.ValidationError(_("Hãy chọn trong danh sách."), code="invalid_choice")


class UnitChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        _plain_ids(value)
        return super().to_python(value)


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        _plain_ids(list(value))
        return super()._check_values(value)


class UnitChangeForm(PortalFormMixin, forms.Form):
    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=Unit.Kind.choices)
    parent = UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=Unit.objects.none(), required=False,
                                    empty_label=_("— không có —"))
    effective = VietnameseDateField(label=_("Có hiệu lực từ ngày"), allow_future=True)

    def __init__(self, *args, unit, **kwargs):
        kwargs.setdefault("initial", {"name": unit.name, "short_name": unit.short_name, "kind": unit.kind,
                                      "parent": unit.parent_id})
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["parent"].queryset = _units().exclude(pk=unit.pk)

    def changes(self):
        d = self.cleaned_data
        values = {"name": " ".join(d["name"].split()), "short_name": " ".join(d["short_name"].split()),
                  "kind": d["kind"], "parent_id": d["parent"].pk if d["parent"] else None}
        current = {"name": self.unit.name, "short_name": self.unit.short_name, "kind": self.unit.kind,
                   "parent_id": self.unit.parent_id}
        return {k: v for k, v in values.items() if v != current[k]}


class UnitCloseForm(PortalFormMixin, forms.Form):
    last_day = VietnameseDateField(label=_("Ngày hoạt động cuối cùng"), allow_future=True)


class UnitCreateForm(PortalFormMixin, forms.Form):
    key = forms.SlugField(label=_("Mã đơn vị"), max_length=60,
                          help_text=_("Chữ thường không dấu, số và gạch nối, ví dụ p-tu-son."))
    name = forms.CharField(label=_("Tên đơn vị"), max_length=200)
    short_name = forms.CharField(label=_("Tên ngắn"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=Unit.Kind.choices)
    parent = UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=Unit.objects.none(), required=False,
                                    empty_label=_("— không có —"))
    valid_from = VietnameseDateField(label=_("Thành lập từ ngày"), allow_future=True, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _units()


class MergeForm(PortalFormMixin, forms.Form):
    sources = UnitsChoiceField(label=_("Các đơn vị hợp nhất"), queryset=Unit.objects.none(),
                                             widget=forms.SelectMultiple(attrs={"size": 8}))
    target = UnitChoiceField(label=_("Đơn vị nhận (kế thừa)"), queryset=Unit.objects.none())
    effective = VietnameseDateField(label=_("Có hiệu lực từ ngày"), allow_future=True)
    note = forms.CharField(label=_("Ghi chú (căn cứ)"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Unit.objects.filter(is_active=True).order_by("kind", "name")
        self.fields["sources"].queryset = active
        self.fields["target"].queryset = Unit.objects.order_by("kind", "name")

    def clean(self):
        data = super().clean()
        if data.get("target") and data.get("target") in (data.get("sources") or []):
            self.add_error("target", _("Đơn vị nhận không được nằm trong các đơn vị hợp nhất."))
        return data


class SplitForm(PortalFormMixin, forms.Form):
    targets = UnitsChoiceField(label=_("Các đơn vị nhận"), queryset=Unit.objects.none(),
                               widget=forms.SelectMultiple(attrs={"size": 8}),
                               help_text=_("Ít nhất hai đơn vị; hãy thành lập đơn vị mới ở trang Tổ chức đơn vị trước."))
    default = UnitChoiceField(label=_("Đơn vị nhận mặc định"), queryset=Unit.objects.none(),
                              help_text=_("Nhiệm vụ và cán bộ chưa chọn riêng sẽ chuyển về đơn vị này."))
    effective = VietnameseDateField(label=_("Có hiệu lực từ ngày"), allow_future=True)
    note = forms.CharField(label=_("Ghi chú (căn cứ)"), max_length=300, required=False)

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        others = Unit.objects.exclude(pk=source.pk).order_by("kind", "name")
        self.fields["targets"].queryset = others
        self.fields["default"].queryset = others

    def clean(self):
        data = super().clean()
        targets = data.get("targets")
        if targets is not None and len(targets) < 2:
            self.add_error("targets", _("Hãy chọn ít nhất hai đơn vị nhận khi chia tách."))
        if targets and data.get("default") and data["default"] not in targets:
            self.add_error("default", _("Đơn vị nhận mặc định phải là một trong các đơn vị nhận."))
        return data


def row_choices(data, prefix):
    """{id: unit id} from POST fields named `<prefix><id>` whose values are plain ids;
    anything else is left out (the default target then applies)."""
    found = {}
    for name, value in data.items():
        if not name.startswith(prefix):
            continue
        key, value = name[len(prefix):], str(value)
        if key.isascii() and key.isdigit() and len(key) <= 18 and value.isascii() and value.isdigit() \
                and len(value) <= 18:
            found[int(key)] = int(value)
    return found
