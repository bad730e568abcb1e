"""Demo accounts for a laptop or a training session. Listed in the README."""

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts import grants, roles
from tasks.models import Membership, Unit

DEMO_PASSWORD = "TuSon@2022"

# username, full name (last name field), portal role, [(unit key, unit role)], superuser
DEMO_ACCOUNTS = [
    ("admin", "Quản trị hệ thống", None, [], True),
    ("vanphong", "Nguyễn Thị Hoa (Văn phòng Thành ủy)", roles.OFFICE, [("vptu", "officer")], False),
    ("duqs", "Trần Văn Hùng (Đảng ủy Quân sự)", None, [("duqs", "officer")], False),
    ("lanhdao", "Lê Minh Đức (Ban Thường vụ)", roles.OBSERVER, [], False),
    ("dinhbang", "Phạm Văn Nam (phường Đình Bảng)", None, [("p-dinh-bang", "officer")], False),
    ("dinhbang.lanhdao", "Nguyễn Văn Bình (Bí thư Đảng ủy phường Đình Bảng)", None,
     [("p-dinh-bang", "head")], False),
    ("tuonggiang", "Đỗ Thị Lan (phường Tương Giang)", None, [("p-tuong-giang", "officer")], False),
    ("tamson", "Vũ Văn Quang (phường Tam Sơn)", None, [("p-tam-son", "officer")], False),
    ("ldtbxh", "Hoàng Thị Mai (Phòng Lao động - TB&XH)", None, [("phong-ldtbxh", "officer")], False),
]


@transaction.atomic
def create_demo_accounts(password=DEMO_PASSWORD):
    User = get_user_model()
    created = []
    for username, full_name, role, memberships, superuser in DEMO_ACCOUNTS:
        user, is_new = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": full_name,
                "email": f"{username}@tuson.local",
                "is_staff": superuser or role == roles.OFFICE,
                "is_superuser": superuser,
            },
        )
        if is_new:
            user.set_password(password)
            user.save(update_fields=["password"])
            created.append(username)
        if role:
            grants.set_role(user, role)
        for unit_key, unit_role in memberships:
            unit = Unit.objects.get(key=unit_key)
            if not Membership.objects.filter(user=user, unit=unit, role=unit_role).exists():
                grants.add_member(unit, user, unit_role)
    return created
