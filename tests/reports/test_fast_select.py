"""The dashboard's filter selects are rendered in Python: the same HTML as Django's Select."""

import pytest
from django import forms
from django.test.html import parse_html

from reports.dashboard.widgets import FastSelect

CHOICES = [("", "Tất cả"), ("1", "1. Quán triệt <nghị quyết> & “chỉ thị”"), ("2", "2. Xây dựng lực lượng"),
           ("c", "Tổ chức thực hiện")]


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, required=False,
                               widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                               help_text="Gợi ý")
    fast = forms.ChoiceField(choices=CHOICES, required=False,
                             widget=FastSelect(attrs={"class": "form-select form-select-sm"}), help_text="Gợi ý")


@pytest.mark.parametrize("value", [None, "", "2", "c", "không có"])
def test_the_same_markup_as_djangos_select(value):
    form = Both({"django": value, "fast": value} if value is not None else None)
    form.is_valid()
    ours = str(form["fast"]).replace("fast", "django")
    assert parse_html(ours) == parse_html(str(form["django"]))
    assert "&lt;nghị quyết&gt; &amp;" in ours  # labels escaped
    if value == "2":
        assert '<option value="2" selected>' in ours
    if form.errors:  # an invalid choice is shown as such, like Django's
        assert 'aria-invalid="true"' in ours
