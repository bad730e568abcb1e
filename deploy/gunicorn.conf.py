"""gunicorn's settings for the portal, from the environment (docker-compose's `web`, the
production-path test, tests/deploy/test_production_path.py, and the load benchmark,
bench/load.py, so that what is measured is what runs)."""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# A worker is replaced after this many requests (0: never), so a slow leak cannot grow.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# The application is loaded once, in the master, and ready (tuson_qp.warmup) before the
# workers fork: a worker that replaces another starts at once, instead of spending about
# 1.5 s of CPU importing and compiling while the others serve (docs/performance.md).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
accesslog = "-"
errorlog = "-"
# The client's address comes from X-Forwarded-For through TRUSTED_PROXY_COUNT (accounts/ip.py),
# the scheme from X-Forwarded-Proto through SECURE_PROXY_SSL_HEADER; gunicorn itself trusts nothing.
forwarded_allow_ips = ""


def when_ready(server):
    """Before the first workers fork (the application is loaded already when preloaded).
    Whatever database connection loading opened is closed here, so that no worker inherits
    one (two processes on one connection). What loading made is then moved out of the
    garbage collector's reach (gc.freeze, as Python's documentation advises before forking):
    a worker's full collections no longer walk the hundreds of thousands of objects of
    Django, the views and the compiled templates, which live as long as it does, nor write to
    their pages shared with the master (docs/performance.md)."""
    if preload_app:
        from django.db import connections

        from tuson_qp.warmup import load_everything

        server.log.info("%s templates compiled before forking", load_everything())
        connections.close_all()
        gc.freeze()
