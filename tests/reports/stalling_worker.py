"""`python -m tests.reports.stalling_worker <celery worker options>`: a real Celery worker
whose report renderer, once the report's HTML is built, writes the report's id to the file
REPORT_TEST_STALL_MARKER names and sleeps, so that a test can kill it mid-render
(tests/reports/test_report_worker_death.py). Nothing else differs from `celery -A tuson_qp
worker`."""

import os
import sys
import time
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")
    import django

    django.setup()
    from reports.pdf import services

    marker = Path(os.environ["REPORT_TEST_STALL_MARKER"])
    real = services.html_to_pdf

    def stalling_html_to_pdf(html):
        marker.write_text(str(os.getpid()))
        time.sleep(600)
        return real(html)

    services.html_to_pdf = stalling_html_to_pdf
    from celery.bin.celery import main as celery_main

    sys.argv = ["celery", *sys.argv[1:]]
    celery_main()


if __name__ == "__main__":
    main()
