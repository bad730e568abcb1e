"""The main pages under concurrent load, through gunicorn started as production starts it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_bench \\
        .venv/bin/python bench/load.py [--port 8160] [--levels 1,4,16] [--seconds 4] [--pages …]

The dataset is bench/generate.py's (500 units × 200 tasks = 100,000 assignments) and its
accounts (bench.donvi officer, bench.truong head, bench.duqs tracking body, bench.vanphong
Office, bench.lanhdao observer; password "bench").

What it does
- starts `gunicorn tuson_qp.wsgi:application -c deploy/gunicorn.conf.py` on 127.0.0.1:--port
  with the web service's environment of docker-compose.yml (DEBUG, CONN_MAX_AGE,
  CONN_HEALTH_CHECKS, WEB_CONCURRENCY — the worker count —, TRUSTED_PROXY_COUNT,
  SECURE_SSL_REDIRECT, SENDFILE_MODE, their ${VAR:-default} resolved against this
  environment), the cache in Redis (--redis-cache, a database number of its own: it is
  emptied at the start of each level) and static files collected under var/bench-static;
  `--set NAME=VALUE` adds a variable (e.g. WEB_CONCURRENCY=4); and the Celery worker of the
  `worker` service (it builds the XLSX exports: a file not cached yet is answered by a page
  that asks again, and the bench asks every second until the file comes);
- requests go only to 127.0.0.1, as nginx would pass them (X-Forwarded-Proto: https,
  X-Forwarded-For); each role signs in through the sign-in form (CSRF token, POST);
- for each level of concurrent clients (1, 4, 16), the account page first (the yardstick),
  then every page in turn: each client requests the page again and again for --seconds
  (at least --min-requests in all, never more than --max-requests, and never longer than
  four times --seconds once started; the XLSX file of a new date: two per level); p50, p95 and
  throughput, errors (any answer but 200);
- prints a Markdown table with each page's ratios to the account page of the same level and
  the load average when its measurement ended, then the targets.

Pages that are "warm" are asked for once before their first level (not counted). "Cold" pages
ask each time for an "as of" date not asked for before in the level (dates of 2022 for the
dashboard, of 2023 for the export): every figure is computed. The matrix and overdue pages
go through the pages in turn (counts cached by the warm dashboard of the same date; each page
computed on its first visit in the level, then cached). Stops gunicorn when done, or on
Ctrl-C. The figures go into docs/performance.md.
"""

import argparse
import datetime
import http.client
import itertools
import os
import platform
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COMPOSE = ROOT / "docker-compose.yml"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
PRODUCTION_VARIABLES = ("DEBUG", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "WEB_CONCURRENCY",
                        "TRUSTED_PROXY_COUNT", "SECURE_SSL_REDIRECT", "SENDFILE_MODE")
ROLES = {"officer": "bench.donvi", "head": "bench.truong", "reviewer": "bench.duqs",
         "office": "bench.vanphong", "observer": "bench.lanhdao"}
WARM_DATE = "30/09/2022"


def production_environment():
    """The web service's variables that shape its performance: from docker-compose.yml's
    environment, else from its env file (deploy/portal.env, or the example it is made from);
    a variable set in neither keeps the settings' default."""
    import yaml

    compose = yaml.safe_load(COMPOSE.read_text())
    app = compose["x-app"]
    found = {}
    env_file = ROOT / app.get("env_file", "deploy/portal.env")
    if not env_file.exists():
        env_file = env_file.with_name(env_file.name + ".example")
    if env_file.exists():
        for line in env_file.read_text().splitlines():
            name, sep, value = line.strip().partition("=")
            if sep and not name.startswith("#"):
                found[name.strip()] = value.strip()
    found.update(app.get("environment") or {})

    def resolve(value):
        return re.sub(r"\$\{(\w+)(?::-([^}]*))?\}", lambda m: os.environ.get(m[1], m[2] or ""), str(value))

    return {name: resolve(found[name]) for name in PRODUCTION_VARIABLES if name in found}


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class Session:
    """One browser: its cookies (kept by hand: the session cookie is Secure, and the requests
    arrive as from nginx over plain HTTP), one connection per request (sync workers close it)."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies = port, address, {}

    def copy(self):
        other = Session(self.port, self.address)
        other.cookies = dict(self.cookies)
        return other

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https",
                "X-Forwarded-For": self.address, "Accept-Language": "vi", "Connection": "close",
                **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body, sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", content


def sign_in(port, role, username, address):
    """A session signed in through the portal's sign-in form."""
    session = Session(port, address)
    status, _location, page = session.request("GET", "/dang-nhap/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or not token:
        sys.exit(f"the sign-in page answered {status} without a CSRF token")
    origin = f"https://127.0.0.1:{port}"
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token[1].decode(), "username": username,
                                   "password": "bench"})
    status, location, _page = session.request("POST", "/dang-nhap/", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Referer": f"{origin}/dang-nhap/",
        "Origin": origin})
    if status != 302 or "dang-nhap" in location or "xac-thuc" in location:
        sys.exit(f"{role} ({username}) could not sign in: {status} {location} (run bench/generate.py; "
                 "no two-factor requirement on the bench accounts)")
    return session


@dataclass
class Page:
    name: str
    role: str
    paths: object  # () -> next path, or None when there is none left
    kind: str = "html"  # html, file
    cold: bool = False
    max_requests: int = 0  # 0: --max-requests; -1: one per client


def repeat(path):
    return lambda: path


class InTurn:
    """The paths in turn (thread-safe); `once`: each once, then None. restart() begins again."""

    def __init__(self, paths, once=False):
        self.paths, self.once = list(paths), once
        self.lock = threading.Lock()
        self.restart()

    def restart(self):
        self.iterator = iter(self.paths) if self.once else itertools.cycle(self.paths)

    def __call__(self):
        with self.lock:
            return next(self.iterator, None)


def dates(year, seed):
    first = datetime.date(year, 1, 1)
    days = [first + datetime.timedelta(days=n) for n in range(365)]
    random.Random(seed).shuffle(days)
    return [f"{d:%d/%m/%Y}" for d in days]


def bench_objects(key):
    """(directive pk, an open assignment of the officer's unit never submitted, a submission
    awaiting review) of the generated dataset."""
    from django.contrib.auth import get_user_model

    from directives.models import Directive
    from tasks.models import Assignment, Submission

    directive = Directive.objects.get(key=key)
    officer = get_user_model().objects.get(username=ROLES["officer"])
    assignment = Assignment.objects.filter(
        task__directive=directive, unit__memberships__user=officer, completed_on=None,
        is_cancelled=False, last_submitted_at=None).order_by("pk").first()
    submission = Submission.objects.filter(
        assignment__task__directive=directive, status=Submission.Status.PENDING).order_by("pk").first()
    if assignment is None or submission is None:
        sys.exit("the bench dataset has no open assignment or pending submission: run bench/generate.py")
    return directive.pk, assignment.pk, submission.pk


def pages(directive, assignment, submission):
    dashboard = f"/theo-doi/chi-thi/{directive}/"
    export = f"/theo-doi/chi-thi/{directive}/xuat/"
    warm = f"?ngay={urllib.parse.quote(WARM_DATE)}"
    matrix = [f"{dashboard}{warm}&trang={u}&trang_nv={t}" for u in range(2, 21) for t in range(1, 5)]
    overdue = [f"{dashboard}{warm}&trang_qh={n}" for n in range(2, 390)]
    return [
        *[Page(f"home (directive list), {role}", role, repeat("/chi-thi/")) for role in ROLES],
        Page("task list /viec/, officer of a unit with 200 tasks", "officer", repeat("/viec/")),
        Page("task list /viec/, head of that unit", "head", repeat("/viec/")),
        Page("assignment", "officer", repeat(f"/viec/{assignment}/")),
        Page("upload form", "officer", repeat(f"/viec/{assignment}/nop/")),
        Page("review queue", "reviewer", repeat("/viec/tham-dinh/")),
        Page("review page", "reviewer", repeat(f"/viec/van-ban/{submission}/tham-dinh/")),
        Page("dashboard, warm (every unit)", "reviewer", repeat(dashboard + warm)),
        Page("dashboard, warm (officer: own unit)", "officer", repeat(dashboard + warm)),
        Page("dashboard, cold (a new 'as of' date of 2022 each time)", "reviewer",
             InTurn([f"{dashboard}?ngay={urllib.parse.quote(d)}" for d in dates(2022, 22)], once=True),
             cold=True),
        Page("dashboard, matrix pages in turn", "reviewer", InTurn(matrix)),
        Page("dashboard, overdue list pages in turn", "reviewer", InTurn(overdue)),
        Page("notifications", "officer", repeat("/thong-bao/")),
        Page("audit list", "office", repeat("/nhat-ky/")),
        Page("reminder log", "office", repeat("/nhac-viec/")),
        Page("report list", "reviewer", repeat("/theo-doi/bao-cao/")),
        Page("export XLSX, same date again (cached file)", "reviewer", repeat(export + warm), kind="file"),
        Page("export CSV (units), same date again", "reviewer", repeat(f"{export}{warm}&dinh_dang=csv"),
             kind="file"),
        Page("export XLSX, a new 'as of' date of 2023 each time", "reviewer",
             InTurn([f"{export}?ngay={urllib.parse.quote(d)}" for d in dates(2023, 23)], once=True),
             kind="file", cold=True, max_requests=2),
    ]


@dataclass
class Result:
    page: Page
    clients: int
    times: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    elapsed: float = 0.0
    load: float = 0.0

    @property
    def p50(self):
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def p95(self):
        return percentile(self.times, 95) if self.times else float("nan")

    @property
    def throughput(self):
        return len(self.times) / self.elapsed if self.elapsed else 0.0


def fetch(session, page, path):
    """(status, location) of GET path; a file being built (202) is asked for again every second
    (a browser: every 3 s) until it comes, for 300 s at most."""
    start = time.perf_counter()
    status, location, _content = session.request("GET", path)
    while status == 202 and page.kind == "file" and time.perf_counter() - start < 300:
        time.sleep(1)
        status, location, _content = session.request("GET", path)
    return status, location


def measure(page, clients, sessions, args):
    result = Result(page, clients)
    lock = threading.Lock()
    limit = clients if page.max_requests == -1 else (page.max_requests or args.max_requests)
    started = time.monotonic()
    soft_end, hard_end = started + args.seconds, started + 4 * args.seconds

    started_requests = [0]

    def client(n):
        session = sessions[page.role][n % len(sessions[page.role])].copy()
        while True:
            now = time.monotonic()
            with lock:
                done = len(result.times) + len(result.errors)
                if (started_requests[0] >= limit or now >= hard_end
                        or (now >= soft_end and done >= args.min_requests)):
                    return
                started_requests[0] += 1
            path = page.paths()
            if path is None:
                return
            start = time.perf_counter()
            try:
                status, location = fetch(session, page, path)
            except OSError as error:
                status, location = f"{type(error).__name__}", ""
            spent = (time.perf_counter() - start) * 1000
            with lock:
                if status == 200:
                    result.times.append(spent)
                else:
                    result.errors.append(f"{status} {path} {location}".strip())

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.monotonic() - started
    result.load = os.getloadavg()[0]
    return result


def start_server(args, environment, log):
    """gunicorn as docker-compose's web service runs it, on 127.0.0.1:args.port."""
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "tuson_qp.wsgi:application",
               "-c", str(GUNICORN_CONF), "--bind", f"127.0.0.1:{args.port}", "--access-logfile", "-"]
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    probe = Session(args.port, "127.0.0.1")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {server.returncode}): see {log.name}")
        try:
            if probe.request("GET", "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    stop_server(server)
    sys.exit(f"gunicorn did not answer /healthz within 90 s: see {log.name}")


def start_worker(environment, log):
    """The Celery worker of docker-compose's `worker` service (it builds the XLSX exports)."""
    import shlex

    import yaml

    command = shlex.split(yaml.safe_load(COMPOSE.read_text())["services"]["worker"]["command"])
    command[0] = str(ROOT / ".venv" / "bin" / command[0])
    command = [*(c for c in command if c not in ("-l", "info")), "-l", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop_server(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # the master stops its workers
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def flush_cache(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--key", default="bench-500x200", help="the generated directive's key")
    parser.add_argument("--port", type=int, default=8160)
    parser.add_argument("--levels", default="1,4,16", help="concurrent clients, comma-separated")
    parser.add_argument("--seconds", type=float, default=4.0, help="per page and level")
    parser.add_argument("--min-requests", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=400)
    parser.add_argument("--pages", default="", help="only the pages whose name holds one of these "
                        "(comma-separated, e.g. 'viec,date of 2022'); the account page is always measured")
    parser.add_argument("--redis-cache", default=os.environ.get("BENCH_REDIS_CACHE_URL", "redis://127.0.0.1:6379/7"),
                        help="the cache's Redis database: its own, it is emptied")
    parser.add_argument("--broker", default=os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/6"),
                        help="CELERY_BROKER_URL of the server and the worker (a Redis database of its own)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="one more environment variable for the server")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped: stop gunicorn and the worker too
    levels = [int(n) for n in args.levels.split(",")]

    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database of bench/generate.py")
    production = production_environment()
    environment = {
        **os.environ, **production,
        "SECRET_KEY": secrets.token_urlsafe(40), "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database, "REDIS_CACHE_URL": args.redis_cache, "CELERY_BROKER_URL": args.broker,
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"), "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "tuson_qp.settings",
        **dict(item.split("=", 1) for item in args.set),
    }
    os.environ.update(environment)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    directive, assignment, submission = bench_objects(args.key)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        pg_version = cursor.fetchone()[0].split(" on ")[0]
    connection.close()
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
                       cwd=ROOT, env=environment, check=True)

    chosen = pages(directive, assignment, submission)
    if args.pages:
        words = [w.strip().lower() for w in args.pages.split(",") if w.strip()]
        chosen = [p for p in chosen if any(w in p.name.lower() for w in words)]
    account = Page("account page (yardstick)", "officer", repeat("/tai-khoan/"))

    log_dir = ROOT / "var" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    started_at = datetime.datetime.now(datetime.timezone.utc)
    with open(log_dir / "load-gunicorn.log", "w") as log:
        server = start_server(args, environment, log)
        worker = start_worker(environment, log)
        try:
            roles = {account.role} | {p.role for p in chosen}
            sessions = {role: [sign_in(args.port, role, ROLES[role], f"10.8.{i}.{n + 1}") for n in range(2)]
                        for i, role in enumerate(sorted(roles))}
            results = []
            for clients in levels:
                flush_cache(args.redis_cache)
                for page in chosen:
                    if hasattr(page.paths, "restart"):
                        page.paths.restart()
                    if not page.cold:  # the warm pages (and the counts of WARM_DATE) computed once
                        fetch(sessions[page.role][0].copy(), page, page.paths())
                for page in [account, *chosen]:
                    result = measure(page, clients, sessions, args)
                    results.append(result)
                    print(f"  {clients:>2} clients  {page.name}: {len(result.times)} requests, "
                          f"p50 {result.p50:.0f} ms, p95 {result.p95:.0f} ms, errors {len(result.errors)}, "
                          f"load {result.load:.1f}", file=sys.stderr, flush=True)
        finally:
            try:
                stop_server(worker)
            finally:
                stop_server(server)
    report(results, levels, account, started_at, load_before, pg_version, production, args)


def report(results, levels, account, started_at, load_before, pg_version, production, args):
    load_after = os.getloadavg()
    extra = ", ".join(args.set) or "none"
    print(f"date: {started_at:%d/%m/%Y %H:%M} UTC   machine: {platform.node()}, {os.cpu_count()} CPU, {pg_version}")
    print(f"load average at the start {load_before[0]:.1f} / {load_before[1]:.1f} / {load_before[2]:.1f}, "
          f"at the end {load_after[0]:.1f} / {load_after[1]:.1f} / {load_after[2]:.1f}")
    print("server: gunicorn -c deploy/gunicorn.conf.py, " + ", ".join(f"{k}={v}" for k, v in production.items())
          + f"; cache: Redis; more variables: {extra}; {args.seconds:g} s per page and level")
    print()
    print("| Page | role | clients | requests | p50 | p95 | req/s | ratio p50 / p95 to the account page | load |")
    print("|---|---|---|---|---|---|---|---|---|")
    yardstick = {r.clients: r for r in results if r.page is account}
    misses = []
    for result in results:
        base = yardstick[result.clients]
        ratio = (f"{result.p50 / base.p50:.1f} / {result.p95 / base.p95:.1f}"
                 if result.times and result.page is not account else "—")
        errors = f" ({len(result.errors)} errors)" if result.errors else ""
        print(f"| {result.page.name} | {result.page.role} | {result.clients} | {len(result.times)}{errors} | "
              f"{result.p50:,.0f} ms | {result.p95:,.0f} ms | {result.throughput:.1f} | {ratio} | {result.load:.1f} |")
        if result.page.kind == "html" and result.page is not account and result.times:
            if result.clients == 4 and (result.p95 >= 300 or result.p95 >= 4 * base.p95):
                misses.append(f"{result.page.name} at 4 clients: p95 {result.p95:.0f} ms, "
                              f"{result.p95 / base.p95:.1f}× the account page")
            if result.clients == 16 and result.p95 >= 1000:
                misses.append(f"{result.page.name} at 16 clients: p95 {result.p95:.0f} ms")
        for error in result.errors[:3]:
            misses.append(f"{result.page.name}: {error}")
    print()
    print("targets (HTML pages: p95 < 300 ms and < 4× the account page at 4 clients, < 1 s at 16): "
          + ("all met" if not misses else "NOT met — " + "; ".join(misses)))


if __name__ == "__main__":
    main()
