from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from audit import actions
from audit.selectors import object_type_choices
from tasks.models import Unit
from tuson_qp.widgets import FastSelect


def _person_label(full_name, username):
    return f"{full_name} ({username})" if full_name else username


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return _person_label(user.get_full_name(), user.username)


class AuditFilterForm(forms.Form):
    person = PersonChoiceField(
        label=_("Người thực hiện"), required=False, empty_label=_("Tất cả"),
        queryset=get_user_model().objects.order_by("last_name", "username"), widget=FastSelect,
    )
    username = forms.CharField(
        label=_("Tên đăng nhập"), required=False, max_length=150,
        help_text=_("Kể cả tên không có tài khoản (đăng nhập sai)."),
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), required=False, empty_label=_("Tất cả"),
        queryset=Unit.objects.order_by("kind", "name"), widget=FastSelect,
    )
    action = forms.ChoiceField(label=_("Hành động"), required=False, widget=FastSelect)
    object_type = forms.ChoiceField(label=_("Loại đối tượng"), required=False, widget=FastSelect)
    object_id = forms.CharField(label=_("Mã đối tượng"), required=False, max_length=40)
    date_from = forms.DateField(label=_("Từ ngày"), required=False,
                                widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    date_to = forms.DateField(label=_("Đến ngày"), required=False,
                              widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))

    GROUPS = [
        ("auth.", _("— Mọi sự kiện đăng nhập, mật khẩu —")),
        ("account.", _("— Mọi thay đổi tài khoản —")),
        ("membership.", _("— Mọi thay đổi thành viên đơn vị —")),
        ("admin.", _("— Mọi thay đổi trên trang quản trị —")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Tất cả"))] + self.GROUPS + actions.choices()
        self.fields["object_type"].choices = [("", _("Tất cả"))] + object_type_choices()
        # The lists of people and units (thousands, 500) read as plain rows for the page; the
        # fields still check and give back the chosen object through their querysets.
        people = self.fields["person"].queryset.values_list("pk", "first_name", "last_name", "username")
        self.fields["person"].widget.choices = [("", self.fields["person"].empty_label)] + [
            (pk, _person_label(f"{first} {last}".strip(), username)) for pk, first, last, username in people]
        self.fields["unit"].widget.choices = [("", self.fields["unit"].empty_label)] + list(
            self.fields["unit"].queryset.values_list("pk", "name"))
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
        return data

    def filters(self):
        """Keyword arguments for audit.selectors.filter_entries (empty when the form is invalid)."""
        if not self.is_valid():
            return None
        d = self.cleaned_data
        return {
            "person": d.get("person"), "username": (d.get("username") or "").strip(), "unit": d.get("unit"), "object_type": d.get("object_type", ""),
            "object_id": (d.get("object_id") or "").strip(), "action": d.get("action", ""),
            "date_from": d.get("date_from"), "date_to": d.get("date_to"),
        }
