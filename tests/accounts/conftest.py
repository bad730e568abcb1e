"""Fixtures for the accounts and audit tests that do not need the directive loaded."""

import pytest
from django.urls import reverse

from accounts import grants, roles

PASSWORD = "Mat-khau-Dai-2022"


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user(
        "nguyen.van.an", email="an@tuson.local", password=PASSWORD, last_name="Nguyễn Văn An"
    )


@pytest.fixture
def office_user(django_user_model):
    user = django_user_model.objects.create_user(
        "vanphong.test", email="vp@tuson.local", password=PASSWORD, last_name="Trần Thị Văn Phòng"
    )
    grants.set_role(user, roles.OFFICE)
    return user


@pytest.fixture
def ward(db):
    from tasks.models import Unit

    unit = Unit.objects.create(key="p-test", name="Đảng ủy phường Thử Nghiệm", kind=Unit.Kind.WARD)
    grants.ensure_unit_group(unit)
    return unit


def login(client, username, password=PASSWORD, ip="203.0.113.7", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)
