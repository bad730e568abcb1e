"""The directive progress report (PDF) on the 500-unit dataset, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tuson_bench_pdf .venv/bin/python bench/bench_pdf.py

Uses the dashboard's generator (bench/generate.py: 500 units × 200 tasks, 100,000
assignments, as of 30/09/2022), run first if the dataset is missing. Then, each in a fresh
Python process so that its peak memory is its own (resource.getrusage ru_maxrss: tracemalloc
does not see the C libraries WeasyPrint uses):

  1. the pipeline: the Celery task `reports.generate_report` run in process (eager) on a
     queued Report — permission re-check, the dashboard's numbers, the per-task details,
     the templates, WeasyPrint, storing the file and the status — as a worker runs it;
  2. bare WeasyPrint: the very HTML of run 1 rendered to PDF with nothing else (no Django),
     fonts read from static/fonts.

Reports wall time, pages, pages per second, peak memory and SQL queries, and the ratio of
the two wall times (the pipeline's overhead, its DOCX stage left out). The pipeline also
writes the report's DOCX twin (python-docx), timed on its own. Targets: under 10 s and under
500 MB for the whole pipeline, the DOCX under 5 s, ratio under 1.2. Wall times need a quiet machine; the CPU times (this process, plus its PostgreSQL
backend's read from /proc when the server is local) and their ratio do not. `--repeat N` takes the median of N runs of each. Exits 1 if a target is missed.
"""

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/tuson_bench_pdf"
TARGETS = {"wall_s": 10.0, "peak_mb": 500.0, "ratio": 1.2, "docx_s": 5.0}


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def cpu_s():
    """CPU time of this process: the figure to trust on a busy machine (wall time is not)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def backend_cpu_s(pid):
    """CPU time of the PostgreSQL backend serving this process, when it runs on this machine
    (the pipeline's queries cost CPU there, not here); None if /proc does not show it."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def setup_django(media_root):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")
    os.environ["MEDIA_ROOT"] = media_root
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def dataset_key(units, tasks):
    return f"bench-{units}x{tasks}"


# Child processes ------------------------------------------------------------------------------

def child_check(args):
    setup_django(tempfile.mkdtemp(prefix="tuson-bench-pdf-"))
    from directives.models import Directive

    print(json.dumps({"exists": Directive.objects.filter(key=dataset_key(args.units, args.tasks)).exists()}))


def child_pipeline(args):
    """Run the Celery task on a queued report; print figures as JSON; save the HTML."""
    setup_django(tempfile.mkdtemp(prefix="tuson-bench-pdf-"))
    from django.contrib.auth import get_user_model
    from django.db import connection

    from directives.models import Directive
    from reports.models import Report
    from reports.pdf import services
    from reports.pdf.header import default_header
    from reports.tasks import generate_report

    # A worker has imported WeasyPrint (and Pango) before its first report; so has run 2.
    import weasyprint  # noqa: F401
    import weasyprint.text.fonts  # noqa: F401

    directive = Directive.objects.select_related("tracking_unit").get(key=dataset_key(args.units, args.tasks))
    user = get_user_model().objects.get(username="bench.duqs")
    as_of = datetime.date.fromisoformat(args.as_of)
    header = default_header(Report.Kind.DIRECTIVE_PROGRESS, directive, today=as_of)
    header.number, header.signer_name = "99-BC/ĐUQS", "Cán bộ đo hiệu năng"
    report = Report.objects.create(
        kind=Report.Kind.DIRECTIVE_PROGRESS, directive=directive, requested_by=user,
        parameters={"as_of": as_of.isoformat(), "header": header.to_parameters()},
    )

    stages = {}
    real_html_to_pdf = services.html_to_pdf

    def recording_html_to_pdf(html):
        Path(args.html).write_text(html, encoding="utf-8")
        stages["context_and_html_s"] = time.perf_counter() - started
        begun, cpu_begun = time.perf_counter(), cpu_s()
        rendered = real_html_to_pdf(html)
        stages["weasyprint_s"] = time.perf_counter() - begun
        stages["weasyprint_cpu_s"] = cpu_s() - cpu_begun
        return rendered

    services.html_to_pdf = recording_html_to_pdf

    from reports.docx import build as docx_build

    real_build_docx = docx_build.build_docx

    def timed_build_docx(kind, context):
        begun = time.perf_counter()
        content = real_build_docx(kind, context)
        stages["docx_s"] = time.perf_counter() - begun
        return content

    docx_build.build_docx = timed_build_docx
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    with connection.execute_wrapper(count):
        cpu_before, db_before = cpu_s(), backend_cpu_s(backend)
        started = time.perf_counter()
        generate_report.apply(args=[report.pk])
        wall = time.perf_counter() - started
        cpu = cpu_s() - cpu_before
        db_after = backend_cpu_s(backend)
    stages["db_cpu_s"] = db_after - db_before if db_before is not None and db_after is not None else None
    report.refresh_from_db()
    if report.status != Report.Status.READY:
        sys.exit(f"the report failed: {report.error}")
    result = {"wall_s": wall, "cpu_s": cpu, "pages": report.page_count, "bytes": report.size,
              "docx_bytes": report.docx_size, "peak_mb": peak_mb(), "queries": queries[0], **stages}
    report.file.delete(save=False)
    report.docx_file.delete(save=False)
    report.delete()
    print(json.dumps(result))


def child_bare(args, tuned_gc=False):
    """WeasyPrint alone on the saved HTML: no Django, fonts from static/fonts. With
    `tuned_gc`, the collector set as reports.pdf.render.fewer_gc_passes sets it: the renderer
    exactly as the pipeline runs it, to tell the pipeline's own cost from that setting's gain."""
    import gc

    from weasyprint import HTML

    html = Path(args.html).read_text(encoding="utf-8")
    html = html.replace('url("static:', f'url("{(ROOT / "static").as_uri()}/')
    if tuned_gc:
        gc.freeze()
        gc.set_threshold(50_000, 50, 100)
    cpu_before = cpu_s()
    started = time.perf_counter()
    document = HTML(string=html).render()
    document.write_pdf()
    wall = time.perf_counter() - started
    print(json.dumps({"wall_s": wall, "cpu_s": cpu_s() - cpu_before, "pages": len(document.pages),
                      "peak_mb": peak_mb()}))


# The parent ---------------------------------------------------------------------------------

def run_child(kind, args, extra=()):
    command = [sys.executable, __file__, "--child", kind, "--units", str(args.units),
               "--tasks", str(args.tasks), "--as-of", args.as_of, "--html", args.html, *extra]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode != 0:
        sys.exit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ensure_dataset(args):
    if run_child("check", args)["exists"]:
        return
    print(f"dataset {dataset_key(args.units, args.tasks)} missing: running bench/generate.py …")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--units", str(args.units),
                    "--tasks", str(args.tasks), "--as-of", args.as_of], check=True, env=os.environ.copy())


def median_of(runs, key):
    return statistics.median(r[key] for r in runs if key in r)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--as-of", default="2022-09-30")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--html", default=str(Path(tempfile.gettempdir()) / "tuson-bench-report.html"))
    parser.add_argument("--child", choices=["check", "pipeline", "bare", "bare-gc"])
    args = parser.parse_args()
    if args.child:
        {"check": child_check, "pipeline": child_pipeline, "bare": child_bare,
         "bare-gc": lambda a: child_bare(a, tuned_gc=True)}[args.child](args)
        return
    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("bench_pdf.py measures on PostgreSQL: set DATABASE_URL (default " + DEFAULT_DB + ")")
    ensure_dataset(args)
    pipeline, bare, bare_gc = [], [], []
    for n in range(args.repeat):
        # Alternate the two, so that a change in the machine's load hits both alike.
        pipeline.append(run_child("pipeline", args))
        bare.append(run_child("bare", args))
        bare_gc.append(run_child("bare-gc", args))
        p, b = pipeline[-1], bare[-1]
        print(f"  run {n + 1}: pipeline {p['wall_s']:.2f} s (DOCX {p['docx_s']:.2f} s, CPU {p['cpu_s']:.2f} s, WeasyPrint "
              f"{p['weasyprint_s']:.2f} s / CPU {p['weasyprint_cpu_s']:.2f} s, database CPU "
              f"{p['db_cpu_s'] if p['db_cpu_s'] is not None else float('nan'):.2f} s), bare {b['wall_s']:.2f} s "
              f"(CPU {b['cpu_s']:.2f} s), bare with the pipeline's GC setting {bare_gc[-1]['wall_s']:.2f} s "
              f"(CPU {bare_gc[-1]['cpu_s']:.2f} s), ratio {(p['wall_s'] - p['docx_s']) / b['wall_s']:.2f}, "
              f"load {os.getloadavg()[0]:.1f}", flush=True)
    wall, bare_wall = median_of(pipeline, "wall_s"), median_of(bare, "wall_s")
    pages = pipeline[0]["pages"]
    figures = {
        "pages": pages, "bytes": pipeline[0]["bytes"], "queries": pipeline[0]["queries"],
        "wall_s": wall, "pages_per_s": pages / wall,
        "context_and_html_s": median_of(pipeline, "context_and_html_s"),
        "docx_s": median_of(pipeline, "docx_s"), "docx_bytes": pipeline[0]["docx_bytes"],
        "weasyprint_in_pipeline_s": median_of(pipeline, "weasyprint_s"),
        "weasyprint_in_pipeline_cpu_s": median_of(pipeline, "weasyprint_cpu_s"),
        "peak_mb": max(r["peak_mb"] for r in pipeline),
        "cpu_s": median_of(pipeline, "cpu_s"), "bare_cpu_s": median_of(bare, "cpu_s"),
        "db_cpu_s": (median_of(pipeline, "db_cpu_s")
                     if all(r.get("db_cpu_s") is not None for r in pipeline) else None),
        "bare_wall_s": bare_wall, "bare_pages": bare[0]["pages"],
        "bare_peak_mb": max(r["peak_mb"] for r in bare),
        # The PDF's own overhead: the pipeline less its DOCX stage, over bare WeasyPrint.
        "pdf_wall_s": wall - median_of(pipeline, "docx_s"),
        "ratio": (wall - median_of(pipeline, "docx_s")) / bare_wall,
        "bare_gc_wall_s": median_of(bare_gc, "wall_s"), "bare_gc_cpu_s": median_of(bare_gc, "cpu_s"),
    }
    figures["ratio_same_gc"] = figures["pdf_wall_s"] / figures["bare_gc_wall_s"]
    # CPU of the whole pipeline (this process and its PostgreSQL backend) over bare WeasyPrint:
    # the overhead as a busy machine cannot distort it.
    pipeline_cpu = figures["cpu_s"] + (figures["db_cpu_s"] or 0)
    figures["cpu_ratio"] = pipeline_cpu / figures["bare_cpu_s"]
    figures["cpu_ratio_same_gc"] = pipeline_cpu / figures["bare_gc_cpu_s"]
    print(f"Directive progress report, {args.units} units × {args.tasks} tasks, as of {args.as_of} "
          f"(median of {args.repeat}):")
    print(f"  pipeline (Celery task, eager): {wall:.2f} s for {pages} pages = "
          f"{figures['pages_per_s']:.1f} pages/s, {figures['queries']} SQL queries, "
          f"peak {figures['peak_mb']:.0f} MB, CPU {figures['cpu_s']:.2f} s"
          + (f" + PostgreSQL backend {figures['db_cpu_s']:.2f} s" if figures["db_cpu_s"] is not None else ""))
    print(f"    of which numbers, drafted sections, details and HTML {figures['context_and_html_s']:.2f} s, "
          f"the DOCX twin {figures['docx_s']:.2f} s ({figures['docx_bytes'] / 1024:.0f} KB), "
          f"WeasyPrint {figures['weasyprint_in_pipeline_s']:.2f} s "
          f"(CPU {figures['weasyprint_in_pipeline_cpu_s']:.2f} s)")
    print(f"  bare WeasyPrint, same HTML:    {bare_wall:.2f} s for {figures['bare_pages']} pages, "
          f"peak {figures['bare_peak_mb']:.0f} MB, CPU {figures['bare_cpu_s']:.2f} s")
    print(f"  overhead ratio pipeline without its DOCX stage / bare: {figures['ratio']:.2f} "
          f"(CPU time of the whole pipeline, with the database's: {figures['cpu_ratio']:.2f})")
    print(f"  bare WeasyPrint with the pipeline's GC setting: {figures['bare_gc_wall_s']:.2f} s, "
          f"CPU {figures['bare_gc_cpu_s']:.2f} s; ratio {figures['ratio_same_gc']:.2f} "
          f"(CPU time: {figures['cpu_ratio_same_gc']:.2f})")
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        print(f"  note: load average {load:.1f} on {os.cpu_count()} CPUs: wall times are inflated")
    missed = [name for name, limit in TARGETS.items() if figures[name] >= limit]
    for name, limit in TARGETS.items():
        print(f"  target {name} < {limit}: {'ok' if name not in missed else 'MISSED'} ({figures[name]:.2f})")
    print(json.dumps(figures))
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
