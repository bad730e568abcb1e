"""Time the compliance dashboard on the dataset of bench/generate.py, against the bare SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_dashboard_bench \\
        .venv/bin/python bench/bench_dashboard.py [--requests 20] [--warmup 3] [--as-of 2022-09-30 …]

In one run it measures
- the dashboard's server-side response, GET reports:dashboard for the tracking body's
  reviewer (every unit), through Django's test Client (middleware, session, template,
  everything but the network), `--requests` times after `--warmup` requests, twice:
  cold: the dashboard's cache entries deleted before each request (every figure of the date
  computed; the assignments' facts, which do not depend on the date, read already:
  reports.dashboard.facts);
  another page: every entry deleted but the figures every page shares (the counts, the
  parts, the unit table: as when one turns the pages of the matrix, the unit table and the
  overdue list at once);
  warm: the same request again, answered from the cache (reports.dashboard.caching) — the
  cache is whatever settings.CACHES says: local memory, or Redis with REDIS_CACHE_URL;
- the bare SQL aggregate the four buckets need, written by hand and sent through the cursor
  (same directive, same "as of" date, same definition: the four buckets partition every
  assignment, by the deadline in force on that day and completion by then), the same number
  of times, with PostgreSQL's JIT off as for the dashboard's own queries;
- for the record, the dashboard's own counts for the date (reports.dashboard.counting), the
  floor of a page counted in SQL: one plain pass over the assignments grouped per unit and
  per part, with no status at all (FLOOR_SQL), and the cold page after a write: the facts
  read again from the database too (neither the process nor the shared cache has them);
all in turn, round after round, for each of several "as of" dates (--as-of, default four
across the year: the figures differ with the date, and so does their cost), and prints per
date the median and p95 of each and the ratios view/bare SQL (cold, another page, warm), then
the ratios over every date's requests together, and checks that both give the same four
counts on every date.
Last, the warmer (reports.dashboard.warming, run by the beat every minute): after a write,
how long its run takes to make the default view warm again. Figures go into
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
  COUNT(*) FILTER (WHERE NOT done AND due >= %(as_of)s::date)         AS open_within,
  COUNT(*) FILTER (WHERE NOT done AND due < %(as_of)s::date)          AS open_overdue
FROM (
  SELECT a.completed_on,
         a.completed_on IS NOT NULL AND a.completed_on <= %(as_of)s::date AS done,
         -- the deadline in force at the end of the "as of" day, or of the completion day for
         -- work done by then: an extension approved later had not moved it yet
         CASE WHEN a.extension_count = 0 THEN a.due_date ELSE COALESCE(
           (SELECT e.previous_due_date FROM tasks_extensionrequest e
             WHERE e.assignment_id = a.id AND e.status = 'approved'
               AND (e.decided_at AT TIME ZONE %(tz)s)::date > CASE
                 WHEN a.completed_on IS NOT NULL AND a.completed_on <= %(as_of)s::date
                 THEN a.completed_on ELSE %(as_of)s::date END
             ORDER BY e.decided_at, e.id LIMIT 1), a.due_date) END AS due
  FROM tasks_assignment a JOIN directives_task t ON t.id = a.task_id
  WHERE t.directive_id = %(directive)s AND NOT a.is_cancelled
) x
"""

# No status, no subquery: what a page computed on request cannot go below.
FLOOR_SQL = """
SELECT GROUPING(a.unit_id), a.unit_id, s.number, COUNT(*),
  SUM(CASE WHEN a.completed_on <= a.due_date THEN 1 ELSE 0 END),
  SUM(CASE WHEN a.completed_on > a.due_date THEN 1 ELSE 0 END),
  SUM(CASE WHEN a.completed_on IS NULL AND a.due_date < %(as_of)s::date THEN 1 ELSE 0 END),
  SUM(CASE WHEN a.completed_on IS NULL AND a.due_date >= %(as_of)s::date THEN 1 ELSE 0 END),
  MAX(a.received_on), SUM(a.extension_count)
FROM tasks_assignment a JOIN directives_task t ON t.id = a.task_id
  LEFT JOIN directives_section s ON s.id = t.section_id
WHERE t.directive_id = %(directive)s AND NOT a.is_cancelled
GROUP BY GROUPING SETS ((a.unit_id), (s.number))
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
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, nargs="+", default=[
        datetime.date(2022, 3, 1), datetime.date(2022, 6, 30), datetime.date(2022, 9, 30),
        datetime.date(2022, 12, 31)], help="the dates measured (ISO), each in turn")
    parser.add_argument("--requests", type=int, default=20, help="per date")
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

    from django.core.cache import cache

    from directives.models import Directive
    from reports.dashboard import caching, facts
    from reports.dashboard.aggregate import analytic_queries
    from reports.dashboard.selectors import count_as_of, dashboard_data, scoped_base, sees_whole
    from tasks.models import Assignment

    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_dashboard_bench")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    directive = Directive.objects.get(key=args.key)
    user = get_user_model().objects.get(username=args.user)
    count = Assignment.objects.filter(task__directive=directive).count()
    client = Client()
    client.force_login(user)
    url = reverse("reports:dashboard", args=[directive.pk])
    query = {}  # the "as of" date being measured

    keys, shared_keys = set(), set()
    make_key = caching.cache_key

    def recording_key(directive, as_of, filters, scope, options, version):
        key = make_key(directive, as_of, filters, scope, options, version)
        (shared_keys if str((options or {}).get("piece", "")).startswith("figures") else keys).add(key)
        return key

    caching.cache_key = recording_key

    def page():
        response = client.get(url, query)
        if response.status_code != 200:
            sys.exit(f"GET {url} answered {response.status_code}")
        page.size = len(response.content)

    def cold_page():
        # Delete this page's entries (not cache.clear(): a shared Redis holds other data).
        cache.delete_many([*keys, *shared_keys])
        page()

    def other_page():
        # Other pages of the same figures (the matrix, the unit table and the overdue list
        # at once): every entry is missing but the figures every page shares.
        cache.delete_many(list(keys))
        page()

    def warm_page():
        page()

    params = {"tz": settings.TIME_ZONE, "directive": directive.pk}  # and "as_of", the date measured
    whole = sees_whole(user, directive)

    def bare():
        # With JIT off, as the dashboard's own queries run (reports.dashboard.aggregate).
        with analytic_queries(), connection.cursor() as cursor:
            cursor.execute(BUCKET_SQL, params)
            bare.counts = cursor.fetchone()

    def floor():
        with analytic_queries(), connection.cursor() as cursor:
            cursor.execute(FLOOR_SQL, params)
            cursor.fetchall()

    def dashboard_counts():
        # The dashboard's own counts per unit and part (reports.dashboard.counting), the
        # assignments' facts read already.
        as_of = params["as_of"]
        with analytic_queries():
            count_as_of(directive, user, as_of, whole=whole)

    base = scoped_base(directive, user, whole=whole)

    def cold_after_write():
        # The first page of a date after a write: the assignments' facts are read again from
        # the database too (neither this process nor the shared cache has them).
        facts.forget(shared=base)
        cold_page()

    names = ("cold", "another page", "warm", "bare SQL", "counts", "floor", "cold, facts read")
    runs = []  # (date, {name: times}, counts agree, page KiB)
    for as_of in args.as_of:
        query["ngay"], params["as_of"] = as_of.strftime("%d/%m/%Y"), as_of
        times = timed([cold_page, other_page, warm_page, bare, dashboard_counts, floor, cold_after_write],
                      args.requests, args.warmup)
        data = dashboard_data(directive, user, as_of)
        agree = tuple(bare.counts) == tuple(b.count for b in data.summary.buckets)
        runs.append((as_of, dict(zip(names, times)), agree, bare.counts, page.size // 1024))
    warmer_ms = time_warmer(args, directive, Assignment, page, args.as_of[-1])
    export = time_export(directive, user, args.as_of[-1])

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        pg_version = cursor.fetchone()[0].split(" on ")[0]
    load = os.getloadavg()
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"date: {datetime.datetime.now(datetime.timezone.utc):%d/%m/%Y %H:%M} UTC   machine: {platform.node()}, "
          f"{os.cpu_count()} CPU, {pg_version}, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    print(f"dataset: {directive.key}: {len(data.units)} units, {count} assignments; cache: {backend}; "
          f"CONN_MAX_AGE {settings.DATABASES['default']['CONN_MAX_AGE']}; {args.requests} requests per date "
          f"after {args.warmup} warm-up")
    print()
    print("| as of | cold median / p95 | another page median / p95 | warm median / p95 | bare SQL median / p95 "
          "| counts median / p95 | ratio median: cold / another / warm | ratio p95: cold / another / warm |")
    print("|---|---|---|---|---|---|---|---|")

    def pair(times):
        return f"{statistics.median(times):.0f} / {percentile(times, 95):.0f} ms"

    def ratios(times, sql, pick):
        return " / ".join(f"{pick(times[n]) / pick(sql):.1f}" for n in ("cold", "another page", "warm"))

    median = statistics.median
    p95 = lambda values: percentile(values, 95)  # noqa: E731
    pooled = {n: [t for _d, times, *_rest in runs for t in times[n]] for n in names}
    for as_of, times, agree, counts, size in runs:
        print(f"| {as_of:%d/%m/%Y} | {pair(times['cold'])} | {pair(times['another page'])} | {pair(times['warm'])} | "
              f"{pair(times['bare SQL'])} | {pair(times['counts'])} | "
              f"{ratios(times, times['bare SQL'], median)} | {ratios(times, times['bare SQL'], p95)} |")
    print(f"| every date | {pair(pooled['cold'])} | {pair(pooled['another page'])} | {pair(pooled['warm'])} | "
          f"{pair(pooled['bare SQL'])} | {pair(pooled['counts'])} | "
          f"{ratios(pooled, pooled['bare SQL'], median)} | {ratios(pooled, pooled['bare SQL'], p95)} |")
    print()
    print(f"the floor of a page counted in SQL, one plain pass grouped per unit and part (no status), every "
          f"date: {pair(pooled['floor'])}; page size {', '.join(str(r[4]) for r in runs)} KiB")
    print(f"cold after a write (the assignments' facts read again), every date: {pair(pooled['cold, facts read'])}, "
          f"ratio median / p95 {median(pooled['cold, facts read']) / median(pooled['bare SQL']):.1f} / "
          f"{p95(pooled['cold, facts read']) / p95(pooled['bare SQL']):.1f}")
    print(f"warmer (reports.dashboard.warming), a write then its run ({len(warmer_ms)} runs): median "
          f"{statistics.median(warmer_ms):.0f} ms, p95 {percentile(warmer_ms, 95):.0f} ms; the next request "
          f"is then warm{'' if time_warmer.hit else ' — NOT: the warmer missed the page key'}")
    print("XLSX export of the whole dashboard as of {:%d/%m/%Y} ({} KiB): the figures CPU {:.2f} s (wall {:.2f} s), "
          "the workbook CPU {:.2f} s (wall {:.2f} s), median of 3".format(args.as_of[-1], *export))
    for as_of, _times, agree, counts, _size in runs:
        print(f"four buckets as of {as_of:%d/%m/%Y}: {tuple(counts)}"
              f"{', the dashboard agrees' if agree else '  ← THE DASHBOARD DIFFERS'}")
    verdicts = []
    for name in ("cold", "another page", "warm"):
        worst = max(percentile(times[name], 95) for _d, times, *_rest in runs)
        ratio = p95(pooled[name]) / p95(pooled["bare SQL"])
        verdicts.append(f"{name}: p95 < 300 ms on every date {'met' if worst < 300 else 'MISSED'} "
                        f"(worst {worst:.0f} ms), p95 ratio < 3 {'met' if ratio < 3 else 'MISSED'} ({ratio:.1f})")
    print("targets: " + "; ".join(verdicts))


def time_export(directive, user, as_of):
    """(KiB, figures CPU s, figures wall s, workbook CPU s, workbook wall s) of the XLSX export of
    the whole dashboard (every unit, task and overdue row), built as the export view builds it
    on a cache miss. CPU is this process's (PostgreSQL's work is not in it)."""
    from reports.dashboard import exports
    from reports.dashboard.selectors import dashboard_data

    cpu, wall = time.process_time(), time.perf_counter()
    data = dashboard_data(directive, user, as_of, matrix_units=None, matrix_tasks=None, overdue_per_page=None)
    figures = (time.process_time() - cpu, time.perf_counter() - wall)
    data.directive = directive
    spent = []
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        _name, _type, content = exports.dashboard_xlsx(data)
        spent.append((time.process_time() - cpu, time.perf_counter() - wall))
    return (len(content) // 1024, *figures, statistics.median(c for c, _w in spent),
            statistics.median(w for _c, w in spent))


def time_warmer(args, directive, Assignment, page, as_of):
    """Milliseconds of the warmer's run after a write (a QuerySet.update(), which the triggers
    see), `args.requests // 3` times; the warmer computes the view as of `as_of`, the
    date the page is asked for. Sets time_warmer.hit: the request after the last run was
    answered from the warmed entry (no new cache key was made)."""
    from reports.dashboard import caching
    from reports.dashboard.warming import warm_dashboards

    one = Assignment.objects.filter(task__directive=directive).order_by("pk").first()
    spent = []
    for _ in range(max(3, args.requests // 3)):
        Assignment.objects.filter(pk=one.pk).update(updated_at=one.updated_at)  # changes nothing, bumps the version
        start = time.perf_counter()
        warmed = warm_dashboards(today=as_of)
        spent.append((time.perf_counter() - start) * 1000)
        if directive not in warmed:
            sys.exit("the warmer computed nothing after a write")
    made = []
    original = caching.DashboardCache._cached

    def spy(self, key, compute, name=None):
        def recording():
            made.append(key)
            return compute()
        return original(self, key, recording, name)

    caching.DashboardCache._cached = spy
    try:
        page()
    finally:
        caching.DashboardCache._cached = original
    time_warmer.hit = not made
    return spent


if __name__ == "__main__":
    main()
