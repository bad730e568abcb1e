"""A small world for the reminder rules: one published directive tracked by the City
Military Party Committee, two wards, their people, and helpers to date work exactly."""

import datetime
import itertools
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import grants
from directives.models import Directive, Task
from tasks.models import Assignment, Membership, Submission, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2022, 5, 10)
_keys = itertools.count(1)


def at(day, hour=0, minute=5):
    """An instant on `day` in Vietnam (the sweep's first run of the day by default)."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VN)


@pytest.fixture
def travel():
    """travel(day[, hour, minute]): freeze the clock there (Asia/Ho_Chi_Minh)."""
    machines = []

    def go(day, hour=0, minute=5):
        if machines:
            machines.pop().stop()
        machine = time_machine.travel(at(day, hour, minute), tick=False)
        machine.start()
        machines.append(machine)

    yield go
    for machine in machines:
        machine.stop()


class World(SimpleNamespace):
    def task(self, due, unit=None, *, title=None, directive=None, **fields):
        """A task of the directive assigned to `unit` (ward A by default), due on `due`."""
        directive = directive or self.directive
        n = next(_keys)
        task = Task.objects.create(
            directive=directive, key=f"{n}.1", position=n, title=title or f"Nhiệm vụ số {n}",
            kind=Task.Kind.ONE_OFF, deadline=due,
        )
        return Assignment.objects.create(
            task=task, unit=unit or self.ward_a, original_due_date=due, due_date=due, **fields
        )

    def submit(self, assignment, *, status=Submission.Status.PENDING, at_=None, decided_at=None, by=None):
        version = assignment.submissions.count() + 1
        return Submission.objects.create(
            assignment=assignment, version=version, kind=Submission.Kind.PROGRESS,
            summary="Báo cáo tiến độ", status=status, submitted_by=by or self.alice,
            submitted_at=at_ or timezone.now(), decided_at=decided_at,
            decided_by=self.rita if decided_at else None,
        )


def make_user(username, full_name, email=True):
    return get_user_model().objects.create_user(
        username=username, password="x", last_name=full_name,
        email=f"{username}@tuson.local" if email else "",
    )


@pytest.fixture
def world(db):
    duqs = Unit.objects.create(key="duqs", name="Đảng ủy Quân sự thành phố", kind=Unit.Kind.MILITARY)
    ward_a = Unit.objects.create(key="p-dinh-bang", name="Đảng ủy phường Đình Bảng",
                                 short_name="Đình Bảng", kind=Unit.Kind.WARD)
    ward_b = Unit.objects.create(key="p-tam-son", name="Đảng ủy phường Tam Sơn",
                                 short_name="Tam Sơn", kind=Unit.Kind.WARD)
    directive = Directive.objects.create(
        key="03-CT-TU-2022", parent_organ="ĐẢNG BỘ TỈNH BẮC NINH", issuing_organ="THÀNH ỦY TỪ SƠN",
        number="03", symbol="CT/TU", document_type="CHỈ THỊ", summary="Về quốc phòng, quân sự địa phương",
        place="Từ Sơn", issued_on=datetime.date(2022, 1, 4), year=2022, tracking_unit=duqs,
        status=Directive.Status.PUBLISHED,
    )
    grants.grant_tracking(directive)
    people = {
        "alice": ("Nguyễn Thị An", ward_a, Membership.Role.OFFICER),
        "hana": ("Trần Văn Hải", ward_a, Membership.Role.HEAD),
        "ivan": ("Lê Văn Im", ward_a, Membership.Role.OFFICER),
        "bob": ("Phạm Văn Bình", ward_b, Membership.Role.OFFICER),
        "rita": ("Đỗ Thị Rạng", duqs, Membership.Role.OFFICER),
    }
    users = {}
    for username, (name, unit, role) in people.items():
        users[username] = make_user(username, name)
        grants.add_member(unit, users[username], role)
    grants.deactivate_user(users["ivan"])
    office = make_user("office", "Văn phòng Thành ủy")
    office.is_staff = True
    office.save()
    from accounts import roles
    grants.set_role(office, roles.OFFICE)
    return World(directive=directive, duqs=duqs, ward_a=ward_a, ward_b=ward_b, office=office, **users)
