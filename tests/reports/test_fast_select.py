"""The filter selects and inputs rendered in Python (tuson_qp.widgets): the same HTML as
Django's widgets."""

import pytest
from django import forms
from django.test.html import parse_html

from tuson_qp.widgets import FastDateInput, FastHiddenInput, FastSelect

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


class Inputs(forms.Form):
    django = forms.DateField(required=False, input_formats=["%d/%m/%Y"], help_text="Dạng ngày/tháng/năm",
                             widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy",
                                                                             "inputmode": "numeric"}))
    fast = forms.DateField(required=False, input_formats=["%d/%m/%Y"], help_text="Dạng ngày/tháng/năm",
                           widget=FastDateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy",
                                                                         "inputmode": "numeric"}))
    django_unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    fast_unit = forms.IntegerField(required=False, widget=FastHiddenInput)


@pytest.mark.parametrize("value", [None, "", "30/06/2022", "31/02/2022", '"><script>'])
def test_the_inputs_have_the_markup_of_djangos(value):
    """The date and the hidden unit: what Django's templates make, the typed value kept
    (escaped), the help and the error named for screen readers."""
    data = None if value is None else {"django": value, "fast": value, "django_unit": value, "fast_unit": value}
    form = Inputs(data)
    form.is_valid()
    for ours, theirs in (("fast", "django"), ("fast_unit", "django_unit")):
        markup = str(form[ours]).replace(ours, theirs)
        assert parse_html(markup) == parse_html(str(form[theirs])), (value, markup)
    if value == '"><script>':
        assert "&quot;&gt;&lt;script&gt;" in str(form["fast"])


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", [None, 0, 1])
def test_a_select_of_units_has_the_markup_of_djangos(chosen):
    """The reminder log's and the audit trail's unit filter: a ModelChoiceField over units."""
    from tasks.models import Unit

    units = [Unit.objects.create(key=f"u-{n}", name=name, kind=Unit.Kind.WARD)
             for n, name in enumerate(["Phường <Đình Bảng>", "Phường Tương Giang & Tam Sơn"])]

    class Units(forms.Form):
        django = forms.ModelChoiceField(Unit.objects.order_by("name"), required=False, empty_label="Tất cả",
                                        widget=forms.Select(attrs={"class": "form-select"}))
        fast = forms.ModelChoiceField(Unit.objects.order_by("name"), required=False, empty_label="Tất cả",
                                      widget=FastSelect(attrs={"class": "form-select"}))

    value = None if chosen is None else str(units[chosen].pk)
    form = Units(None if value is None else {"django": value, "fast": value})
    form.is_valid()
    ours = str(form["fast"]).replace("fast", "django")
    assert parse_html(ours) == parse_html(str(form["django"]))
