"""Time the search page on PostgreSQL over 100,000 submissions whose files hold 2–20 pages of text.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_search_bench \\
        .venv/bin/python -u bench/bench_search.py [--units 500 --tasks 210] [--requests 20] [--reuse]

    # the texts of a large dataset loaded by two processes, then measured:
    bench_search.py --load-only --limit 1        # dataset and file rows (one text)
    bench_search.py --load-only --reuse --shard 0/2 &  bench_search.py --load-only --reuse --shard 1/2
    bench_search.py --reuse

1. Builds the dataset of bench/generate.py (units × tasks assignments, ~0.95 submission
   each: 500 × 210 gives 100,260 submissions), gives every submission one file row and
   synthetic extracted text of 2–20 pages (2,500–3,000 characters a page, drawn from the
   directive's own text: bench/search_corpus.py) with its folded copy, written with COPY as
   the extraction task stores them (search.models.SearchText: text, folded copy, the vector
   computed by the trigger), in committed batches: an interrupted load resumes; `--reuse`
   keeps an existing dataset of that size.
2. Index build: the GIN index over the vectors timed (CREATE INDEX); the vectors' cost
   timed over one row in ten and extrapolated; one 11-page PDF taken from upload to index
   (search.services.text_extract: pdfplumber, folding, the row and its vector written).
3. Server time of GET /tim-kiem/?q=<two words> through Django's test Client (middleware,
   session, every group of the page, snippets), `--requests` times after warm-up, for the
   tracking body (bench.duqs: every unit) and a ward officer (bench.donvi: one unit), for
   common pairs (in nearly every file), a rare one (in 2 % of the files), with and without
   accents, round after round with the baseline: the assignment page of one assignment (a
   primary-key lookup page); and the submissions group alone (search.selectors.submissions,
   the query over the file texts).
Prints the median and p95 of each and the ratio p95 / baseline p95. Figures go into
docs/search.md.
"""

import argparse
import io
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")
os.environ.setdefault("CONN_MAX_AGE", "600")

from search_corpus import RARE  # noqa: E402

QUERIES = [  # (label, query): two words each
    ("common", "dân quân"),
    ("common, no accents", "dan quan"),
    ("in every file and every summary", "kết quả"),
    ("rare (2 %)", RARE),
    ("rare, no accents", "phao phong"),
]


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _copy_escape(value):
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def add_files(key):
    """One SubmissionFile row for every submission of the dataset without one."""
    from django.db import connection

    with connection.cursor() as cursor:
        # The ids first: an INSERT … SELECT … WHERE NOT EXISTS (file) would re-read the rows
        # it is inserting for every submission.
        cursor.execute(
            """SELECT s.id FROM tasks_submission s
               JOIN tasks_assignment a ON a.id = s.assignment_id
               JOIN directives_task t ON t.id = a.task_id
               JOIN directives_directive d ON d.id = t.directive_id
               WHERE d.key = %s AND NOT EXISTS (SELECT 1 FROM tasks_submissionfile f WHERE f.submission_id = s.id)""",
            [key])
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """INSERT INTO tasks_submissionfile (submission_id, file, original_name, content_type, size,
                                                 sha256, uploaded_at)
               SELECT id, 'bench/' || id || '.pdf', 'bao-cao-' || id || '.pdf', 'application/pdf',
                      100000, repeat('0', 64), now()
               FROM unnest(%s::bigint[]) AS id""", [ids])
        cursor.execute("ANALYZE tasks_submissionfile")
    return len(ids)


def add_texts(key, seed, batch=500, limit=0, shard=(0, 1)):
    """Extracted text (2–20 pages) for every file of the dataset without one, written as the
    extraction task writes it (text, folded copy; the trigger computes the vector) with COPY
    in batches of `batch` documents, each committed: an interrupted load resumes."""
    from django.db import connection

    from search.extraction import VERSION
    from search_corpus import Corpus

    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT f.id, f.submission_id FROM tasks_submissionfile f
               JOIN tasks_submission s ON s.id = f.submission_id
               JOIN tasks_assignment a ON a.id = s.assignment_id
               JOIN directives_task t ON t.id = a.task_id
               JOIN directives_directive d ON d.id = t.directive_id
               WHERE d.key = %s AND NOT EXISTS (SELECT 1 FROM search_searchtext x WHERE x.file_id = f.id)
                 AND f.id %% %s = %s
               ORDER BY f.id""", [key, shard[1], shard[0]])
        pending = cursor.fetchall()
    if limit:
        pending = pending[:limit]
    if not pending:
        return None
    started = time.perf_counter()
    corpus = Corpus(seed * 1000 + pending[0][0])  # a resumed load continues deterministically
    print(f"  vocabulary pool of {len(corpus.pages)} pages ready in {time.perf_counter() - started:.0f} s")
    generating = copying = 0.0
    chars = pages_total = 0
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_text_fts")  # built (and timed) afterwards
        raw = cursor.cursor  # psycopg2's own cursor, for copy_expert
        for i in range(0, len(pending), batch):
            t0 = time.perf_counter()
            lines = []
            for file_id, submission_id in pending[i:i + batch]:
                text, folded, pages = corpus.document(file_id)
                chars += len(text)
                pages_total += pages
                lines.append(f"{file_id}\t{submission_id}\tok\t{_copy_escape(text)}\t{_copy_escape(folded)}\t"
                             f"{pages}\tf\t\t{now}\t{VERSION}\n")
            t1 = time.perf_counter()
            raw.copy_expert(
                "COPY search_searchtext (file_id, submission_id, status, text, normalized, pages, truncated, "
                "error, extracted_at, extractor_version) FROM STDIN", io.StringIO("".join(lines)))
            connection.commit() if not connection.get_autocommit() else None
            t2 = time.perf_counter()
            generating += t1 - t0
            copying += t2 - t1
            done = min(i + batch, len(pending))
            elapsed = time.perf_counter() - started
            print(f"  texts {done}/{len(pending)}  {elapsed:.0f} s, about "
                  f"{elapsed / done * (len(pending) - done):.0f} s to go", end="\r", flush=True)
    print(f"\n{len(pending)} files with text ({pages_total} pages, {chars / 1e6:.0f} M characters): "
          f"generated in {generating:.0f} s, written with COPY (the trigger computing each vector) in "
          f"{copying:.0f} s = {copying / len(pending) * 1000:.1f} ms a document")
    return {"documents": len(pending), "pages": pages_total, "chars": chars, "copy": copying}


VECTOR_SAMPLE = 50


def build_index(sample=VECTOR_SAMPLE):
    """Times the GIN index build, and the vectors' computation over 1/`sample` of the rows
    (what the trigger does on each insert), extrapolated to all of them."""
    from django.db import connection

    from search.matching import tsvector_sql

    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_text_fts")
        started = time.perf_counter()
        cursor.execute("CREATE INDEX search_text_fts ON search_searchtext USING gin (vector)")
        gin = time.perf_counter() - started
        cursor.execute("ANALYZE search_searchtext")
        started = time.perf_counter()
        cursor.execute(f"SELECT count(*), sum(length(normalized)), "
                       f"sum(length({tsvector_sql(['normalized'], folded=True)})) "
                       f"FROM search_searchtext WHERE id %% %s = 0", [sample])
        rows, sample_chars, _ = cursor.fetchone()
        sample_chars = sample_chars or 0
        vectors = (time.perf_counter() - started) * sample
        cursor.execute("SELECT pg_size_pretty(pg_relation_size('search_text_fts')), "
                       "pg_size_pretty(pg_total_relation_size('search_searchtext'))")
        index_size, table_size = cursor.fetchone()
    return {"gin": gin, "vectors": vectors, "sample_rows": rows, "chars": sample_chars * sample,
            "index_size": index_size,
            "table_size": table_size}


def extraction_to_index(seed, runs=5):
    """Median time of search.services.text_extract on an 11-page PDF of the corpus' text
    (pdfplumber, folding, the row written and its vector computed), file stored in a
    temporary MEDIA_ROOT and removed afterwards."""
    import tempfile

    from django.core.files.base import ContentFile
    from django.test import override_settings
    from weasyprint import HTML

    from search.services import text_extract
    from search_corpus import Corpus
    from tasks.models import Submission, SubmissionFile

    corpus = Corpus(seed, pool=11)
    body = "".join(f"<p style='page-break-before: always'>{page}</p>" for page, _ in corpus.pages[:11])
    pdf = HTML(string=f"<html><body style='font-family: DejaVu Sans'>{body}</body></html>").write_pdf()
    submission = Submission.objects.filter(assignment__task__directive__key__startswith="bench-").first()
    times = []
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        for _ in range(runs):
            [f] = SubmissionFile.objects.bulk_create([SubmissionFile(
                submission=submission, original_name="bench.pdf", content_type="application/pdf",
                size=len(pdf), sha256="0" * 64)])  # bulk_create: no signal, no Celery task
            f.file.save("bench.pdf", ContentFile(pdf), save=True)
            started = time.perf_counter()
            row = text_extract(f.pk)
            times.append((time.perf_counter() - started) * 1000)
            pages = row.pages
            f.delete()
    return statistics.median(times), pages, len(pdf)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=210)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep the dataset if it is there")
    parser.add_argument("--limit", type=int, default=0,
                        help="write text for at most this many more files (a partial load resumes)")
    parser.add_argument("--load-only", action="store_true", help="write the texts, measure nothing")
    parser.add_argument("--shard", default="0/1",
                        help="i/n: write only the texts of files whose id %% n = i (n loads in parallel)")
    args = parser.parse_args()
    shard = tuple(int(x) for x in args.shard.split("/"))

    from generate import Generator, ensure_database

    ensure_database()
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from search import selectors
    from search.models import SearchText
    from search.query import parse
    from tasks.models import Assignment

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    key = f"bench-{args.units}x{args.tasks}"
    if not (args.reuse and Assignment.objects.filter(task__directive__key=key).exists()):
        Generator(args.units, args.tasks, datetime.date(2022, 9, 30), 2022).run()
    print(f"{add_files(key)} files added")
    load = add_texts(key, 2022, limit=args.limit, shard=shard)
    if args.load_only:
        return
    index = build_index()
    texts = SearchText.objects.filter(submission__assignment__task__directive__key=key)
    n = texts.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(pages) FROM search_searchtext")
        pages = cursor.fetchone()[0]
    print(f"dataset: {n} submissions with text ({pages} pages, {index['chars'] / 1e6:.0f} M characters "
          f"estimated from the sample); table with its TOAST {index['table_size']}")
    print(f"index build: GIN index ({index['index_size']}) {index['gin']:.1f} s; vectors of all texts "
          f"about {index['vectors']:.0f} s (timed over {index['sample_rows']} rows, 1 in {VECTOR_SAMPLE})")
    median_ms, pdf_pages, pdf_size = extraction_to_index(2022)
    print(f"extraction to index, one {pdf_pages}-page PDF ({pdf_size / 1024:.0f} KB): {median_ms:.0f} ms (median of 5)")
    if load:
        print(f"this run's load: {load['documents']} documents in {load['copy']:.0f} s of COPY")
    if n < 100_000:
        print(f"note: N = {n}, below the 100,000 of the target")

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
        (f"'{q}' {label}", search_url, {"q": q}) for label, q in QUERIES]
    timings = {(who, label): [] for who in users for label, _, _ in cases}
    sql_timings = {(who, q): [] for who in users for _, q in QUERIES}
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
            for _, q in QUERIES:  # the submissions group alone: the query over the file texts
                started = time.perf_counter()
                selectors.submissions(users[who], parse(q))
                sql_timings[(who, q)].append((time.perf_counter() - started) * 1000)

    load_avg = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n{datetime.date.today()} · {platform.node()} · {os.cpu_count()} CPU · load {load_avg} · "
          f"{args.requests} requests each after {args.warmup} warm-up")
    for who in users:
        base = percentile(timings[(who, cases[0][0])], 95)
        for (label, _, _), query in zip(cases, [None] + [q for _, q in QUERIES]):
            values = timings[(who, label)]
            p95 = percentile(values, 95)
            part = ""
            if query:
                sub = sql_timings[(who, query)]
                part = f"   submissions group median {statistics.median(sub):5.0f} p95 {percentile(sub, 95):5.0f} ms"
            print(f"  {who:14} {label:46} median {statistics.median(values):6.0f} ms   "
                  f"p95 {p95:6.0f} ms   ratio {p95 / base:4.1f}{part}")


if __name__ == "__main__":
    main()
