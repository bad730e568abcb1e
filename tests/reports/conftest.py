"""A small directive whose dashboard figures are computed by hand (see HAND_COUNTS).

With the `world` fixture the clock is frozen at TODAY (20/05/2022); most figures are read
"as of" AS_OF (10/05/2022).

Units: Đình Bảng (ward, "A"), Tương Giang (ward, "B"), a department ("D") and the Đình Bảng
militia ("M", under A). Parts 1–3 and the closing tasks C.1, C.2.

    assignment  deadline        what happened                          as of 10/05
    A 1.1       10/05           received 02/05                         within (due today)
    A 1.2       09/05           nothing                                overdue 1 day
    A 2.1       30/04           completed 28/04                        on time
    A 2.2       20/04           completed 25/04                        late, 5 days
    A 3.1       20/05           completed 05/05 (early)                on time (counted)
    A 3.2       30/06           nothing                                not yet due
    A C.1       01/05 → 31/05   extension approved 28/04               not yet due
    A C.2       05/05           submitted 06/05, pending               overdue 5 days, awaiting review
    B 1.1       10/05           submitted 08/05, returned 09/05        within, returned
    B 1.2       09/05           completed 09/05                        on time
    B 2.1       01/05 → 31/05   extension approved 15/05 (after)       overdue 9 days
    D 1.1       31/03           coordinating, nothing                  overdue 40 days
    D 2.1       31/12           nothing                                not yet due
    M 2.1       10/05           completed 10/05                        on time
    M 3.1       15/05           nothing                                not yet due (due soon)
"""

import datetime
import itertools
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model

from accounts import grants, roles
from directives.models import Directive, Section, Task
from tasks.models import Assignment, ExtensionRequest, Membership, Submission, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2022, 5, 20)
AS_OF = datetime.date(2022, 5, 10)


def d(day, month):
    return datetime.date(2022, month, day)


def at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN)


@pytest.fixture
def clock():
    with time_machine.travel(at(TODAY, 9), tick=False):
        yield


def make_user(username, full_name):
    return get_user_model().objects.create_user(
        username=username, password="x", last_name=full_name, email=f"{username}@tuson.local"
    )


class World(SimpleNamespace):
    _numbers = itertools.count(1)

    def task(self, key, section=None, deadline=d(31, 12), directive=None):
        directive = directive or self.directive
        return Task.objects.create(
            directive=directive, section=section, key=key, position=next(self._numbers),
            title=f"Nhiệm vụ {key}", kind=Task.Kind.ONE_OFF, deadline=deadline,
        )

    def assign(self, task, unit, due, *, role=Assignment.Role.LEAD, original=None, **fields):
        return Assignment.objects.create(
            task=task, unit=unit, role=role, original_due_date=original or due, due_date=due,
            extension_count=1 if original else 0, **fields,
        )

    def submit(self, assignment, on, status=Submission.Status.PENDING, decided=None):
        version = assignment.submissions.count() + 1
        return Submission.objects.create(
            assignment=assignment, version=version, kind=Submission.Kind.PROGRESS,
            summary="Báo cáo kết quả", status=status, submitted_by=self.dinh_bang,
            submitted_at=at(on), decided_at=at(decided) if decided else None,
            decided_by=self.reviewer if decided else None,
        )

    def complete(self, assignment, on):
        self.submit(assignment, on, Submission.Status.ACCEPTED, decided=on)
        Assignment.objects.filter(pk=assignment.pk).update(completed_on=on)

    def extend(self, assignment, previous, new, decided):
        ExtensionRequest.objects.create(
            assignment=assignment, previous_due_date=previous, requested_due_date=new,
            reason="Chờ kinh phí", status=ExtensionRequest.Status.APPROVED,
            requested_by=self.dinh_bang, requested_at=at(decided - datetime.timedelta(days=1)),
            decided_by=self.reviewer, decided_at=at(decided),
        )

    def grow(self, units, tasks):
        """Add `units` wards × `tasks` tasks of work, in every state: for query counts."""
        section = self.sections[1]
        new_tasks = [self.task(f"9.{next(self._numbers)}", section, d(30, 4)) for _ in range(tasks)]
        for n in range(units):
            n = next(self._numbers)
            unit = Unit.objects.create(key=f"extra-{n}", name=f"Đảng ủy phường Thêm {n}", kind=Unit.Kind.WARD)
            for i, task in enumerate(new_tasks):
                a = self.assign(task, unit, d(1 + i % 28, 5))
                if i % 3 == 0:
                    self.complete(a, d(2, 5))
                elif i % 3 == 1:
                    self.submit(a, d(3, 5))

    def grow_unit(self, unit, tasks):
        """Add `tasks` tasks of work, in every state, to one existing unit: for query counts."""
        section = self.sections[1]
        for i in range(tasks):
            a = self.assign(self.task(f"8.{next(self._numbers)}", section, d(30, 4)), unit, d(1 + i % 28, 5))
            if i % 3 == 0:
                self.complete(a, d(2, 5))
            elif i % 3 == 1:
                self.submit(a, d(3, 5))


@pytest.fixture
def world(db, clock):
    duqs = Unit.objects.create(key="duqs", name="Đảng ủy Quân sự thành phố", kind=Unit.Kind.MILITARY)
    ward_a = Unit.objects.create(key="p-dinh-bang", name="Đảng ủy phường Đình Bảng",
                                 short_name="Đình Bảng", kind=Unit.Kind.WARD)
    ward_b = Unit.objects.create(key="p-tuong-giang", name="Đảng ủy phường Tương Giang",
                                 short_name="Tương Giang", kind=Unit.Kind.WARD)
    dept = Unit.objects.create(key="phong-vhtt", name="Phòng Văn hóa và Thông tin",
                               kind=Unit.Kind.DEPARTMENT)
    militia = Unit.objects.create(key="dq-dinh-bang", name="Ban Chỉ huy quân sự phường Đình Bảng",
                                  short_name="Dân quân Đình Bảng", kind=Unit.Kind.MILITIA, parent=ward_a)
    other = Unit.objects.create(key="p-tam-son", name="Đảng ủy phường Tam Sơn", short_name="Tam Sơn",
                                kind=Unit.Kind.WARD)
    for unit in (duqs, ward_a, ward_b, dept, militia, other):
        grants.ensure_unit_group(unit)
    directive = Directive.objects.create(
        key="03-CT-TU-2022", parent_organ="ĐẢNG BỘ TỈNH BẮC NINH", issuing_organ="THÀNH ỦY TỪ SƠN",
        number="03", symbol="CT/TU", document_type="CHỈ THỊ",
        summary="Về lãnh đạo thực hiện nhiệm vụ quốc phòng, quân sự địa phương năm 2022",
        place="Từ Sơn", issued_on=d(4, 1), year=2022, tracking_unit=duqs,
        status=Directive.Status.PUBLISHED,
    )
    grants.grant_tracking(directive)
    sections = {
        n: Section.objects.create(directive=directive, number=n, title=title, text=title)
        for n, title in [(1, "Quán triệt nghị quyết"), (2, "Xây dựng lực lượng"), (3, "Diễn tập")]
    }
    people = [
        ("reviewer", "Trần Văn Hùng", duqs, Membership.Role.OFFICER),
        ("dinh_bang", "Phạm Văn Nam", ward_a, Membership.Role.OFFICER),
        ("dinh_bang_head", "Nguyễn Văn Bình", ward_a, Membership.Role.HEAD),
        ("tuong_giang", "Đỗ Thị Lan", ward_b, Membership.Role.OFFICER),
        ("outsider", "Vũ Văn Quang", other, Membership.Role.OFFICER),
    ]
    w = World(directive=directive, sections=sections, duqs=duqs, ward_a=ward_a, ward_b=ward_b,
              dept=dept, militia=militia, other=other)
    for username, name, unit, role in people:
        setattr(w, username, make_user(username, name))
        grants.add_member(unit, getattr(w, username), role)
    w.office = make_user("office", "Nguyễn Thị Hoa")
    grants.set_role(w.office, roles.OFFICE)
    w.observer = make_user("observer", "Lê Minh Đức")
    grants.set_role(w.observer, roles.OBSERVER)

    s1, s2, s3 = sections[1], sections[2], sections[3]
    t = {key: w.task(key, section) for key, section in
         [("1.1", s1), ("1.2", s1), ("2.1", s2), ("2.2", s2), ("3.1", s3), ("3.2", s3),
          ("C.1", None), ("C.2", None)]}
    w.tasks = t
    a = w.a = {}
    a["1.1"] = w.assign(t["1.1"], ward_a, d(10, 5), received_on=d(2, 5))
    a["1.2"] = w.assign(t["1.2"], ward_a, d(9, 5))
    a["2.1"] = w.assign(t["2.1"], ward_a, d(30, 4))
    w.complete(a["2.1"], d(28, 4))
    a["2.2"] = w.assign(t["2.2"], ward_a, d(20, 4))
    w.complete(a["2.2"], d(25, 4))
    a["3.1"] = w.assign(t["3.1"], ward_a, d(20, 5))
    w.complete(a["3.1"], d(5, 5))
    a["3.2"] = w.assign(t["3.2"], ward_a, d(30, 6))
    a["C.1"] = w.assign(t["C.1"], ward_a, d(31, 5), original=d(1, 5))
    w.extend(a["C.1"], d(1, 5), d(31, 5), decided=d(28, 4))
    a["C.2"] = w.assign(t["C.2"], ward_a, d(5, 5))
    w.submit(a["C.2"], d(6, 5))
    b = w.b = {}
    b["1.1"] = w.assign(t["1.1"], ward_b, d(10, 5))
    w.submit(b["1.1"], d(8, 5), Submission.Status.RETURNED, decided=d(9, 5))
    b["1.2"] = w.assign(t["1.2"], ward_b, d(9, 5))
    w.complete(b["1.2"], d(9, 5))
    b["2.1"] = w.assign(t["2.1"], ward_b, d(31, 5), original=d(1, 5))
    w.extend(b["2.1"], d(1, 5), d(31, 5), decided=d(15, 5))
    w.dep = {
        "1.1": w.assign(t["1.1"], dept, d(31, 3), role=Assignment.Role.COORDINATING),
        "2.1": w.assign(t["2.1"], dept, d(31, 12)),
    }
    w.m = {"2.1": w.assign(t["2.1"], militia, d(10, 5)), "3.1": w.assign(t["3.1"], militia, d(15, 5))}
    w.complete(w.m["2.1"], d(10, 5))
    return w
