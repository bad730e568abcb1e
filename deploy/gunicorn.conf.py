"""gunicorn's settings for the portal's web service: docker-compose's `web` and the Dockerfile
start `gunicorn tuson_qp.wsgi:application -c deploy/gunicorn.conf.py`, and so does the load
benchmark (bench/load.py), so that what is measured is what runs.

WEB_CONCURRENCY: worker processes (default 3). Each is one request at a time (sync workers)
with its own database connection, kept between requests for CONN_MAX_AGE seconds.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 60
accesslog = "-"
