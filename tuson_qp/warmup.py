"""Load what a web worker would otherwise load on its first requests: every view module
(through the URLconf), every template compiled, the translation catalogues.

gunicorn (deploy/gunicorn.conf.py) loads the application in its master and calls this before
the workers fork, so that a worker started later, after another reached max_requests, is
ready at once: loading these costs about 1.5 s of CPU (docs/performance.md), which a worker
of a 2-core machine would otherwise take from the others serving, and its first page of each
kind would wait for.

Nothing here opens a database or cache connection: a connection made before a fork would be
shared by every worker.
"""

from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils.translation import trans_real

TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")


def template_names(engine):
    """The names of the templates of `engine` (its directories and its apps' `templates`)."""
    names = set()
    for directory in engine.template_dirs:
        root = Path(directory)
        names.update(str(path.relative_to(root)) for path in root.rglob("*")
                     if path.suffix in TEMPLATE_SUFFIXES and path.is_file())
    return sorted(names)


def load_everything():
    """Import, compile and read all of it; return the number of templates compiled."""
    get_resolver().url_patterns  # imports every view module the URLconf names
    compiled = 0
    for engine in engines.all():
        for name in template_names(engine):
            try:
                engine.get_template(name)
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue  # a fragment of another engine's or a broken one: its page says so
            compiled += 1
    for code, _name in settings.LANGUAGES:
        trans_real.translation(code)
    return compiled
