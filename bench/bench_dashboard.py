"""Time the compliance dashboard on the dataset of bench/generate.py, against the bare SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_dashboard_bench \\
        .venv/bin/python bench/bench_dashboard.py [--requests 30] [--warmup 3]

In one run it measures
- the dashboard's server-side response: GET reports:dashboard for the tracking body's
  reviewer (every unit), through Django's test Client (middleware, session, template,
  everything but the network), `--requests` times after `--warmup` requests;
- the bare SQL aggregate the four buckets need, written by hand and sent through the cursor
  (same directive, same "as of" date, same definition: deadline in force on that day,
  completed by then), the same number of times, with PostgreSQL's JIT off as for the
  dashboard's own queries;
- for the record, the dashboard's own grouped aggregate (reports.dashboard.aggregate);
the three in turn, round after round, and prints the median and p95 of each and the ratio
view/bare SQL, then checks that both give the same four counts. Figures go into
docs/performance.md.
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")
# A deployment keeps its database connections (CONN_MAX_AGE): so does the benchmark.
os.environ.setdefault("CONN_MAX_AGE", "600")

BUCKET_SQL = """
SELECT
  COUNT(*) FILTER (WHERE done AND completed_on <= due)                AS done_on_time,
  COUNT(*) FILTER (WHERE done AND completed_on > due)                 AS done_late,
  COUNT(*) FILTER (WHERE NOT done AND due = %(as_of)s::date)          AS open_within,
  COUNT(*) FILTER (WHERE NOT done AND due < %(as_of)s::date)          AS open_overdue
FROM (
  SELECT a.completed_on,
         a.completed_on IS NOT NULL AND a.completed_on <= %(as_of)s::date AS done,
         -- the deadline in force at the end of the day: an extension approved later had not moved it yet
         CASE WHEN a.extension_count = 0 THEN a.due_date ELSE COALESCE(
           (SELECT e.previous_due_date FROM tasks_extensionrequest e
             WHERE e.assignment_id = a.id AND e.status = 'approved' AND e.decided_at >= %(cutoff)s
             ORDER BY e.decided_at, e.id LIMIT 1), a.due_date) END AS due
  FROM tasks_assignment a JOIN directives_task t ON t.id = a.task_id
  WHERE t.directive_id = %(directive)s AND NOT a.is_cancelled
) x
"""


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def timed(fns, runs, warmup):
    """Milliseconds of each function, run in turn (round-robin), so that a change of load on
    the machine weighs on all of them alike."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    times = [[] for _ in fns]
    for _ in range(runs):
        for fn, spent in zip(fns, times):
            start = time.perf_counter()
            fn()
            spent.append((time.perf_counter() - start) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--key", default="bench-500x200", help="the generated directive's key")
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=datetime.date(2022, 9, 30))
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--user", default="bench.duqs")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from directives.models import Directive
    from reports.dashboard import aggregate
    from reports.dashboard.aggregate import analytic_queries
    from reports.dashboard.selectors import dashboard_data, scoped_assignments
    from tasks.models import Assignment
    from tasks.querysets import end_of_day

    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_dashboard_bench")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    directive = Directive.objects.get(key=args.key)
    user = get_user_model().objects.get(username=args.user)
    count = Assignment.objects.filter(task__directive=directive).count()
    client = Client()
    client.force_login(user)
    url = reverse("reports:dashboard", args=[directive.pk])
    query = {"ngay": args.as_of.strftime("%d/%m/%Y")}

    def page():
        response = client.get(url, query)
        if response.status_code != 200:
            sys.exit(f"GET {url} answered {response.status_code}")
        page.size = len(response.content)

    params = {"as_of": args.as_of, "cutoff": end_of_day(args.as_of), "directive": directive.pk}

    def bare():
        # With JIT off, as the dashboard's own queries run (reports.dashboard.aggregate).
        with analytic_queries(), connection.cursor() as cursor:
            cursor.execute(BUCKET_SQL, params)
            bare.counts = cursor.fetchone()

    def dashboard_aggregate():
        # The dashboard's own main query: status and buckets counted per unit and part.
        with analytic_queries():
            aggregate.grouped_counts(scoped_assignments(directive, user, args.as_of), args.as_of)

    view_ms, sql_ms, aggregate_ms = timed([page, bare, dashboard_aggregate], args.requests, args.warmup)
    data = dashboard_data(directive, user, args.as_of)
    dashboard_counts = tuple(b.count for b in data.summary.buckets)

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        pg_version = cursor.fetchone()[0].split(" on ")[0]
    load = os.getloadavg()
    view_p95, sql_p95 = percentile(view_ms, 95), percentile(sql_ms, 95)
    view_median, sql_median = statistics.median(view_ms), statistics.median(sql_ms)
    print(f"date: {datetime.datetime.now():%d/%m/%Y %H:%M}   machine: {platform.node()}, "
          f"{os.cpu_count()} CPU, {pg_version}, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    print(f"dataset: {directive.key}: {len(data.units)} units, {count} assignments, as of {args.as_of:%d/%m/%Y}")
    print(f"dashboard view  ({args.requests} requests after {args.warmup} warm-up, page {page.size // 1024} KiB): "
          f"median {view_median:.0f} ms, p95 {view_p95:.0f} ms, min {min(view_ms):.0f} ms")
    print(f"bare bucket SQL ({args.requests} runs): median {sql_median:.0f} ms, p95 {sql_p95:.0f} ms, "
          f"min {min(sql_ms):.0f} ms")
    print(f"  of the view: its grouped aggregate (status and buckets per unit and part): median "
          f"{statistics.median(aggregate_ms):.0f} ms, p95 {percentile(aggregate_ms, 95):.0f} ms")
    print(f"ratio view/SQL: median {view_median / sql_median:.2f}, p95 {view_p95 / sql_p95:.2f}")
    print(f"four buckets: SQL {bare.counts}, dashboard {dashboard_counts}"
          f"{'' if tuple(bare.counts) == dashboard_counts else '  ← DIFFERENT'}")
    print(f"targets: p95 < 300 ms {'met' if view_p95 < 300 else 'MISSED'}; "
          f"ratio < 3 {'met' if view_p95 / sql_p95 < 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
