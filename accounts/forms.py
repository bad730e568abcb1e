from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from accounts import roles
from tasks.models import Membership

User = get_user_model()


class BootstrapMixin:
    """Bootstrap classes on every widget; errors are rendered next to fields by the templates."""

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa. Vui lòng liên hệ Văn phòng Thành ủy."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Django sets the length on the field but checks nothing: a longer name reached the
        # authentication backends and django-axes' 255-character column.
        limit = self.fields["username"].max_length
        self.fields["username"].validators.append(MaxLengthValidator(limit, message=_(
            "Tên đăng nhập dài tối đa %(limit_value)s ký tự (đồng chí đã nhập %(show_value)s ký tự).")))


class TokenForm(BootstrapMixin, forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"), max_length=6, min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "pattern": "[0-9]{6}", "autofocus": True}),
        error_messages={"required": _("Vui lòng nhập mã 6 chữ số trong ứng dụng xác thực."),
                        "min_length": _("Mã xác thực gồm đúng 6 chữ số."),
                        "max_length": _("Mã xác thực gồm đúng 6 chữ số.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Mã xác thực chỉ gồm chữ số."))
        return token


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        full = user.get_full_name()
        return f"{full} ({user.username})" if full else user.username


class AddExistingMemberForm(BootstrapMixin, forms.Form):
    user = PersonChoiceField(
        label=_("Cán bộ"), queryset=User.objects.filter(is_active=True).order_by("last_name", "username"),
        empty_label=_("— Chọn tài khoản —"),
        error_messages={"required": _("Vui lòng chọn một tài khoản."),
                        "invalid_choice": _("Không thêm được: tài khoản không tồn tại, đã bị khóa "
                                            "hoặc đã là thành viên của đơn vị.")},
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=Membership.Role.choices,
                             initial=Membership.Role.OFFICER)

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        if unit is not None:
            self.fields["user"].queryset = self.fields["user"].queryset.exclude(
                pk__in=Membership.objects.filter(unit=unit).values("user_id")
            )
        self._style()

    def clean_user(self):
        user = self.cleaned_data["user"]
        if self.unit is not None and Membership.objects.filter(unit=self.unit, user=user).exists():
            raise forms.ValidationError(_("Người này đã là thành viên của đơn vị."))  # raced with another edit
        return user


class NewPersonForm(BootstrapMixin, forms.Form):
    username = forms.RegexField(
        label=_("Tên đăng nhập"), max_length=150, regex=r"^[\w.@+-]+\Z",
        help_text=_("Chữ không dấu, số và các ký tự . @ + - _ ; ví dụ: nguyen.van.an"),
        error_messages={"required": _("Vui lòng nhập tên đăng nhập."),
                        "invalid": _("Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . @ + - _")},
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150,
                                error_messages={"required": _("Vui lòng nhập họ và tên.")})
    email = forms.EmailField(
        label=_("Thư điện tử"),
        help_text=_("Thư hướng dẫn đặt mật khẩu được gửi đến địa chỉ này."),
        error_messages={"required": _("Vui lòng nhập địa chỉ thư điện tử."),
                        "invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=Membership.Role.choices,
                             initial=Membership.Role.OFFICER)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "new")
        super().__init__(*args, **kwargs)
        self._style()

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Tên đăng nhập này đã có người dùng. Nếu đó là cùng một người, "
                                          "hãy chọn ở mục “Thêm người đã có tài khoản”."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Địa chỉ thư điện tử này đã thuộc về một tài khoản khác."))
        return email


class PortalRolesForm(BootstrapMixin, forms.Form):
    """Portal-wide roles; only an administrator may grant or take away the Office role."""

    office = forms.BooleanField(label=roles.ROLE_LABELS[roles.OFFICE], required=False)
    observer = forms.BooleanField(label=roles.ROLE_LABELS[roles.OBSERVER], required=False)

    def __init__(self, *args, can_set_office=False, **kwargs):
        kwargs.setdefault("prefix", "roles")
        super().__init__(*args, **kwargs)
        if not can_set_office:
            self.fields["office"].disabled = True
        self._style()


class SecurityPolicyForm(BootstrapMixin, forms.Form):
    require_2fa_reviewers = forms.BooleanField(
        label=_("Bắt buộc xác thực hai bước với cán bộ thẩm định (Đảng ủy Quân sự)"), required=False)
    require_2fa_admins = forms.BooleanField(
        label=_("Bắt buộc xác thực hai bước với quản trị viên hệ thống"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
