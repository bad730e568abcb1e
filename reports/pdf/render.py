"""HTML → PDF with WeasyPrint, reading only the project's static files.

Every string is normalised to NFC before rendering: the PDF's text must match what the
extracted text and the search of other systems expect (TCVN 6909:2001 is precomposed).
"""

import gc
import logging
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from reports.pdf.fetcher import StaticFilesFetcher

# The CSS family name of the vendored Liberation Serif: a name no system font has, so the
# renderer can only ever pick the files in static/fonts.
FONT_FAMILY = "TusonQP LiberationSerif"


@dataclass
class RenderedPdf:
    content: bytes
    page_count: int
    fetched: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def page_context():
    return {"font_family": FONT_FAMILY, "margins": settings.REPORT_MARGINS_MM}


def render_html(template_name, context):
    with translation.override("vi"):
        html = render_to_string(template_name, {**page_context(), **context})
    return unicodedata.normalize("NFC", html)


@contextmanager
def fewer_gc_passes():
    """WeasyPrint allocates millions of short-lived objects. With a Django process's heap
    behind them, the cyclic collector's default thresholds make it re-scan that heap again
    and again: about 30% of a 57-page render (bench/bench_pdf.py). Freeze what exists and
    collect less often while rendering; memory stays the same."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def html_to_pdf(html):
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = StaticFilesFetcher()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        with fewer_gc_passes():
            document = HTML(string=html, url_fetcher=fetcher).render(font_config=FontConfiguration())
            content = document.write_pdf()
    finally:
        logger.removeHandler(collect)
    return RenderedPdf(
        content=content, page_count=len(document.pages), fetched=fetcher.fetched,
        refused=fetcher.refused, warnings=collect.messages,
    )
