"""Logs are quiet by default and verbose on request (LOG_LEVEL=DEBUG), each line printed once.

Run in a fresh interpreter with the real settings (not the test settings, and without pytest's
own log handlers), as `manage.py runserver` or `seed_demo` would configure logging.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tuson_qp.logging_config import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

SCRIPT = r"""
import json, logging, sys
import django
django.setup()

from tuson_qp.celery import app

# What an eager task's apply_async does with no broker: kombu warns "No hostname was supplied".
with app.producer_or_acquire(None):
    pass
logging.getLogger("celery.app.trace").info("Task reports.generate_report[1] succeeded in 2.1s: None")
for name in ("axes.handlers.database", "axes.apps"):
    logging.getLogger(name).info("AXES: Successful login by x.")
logging.getLogger("axes.handlers.database").warning("AXES: New login failure by x.")
logging.getLogger("django.request").warning("Not Found: /khong-co/")
logging.getLogger("django.server").info('"GET /khong-co/ HTTP/1.1" 404 5372')
logging.getLogger("reminders.dispatch").info("sweep: 3 dispatches")
logging.getLogger("fontTools.subset").info("subset table glyf")

def printing(logger):
    # The handlers that write a record of this logger somewhere, following propagation.
    found = []
    while logger:
        found += [h for h in logger.handlers if isinstance(h, logging.StreamHandler)]
        logger = logger.parent if logger.propagate else None
    return len(found)

names = [n for n, l in logging.root.manager.loggerDict.items() if isinstance(l, logging.Logger)]
sys.stdout.write(json.dumps({n: printing(logging.getLogger(n)) for n in names + ["tuson_qp"]}))
"""


def run(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LOG_LEVEL", "CELERY_BROKER_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DJANGO_SETTINGS_MODULE="tuson_qp.settings", TUSON_VAR_DIR=str(tmp_path), **extra)
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=BASE_DIR, env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stderr, json.loads(done.stdout)


def test_by_default_library_chatter_is_held_back_and_each_line_printed_once(tmp_path):
    stderr, handlers = run(tmp_path)
    assert "No hostname was supplied" not in stderr
    assert "succeeded in" not in stderr
    assert "Successful login" not in stderr
    assert "subset table" not in stderr
    # Warnings and the portal's own INFO lines stay, once each.
    assert stderr.count("AXES: New login failure by x.") == 1
    assert stderr.count("Not Found: /khong-co/") == 1
    assert stderr.count('"GET /khong-co/ HTTP/1.1" 404 5372') == 1
    assert stderr.count("sweep: 3 dispatches") == 1
    assert set(handlers.values()) == {1}, {n: c for n, c in handlers.items() if c != 1}


def test_log_level_debug_shows_the_libraries_too(tmp_path):
    stderr, handlers = run(tmp_path, LOG_LEVEL="DEBUG")
    assert "No hostname was supplied" in stderr
    assert "succeeded in 2.1s" in stderr
    assert stderr.count("AXES: Successful login by x.") == 2
    assert stderr.count("Not Found: /khong-co/") == 1
    assert set(handlers.values()) == {1}


def test_log_level_warning_hides_the_portals_info_lines(tmp_path):
    stderr, _handlers = run(tmp_path, LOG_LEVEL="warning")
    assert "sweep: 3 dispatches" not in stderr
    assert '"GET /khong-co/' not in stderr
    assert stderr.count("Not Found: /khong-co/") == 1


def test_with_a_broker_celery_and_kombu_keep_their_own_levels():
    loggers = logging_config("INFO", eager=False)["loggers"]
    assert "celery.app.trace" not in loggers and "kombu" not in loggers
    assert loggers["axes"] == {"level": "WARNING"}


def test_an_unknown_log_level_is_refused():
    with pytest.raises(ValueError, match="LOG_LEVEL"):
        logging_config("LOUD")
