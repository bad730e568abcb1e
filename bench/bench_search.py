"""Time the search page on PostgreSQL over submissions whose files hold 2–20 pages of text.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_search_bench \\
        .venv/bin/python bench/bench_search.py [--units 60 --tasks 100] [--requests 30]

1. Builds the dataset of bench/generate.py (units × tasks assignments, ~0.9 submission each),
   then gives every submission one file with synthetic Vietnamese extracted text of 2–20
   pages (about 2,000 characters a page) and its folded copy, as the extraction task stores
   them (search.models.SearchText); `--reuse` keeps an existing dataset of that size.
2. Index build: drops the GIN index on the file text and times its CREATE INDEX.
3. Server time of GET /tim-kiem/?q=<two words> through Django's test Client (middleware,
   session, every group of the page, snippets), `--requests` times after warm-up, for the
   tracking body (bench.duqs: every unit) and a ward officer (bench.donvi: one unit), for a
   rare pair (in ~2% of the files) and a common pair (in most of them), round after round
   with the baseline: the assignment page of one assignment (a primary-key lookup page).
Prints the median and p95 of each and the ratio p95 / baseline p95. Figures go into
docs/search.md.
"""

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")
os.environ.setdefault("CONN_MAX_AGE", "600")

WORDS = (
    "công tác quốc phòng quân sự địa phương dân quân tự vệ huấn luyện diễn tập khu vực phòng thủ "
    "tuyển quân gọi công dân nhập ngũ lực lượng dự bị động viên giáo dục kiến thức an ninh chính sách "
    "hậu phương quân đội thành ủy đảng ủy phường xã ban chỉ huy kế hoạch nghị quyết báo cáo kết quả "
    "thực hiện chỉ thị năm đợt chiến sĩ mới bảo đảm chất lượng chỉ tiêu giao hoàn thành tổ chức lãnh đạo "
    "chỉ đạo cấp ủy chính quyền mặt trận đoàn thể nhân dân tăng cường củng cố xây dựng vững mạnh toàn diện "
    "phối hợp triển khai kiểm tra đôn đốc sơ kết tổng kết rút kinh nghiệm đề xuất kiến nghị kinh phí"
).split()
RARE = "pháo phòng"      # "pháo" is not in WORDS: only in the ~2% of files given PHRASE
PHRASE = "Xây dựng trận địa pháo phòng không."
COMMON = "dân quân"      # words of the vocabulary: in nearly every file
PAGE_CHARS = 2000


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def page_text(rng):
    words, size = [], 0
    while size < PAGE_CHARS:
        sentence = rng.choices(WORDS, k=rng.randint(8, 20))
        sentence[0] = sentence[0].capitalize()
        line = " ".join(sentence) + "."
        words.append(line)
        size += len(line) + 1
    return " ".join(words)


def add_texts(seed, batch=500):
    """One file with 2–20 pages of extracted text for every bench submission without one."""
    from django.db import connection, transaction

    from search.models import SearchText
    from search.normalize import fold
    from tasks.models import Submission, SubmissionFile

    rng = random.Random(seed)
    pending = list(Submission.objects.filter(assignment__task__directive__key__startswith="bench-",
                                             search_texts__isnull=True).values_list("pk", flat=True))
    started, chars = time.perf_counter(), 0
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_text_fts")
    for i in range(0, len(pending), batch):
        with transaction.atomic():
            files = SubmissionFile.objects.bulk_create([
                SubmissionFile(submission_id=pk, file=f"bench/{pk}.pdf", original_name=f"bao-cao-{pk}.pdf",
                               content_type="application/pdf", size=100_000, sha256="0" * 64)
                for pk in pending[i:i + batch]])
            rows = []
            for f in files:
                pages = rng.randint(2, 20)
                text = "\n".join(page_text(rng) for _ in range(pages))
                if rng.random() < 0.02:
                    text = text[:PAGE_CHARS] + f" {PHRASE} " + text[PAGE_CHARS:]
                chars += len(text)
                rows.append(SearchText(file=f, submission_id=f.submission_id, status="ok", text=text,
                                       normalized=fold(text), pages=pages,
                                       extracted_at=datetime.datetime.now(datetime.timezone.utc)))
            SearchText.objects.bulk_create(rows)
        print(f"  texts {min(i + batch, len(pending))}/{len(pending)}", end="\r", flush=True)
    print(f"\n{len(pending)} files with text ({chars / 1e6:.0f} M characters) written in "
          f"{time.perf_counter() - started:.0f} s")


def build_index():
    from django.db import connection

    from search.matching import tsvector_sql

    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_text_fts")
        started = time.perf_counter()
        # What indexing costs: the stored vectors computed again (what the trigger does on
        # each insert) and the GIN index built over them.
        cursor.execute(f"UPDATE search_searchtext SET vector = {tsvector_sql(['normalized'], folded=True)}")
        vectors = time.perf_counter() - started
        cursor.execute("CREATE INDEX search_text_fts ON search_searchtext USING gin (vector)")
        seconds = time.perf_counter() - started
        cursor.execute("ANALYZE search_searchtext")
        cursor.execute("SELECT pg_size_pretty(pg_relation_size('search_text_fts')), "
                       "pg_size_pretty(pg_total_relation_size('search_searchtext'))")
        index_size, table_size = cursor.fetchone()
    return seconds, vectors, index_size, table_size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep the dataset if it is there")
    args = parser.parse_args()

    from generate import Generator, ensure_database

    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from search.models import SearchText
    from tasks.models import Assignment

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    key = f"bench-{args.units}x{args.tasks}"
    if not (args.reuse and Assignment.objects.filter(task__directive__key=key).exists()):
        Generator(args.units, args.tasks, datetime.date(2022, 9, 30), 2022).run()
    add_texts(2022)
    index_seconds, vector_seconds, index_size, table_size = build_index()
    n = SearchText.objects.filter(submission__assignment__task__directive__key=key).count()
    pages = sum(SearchText.objects.filter(submission__assignment__task__directive__key=key)
                .values_list("pages", flat=True))
    print(f"dataset: {n} submissions with text ({pages} pages); table {table_size}; "
          f"index built in {index_seconds:.1f} s (vectors {vector_seconds:.1f} s, "
          f"GIN index of {index_size} {index_seconds - vector_seconds:.1f} s)")
    if n < 100_000:
        print(f"note: N = {n}, below the 100,000 of the target (build time on this machine); "
              f"--units/--tasks make it larger")

    User = get_user_model()
    users = {"tracking body": User.objects.get(username="bench.duqs"),
             "ward officer": User.objects.get(username="bench.donvi")}
    baseline_pk = Assignment.objects.filter(task__directive__key=key, unit__memberships__user=users["ward officer"]) \
        .order_by("pk").values_list("pk", flat=True).first()
    baseline_url = reverse("tasks:assignment_detail", args=[baseline_pk])
    search_url = reverse("search:results")
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    cases = [("baseline (assignment page)", baseline_url, {})] + [
        (f"search '{q}'", search_url, {"q": q}) for q in (RARE, COMMON)]
    timings = {(who, label): [] for who in users for label, _, _ in cases}
    for who, client in clients.items():
        for label, url, params in cases:
            for _ in range(args.warmup):
                assert client.get(url, params).status_code == 200, (who, label)
    for _ in range(args.requests):
        for who, client in clients.items():
            for label, url, params in cases:
                started = time.perf_counter()
                response = client.get(url, params)
                timings[(who, label)].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200

    print(f"\n{datetime.date.today()} · {platform.node()} · {os.cpu_count()} CPU · "
          f"{args.requests} requests each after {args.warmup} warm-up")
    for who in users:
        base = percentile(timings[(who, cases[0][0])], 95)
        for label, _, _ in cases:
            values = timings[(who, label)]
            p95 = percentile(values, 95)
            print(f"  {who:14} {label:28} median {statistics.median(values):6.0f} ms   "
                  f"p95 {p95:6.0f} ms   ratio to baseline p95 {p95 / base:4.1f}")


if __name__ == "__main__":
    main()
