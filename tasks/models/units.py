from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Unit(models.Model):
    """An organisation a task can fall to: a ward Party committee, a department, a militia unit…"""

    class Kind(models.TextChoices):
        WARD = "ward", _("Đảng ủy phường")
        DEPARTMENT = "department", _("Phòng, ban, ngành thành phố")
        MASS_ORG = "mass_org", _("Đoàn thể")
        MILITARY = "military", _("Cơ quan quân sự")
        POLICE = "police", _("Công an")
        SELF_DEFENCE = "self_defence", _("Đơn vị tự vệ")
        MILITIA = "militia", _("Dân quân")
        PARTY_CELL = "party_cell", _("Chi bộ, Đảng bộ cơ sở")
        OFFICE = "office", _("Văn phòng Thành ủy")

    key = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # The unit's life: from when it exists and its last day (null: open). Nullable so that
    # SQLite adds them in place (a rebuilt table would lose its triggers).
    valid_from = models.DateField(_("thành lập từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến ngày"), null=True, blank=True)
    successor = models.ForeignKey("self", verbose_name=_("đơn vị kế thừa"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="predecessors")
    # Object permissions are granted to this group, never to single users (accounts/grants.py).
    group = models.OneToOneField(
        Group, verbose_name=_("nhóm quyền"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="unit", editable=False,
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["kind", "name"]
        permissions = [("work_on_unit", _("Làm việc với nhiệm vụ của đơn vị"))]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class Membership(models.Model):
    """A person's place in a unit. A person may belong to several units."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Cán bộ đơn vị")
        HEAD = "head", _("Lãnh đạo đơn vị")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"),
        on_delete=models.CASCADE, related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.OFFICER)
    created_at = models.DateTimeField(_("ngày thêm"), auto_now_add=True)

    class Meta:
        verbose_name = _("thành viên đơn vị")
        verbose_name_plural = _("thành viên đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_unique_user_unit")
        ]

    def __str__(self):
        return f"{self.user} – {self.unit} ({self.get_role_display()})"


class UnitUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("quyền của người dùng trên đơn vị")
        verbose_name_plural = _("quyền của người dùng trên đơn vị")


class UnitGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("quyền của nhóm trên đơn vị")
        verbose_name_plural = _("quyền của nhóm trên đơn vị")
