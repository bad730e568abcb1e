"""The reminder sweep on the 100,000-assignment dataset (500 units × 200 tasks), on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_reminders_bench .venv/bin/python bench/bench_reminders.py

Builds the dashboard's dataset with bench/generate.py (once) and gives every unit two officers
and a head (the generator creates units without people). Measures, for one day:
  1. the day's first sweep (decides and writes every reminder of the day),
  2. a repeated sweep (what runs every 15 minutes for the rest of the day),
  3. building the daily digests (which sweeps once more, then groups the rows per person),
  4. delivering a sample of dispatches (per-message cost, e-mail to memory and the bell),
with wall time and the number of SQL queries of each. Queued sends are counted, not sent,
so steps 1–3 time the database work the beat triggers. Re-running starts the day afresh.
"""

import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tuson_reminders_bench")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"

import django  # noqa: E402

from bench.generate import ensure_database  # noqa: E402

ensure_database()
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

UNITS, TASKS = 500, 200
AS_OF = datetime.date(2022, 9, 30)  # the generator's "as of" date: the sweep runs on it


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(label, fn, *args):
    counter = QueryCounter()
    start = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = fn(*args)
    seconds = time.perf_counter() - start
    print(f"{label:<46} {seconds:8.2f} s {counter.count:8d} queries")
    return result, seconds, counter.count


def ensure_dataset():
    """The dashboard's dataset (bench/generate.py), plus the people reminders go to: two
    officers and a head in every unit, added through accounts.grants like real members."""
    from bench.generate import Generator
    from directives.models import Directive

    key = f"bench-{UNITS}x{TASKS}"
    made = not Directive.objects.filter(key=key).exists()
    if made:
        Generator(UNITS, TASKS, AS_OF, 2022).run()
    ensure_people(key)
    return key, made


def ensure_people(key):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from accounts import grants
    from tasks.models import Membership, Unit

    units = list(Unit.objects.filter(key__startswith=f"{key}-u").order_by("pk"))
    staffed = set(Membership.objects.filter(unit__in=units, user__username__startswith="bench.r.")
                  .values_list("unit_id", flat=True))
    todo = [u for u in units if u.pk not in staffed]
    if not todo:
        return
    User = get_user_model()
    password = make_password("bench")
    people = User.objects.bulk_create([
        User(username=f"bench.r.{u.pk}.{r}", email=f"bench.r.{u.pk}.{r}@tuson.local", password=password,
             last_name=f"Cán bộ {r} ({u.short_name})") for u in todo for r in ("a", "b", "head")
    ], batch_size=2000)
    for i, unit in enumerate(todo):
        for j, role in enumerate(("officer", "officer", "head")):
            grants.add_member(unit, people[3 * i + j], role)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def reset_day():
    from reminders.models import Dispatch, ReminderLog

    ReminderLog.objects.all().delete()
    Dispatch.objects.all().delete()


def main():
    import time_machine
    from django.conf import settings

    from reminders import services
    from reminders.models import DeliveryStatus, Dispatch, ReminderLog
    from reminders.services import sweeping
    from tasks.models import Assignment

    if connection.vendor != "postgresql":
        sys.exit("bench_reminders: run it on PostgreSQL (DATABASE_URL=postgres://…)")
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    key, made = ensure_dataset()
    print(f"dataset {key}: {Assignment.objects.filter(task__directive__key=key).count():,} assignments "
          f"({'built' if made else 'reused'} in {time.perf_counter() - start:.1f} s); sweep day "
          f"{AS_OF:%d/%m/%Y}; batch {settings.REMINDER_BATCH_SIZE}")
    reset_day()
    queued = []

    def count_only(ids):
        queued.extend(ids)

    # Count the queued sends instead of publishing them: delivery is measured on its own.
    sweeping.enqueue_dispatches = count_only
    vn = datetime.timezone(datetime.timedelta(hours=7))
    with time_machine.travel(datetime.datetime.combine(AS_OF, datetime.time(0, 5), tzinfo=vn), tick=True):
        first, t1, q1 = measure("1. first sweep of the day", services.sweep, AS_OF)
        print(f"   {first.hits:,} reminders owed, {first.rows_new:,} log rows written, "
              f"{len(queued):,} dispatches queued at once")
        again, t2, q2 = measure("2. repeated sweep (every 15 min)", services.sweep, AS_OF)
        print(f"   {again.rows_new} new rows")
        queued.clear()
        (_r, ids), t3, q3 = measure("3. daily digests (sweep + grouping)", services.send_daily_digests, AS_OF)
        print(f"   {len(ids):,} digests queued; {ReminderLog.objects.count():,} log rows in all")

        sample = list(Dispatch.objects.filter(status=DeliveryStatus.PENDING).order_by("?")
                      .values_list("pk", flat=True)[:200])
        _none, t4, q4 = measure(f"4. deliver {len(sample)} dispatches", lambda: [
            services.deliver_dispatch(pk) for pk in sample])
        if sample:
            print(f"   {t4 / len(sample) * 1000:.1f} ms and {q4 / len(sample):.1f} queries per dispatch")
    return {"first": (t1, q1), "again": (t2, q2), "digest": (t3, q3), "deliver": (t4, q4)}


if __name__ == "__main__":
    main()
