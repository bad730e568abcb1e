"""Build a province-scale dataset for the dashboard benchmark (bench/bench_dashboard.py).

    createdb -h 127.0.0.1 -U postgres tuson_dashboard_bench          # once (or let this script do it)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_dashboard_bench \\
        .venv/bin/python bench/generate.py --units 500 --tasks 200

One published directive ("bench-<units>x<tasks>", tracked by its own military committee)
with six parts and closing tasks, `units` units of every kind, each assigned every task:
units × tasks assignments, with submissions, reviews and extensions in these proportions
(as of --as-of, 30/09/2022 by default):

    completed on time 55%   completed late 10%   awaiting review 10%   returned 5%
    open 20% (about half overdue, half still within the deadline)
    ~8% with an approved extension, one in eight of them approved after the "as of" date

Two thirds of the tasks fall due before the "as of" date; the outcomes are drawn so that the
totals land on the proportions above. Everything is written with bulk_create; running it
again replaces the dataset of the same size. Accounts, password "bench": bench.duqs (the
tracking body), bench.donvi (officer of the first unit), bench.truong (head of the first
unit), bench.vanphong (the Office), bench.lanhdao (an observer).
"""

import argparse
import datetime
import importlib
import os
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = datetime.date(2022, 1, 4)
KINDS = [("ward", 0.30), ("department", 0.20), ("militia", 0.20), ("self_defence", 0.10),
         ("party_cell", 0.15), ("mass_org", 0.05)]
PART_TITLES = [
    "Quán triệt, thực hiện các nghị quyết về quốc phòng, khu vực phòng thủ",
    "Xây dựng lực lượng dân quân tự vệ, dự bị động viên",
    "Tuyển chọn, gọi công dân nhập ngũ",
    "Giáo dục quốc phòng và an ninh",
    "Diễn tập khu vực phòng thủ, phòng chống thiên tai",
    "Chính sách hậu phương quân đội",
]


def ensure_database():
    """Create the database named in DATABASE_URL if PostgreSQL does not have it yet."""
    import environ
    import psycopg2
    from psycopg2 import sql

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own, e.g. "
                 "postgres://postgres@127.0.0.1:5432/tuson_dashboard_bench")
    config = environ.Env.db_url_config(url)
    try:
        psycopg2.connect(dbname=config["NAME"], user=config["USER"], host=config["HOST"],
                         port=config["PORT"] or 5432, password=config["PASSWORD"]).close()
    except psycopg2.OperationalError:
        admin = psycopg2.connect(dbname="postgres", user=config["USER"], host=config["HOST"],
                                 port=config["PORT"] or 5432, password=config["PASSWORD"])
        admin.autocommit = True
        admin.cursor().execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
        admin.close()
        print(f"created database {config['NAME']}")


def at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN)


def outcome(rng, due_before_as_of):
    """Drawn so that, with two thirds of the tasks due before the "as of" date, the totals
    are 55% on time, 10% late, 10% awaiting review, 5% returned, 10% overdue, 10% within."""
    r = rng.random()
    if r < 0.55:
        return "on_time"
    if r < 0.65:
        return "awaiting"
    if r < 0.70:
        return "returned"
    if due_before_as_of:
        return "late" if r < 0.85 else "open"
    return "open"


class Generator:
    def __init__(self, units, tasks, as_of, seed):
        self.n_units, self.n_tasks, self.as_of = units, tasks, as_of
        self.rng = random.Random(seed)
        self.key = f"bench-{units}x{tasks}"

    def run(self):
        from django.db import connection, transaction

        started = time.perf_counter()
        with transaction.atomic():
            self.clear()
            self.people_and_directive()
            self.structure()
            self.work()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{self.key}: {len(self.units)} units × {len(self.tasks)} tasks = {self.assignment_count} "
              f"assignments, {self.submission_count} submissions, {self.extension_count} extensions "
              f"in {time.perf_counter() - started:.1f} s")

    def clear(self):
        from directives.models import Directive
        from tasks.models import Unit

        Directive.objects.filter(key=self.key).delete()
        previous = Unit.objects.filter(key__startswith=f"{self.key}-")
        previous.update(parent=None)  # Unit.parent is protected
        previous.delete()

    def people_and_directive(self):
        from django.contrib.auth import get_user_model

        from accounts import grants, roles
        from directives.models import Directive
        from tasks.models import Unit

        self.tracker = Unit.objects.create(key=f"{self.key}-duqs", name="Đảng ủy Quân sự (bench)",
                                           kind=Unit.Kind.MILITARY)
        User = get_user_model()
        self.reviewer = User.objects.filter(username="bench.duqs").first() or User.objects.create_user(
            "bench.duqs", password="bench", last_name="Cán bộ theo dõi (bench)")
        self.officer = User.objects.filter(username="bench.donvi").first() or User.objects.create_user(
            "bench.donvi", password="bench", last_name="Cán bộ đơn vị (bench)")
        grants.add_member(self.tracker, self.reviewer)
        for username, name, role in (("bench.vanphong", "Văn phòng (bench)", roles.OFFICE),
                                     ("bench.lanhdao", "Lãnh đạo theo dõi (bench)", roles.OBSERVER)):
            user = User.objects.filter(username=username).first() or User.objects.create_user(
                username, password="bench", last_name=name)
            grants.set_role(user, role)
        self.head = User.objects.filter(username="bench.truong").first() or User.objects.create_user(
            "bench.truong", password="bench", last_name="Trưởng đơn vị (bench)")
        self.directive = Directive.objects.create(
            key=self.key, parent_organ="ĐẢNG BỘ TỈNH BẮC NINH", issuing_organ="THÀNH ỦY TỪ SƠN",
            number="99", symbol="CT/TU", document_type="CHỈ THỊ",
            summary=f"Dữ liệu đo hiệu năng: {self.n_units} đơn vị × {self.n_tasks} nhiệm vụ",
            place="Từ Sơn", issued_on=ISSUED, year=2022, tracking_unit=self.tracker,
            status=Directive.Status.PUBLISHED,
        )
        grants.grant_tracking(self.directive)

    def structure(self):
        from accounts import grants
        from directives.models import Section, Task
        from tasks.models import Membership, Unit

        sections = [Section(directive=self.directive, number=n, title=title, text=title)
                    for n, title in enumerate(PART_TITLES, start=1)]
        Section.objects.bulk_create(sections)
        before_days = (self.as_of - ISSUED).days
        tasks = []
        for i in range(self.n_tasks):
            section = sections[i % 6] if i < self.n_tasks * 0.9 else None
            if self.rng.random() < 2 / 3:
                deadline = ISSUED + datetime.timedelta(days=self.rng.randint(20, before_days - 1))
            else:
                deadline = self.as_of + datetime.timedelta(days=self.rng.randint(0, 92))
            tasks.append(Task(directive=self.directive, section=section,
                              key=f"{section.number if section else 'C'}.{i + 1}", position=i + 1,
                              title=f"Nhiệm vụ thử số {i + 1}", kind=Task.Kind.ONE_OFF, deadline=deadline))
        self.tasks = Task.objects.bulk_create(tasks)
        kinds = [k for k, share in KINDS for _ in range(round(share * 100))]
        units = [Unit(key=f"{self.key}-u{n:04d}", name=f"Đơn vị thử số {n}",
                      short_name=f"ĐV {n}", kind=kinds[n % len(kinds)])
                 for n in range(1, self.n_units + 1)]
        self.units = Unit.objects.bulk_create(units)
        wards = [u for u in self.units if u.kind == "ward"]
        for unit in self.units:
            if unit.kind == "militia" and wards:
                unit.parent = wards[unit.pk % len(wards)]
        Unit.objects.bulk_update(self.units, ["parent"], batch_size=2000)
        grants.add_member(self.units[0], self.officer)
        grants.add_member(self.units[0], self.head, Membership.Role.HEAD)

    def work(self):
        from django.db import connection

        from tasks.models import Assignment, ExtensionRequest, Submission

        SYNC = importlib.import_module("tasks.migrations.0005_assignment_latest_facts").SYNC
        rng, as_of = self.rng, self.as_of
        plans, assignments = [], []
        for unit in self.units:
            for task in self.tasks:
                original = due = task.deadline
                extension = None
                if rng.random() < 0.08:
                    new_due = original + datetime.timedelta(days=30)
                    if rng.random() < 0.125:  # approved after the "as of" date
                        decided = as_of + datetime.timedelta(days=rng.randint(1, 20))
                        effective = original
                    else:
                        decided = max(ISSUED + datetime.timedelta(days=5),
                                      min(original, as_of) - datetime.timedelta(days=rng.randint(1, 10)))
                        effective = new_due
                    extension = (original, new_due, decided)
                    due = new_due
                else:
                    effective = due
                kind = outcome(rng, effective < as_of)
                received = ISSUED + datetime.timedelta(days=rng.randint(3, 20)) if rng.random() < 0.9 else None
                completed = None
                if kind == "on_time":
                    latest = min(effective, as_of)
                    completed = max(ISSUED + datetime.timedelta(days=1),
                                    latest - datetime.timedelta(days=rng.randint(0, 25)))
                elif kind == "late":
                    completed = effective + datetime.timedelta(days=rng.randint(1, max(1, (as_of - effective).days)))
                assignments.append(Assignment(
                    task=task, unit=unit, role="lead" if rng.random() < 0.3 else "coordinating",
                    original_due_date=original, due_date=due, extension_count=1 if extension else 0,
                    received_on=received, completed_on=completed,
                ))
                plans.append((kind, completed, extension))
        Assignment.objects.bulk_create(assignments, batch_size=5000)
        self.assignment_count = len(assignments)

        submissions, extensions = [], []
        for a, (kind, completed, extension) in zip(assignments, plans):
            versions = []
            if kind in ("on_time", "late"):
                if rng.random() < 0.2:
                    versions.append(("returned", completed - datetime.timedelta(days=10), 2))
                versions.append(("accepted", completed, 1))
            elif kind == "awaiting":
                sent = as_of - datetime.timedelta(days=rng.randint(0, 20))
                if rng.random() < 0.3:
                    versions.append(("returned", sent - datetime.timedelta(days=10), 2))
                versions.append(("pending", sent, None))
            elif kind == "returned":
                sent = as_of - datetime.timedelta(days=rng.randint(3, 30))
                versions.append(("returned", sent, 2))
            for version, (status, sent, decided_after) in enumerate(versions, start=1):
                sent = max(sent, ISSUED + datetime.timedelta(days=1))
                decided = None if decided_after is None else min(sent + datetime.timedelta(days=decided_after), as_of)
                submissions.append(Submission(
                    assignment=a, version=version, kind="final" if status == "accepted" else "progress",
                    summary="Báo cáo kết quả thực hiện", status=status, submitted_by=self.officer,
                    submitted_at=at(sent), decided_at=at(decided, 15) if decided else None,
                    decided_by=self.reviewer if decided else None,
                ))
            if extension:
                previous, new_due, decided = extension
                extensions.append(ExtensionRequest(
                    assignment=a, previous_due_date=previous, requested_due_date=new_due,
                    reason="Đề nghị gia hạn do chờ kinh phí", status="approved",
                    requested_by=self.officer, requested_at=at(decided - datetime.timedelta(days=3)),
                    decided_by=self.reviewer, decided_at=at(decided, 16),
                ))
        # The fact triggers (tasks/0005, 0009) recompute each batch's assignments from their
        # rows before the tables have statistics: superlinear over 100,000 assignments. They
        # stay off for the bulk inserts; one pass then computes the facts of these assignments.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            Submission.objects.bulk_create(submissions, batch_size=5000)
            ExtensionRequest.objects.bulk_create(extensions, batch_size=5000)
            cursor.execute("SET LOCAL session_replication_role = origin")
            cursor.execute("ANALYZE tasks_submission; ANALYZE tasks_extensionrequest")
            cursor.execute(f"SELECT {SYNC}(%s)", [[a.pk for a in assignments]])
        self.submission_count, self.extension_count = len(submissions), len(extensions)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=datetime.date(2022, 9, 30))
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--no-migrate", action="store_true")
    args = parser.parse_args()
    ensure_database()

    import django

    django.setup()
    from django.core.management import call_command

    if not args.no_migrate:
        call_command("migrate", verbosity=0)
    Generator(args.units, args.tasks, args.as_of, args.seed).run()


if __name__ == "__main__":
    main()
