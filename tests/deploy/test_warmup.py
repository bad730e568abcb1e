"""What gunicorn's master loads before its workers fork (tuson_qp.warmup,
deploy/gunicorn.conf.py): every template compiles, and a worker forked after it finds them
compiled."""

import runpy
import sys

from django.template import engines

from tuson_qp.warmup import load_everything, template_names


def test_every_template_compiles_and_stays_compiled():
    engine = engines["django"]
    names = template_names(engine)
    assert "reports/dashboard.html" in names and "tasks/assignment_detail.html" in names
    assert load_everything() == len(names)  # none skipped: not one fails to compile
    loader = engine.engine.template_loaders[0]  # the cached loader
    compiled = loader.get_template_cache.get("reports/dashboard.html")
    assert compiled is not None and engine.get_template("reports/dashboard.html").template is compiled
    assert "reports.report_views" in sys.modules  # the URLconf's views are imported


def test_gunicorn_preloads_unless_told_not_to(monkeypatch):
    assert runpy.run_path("deploy/gunicorn.conf.py")["preload_app"] is True
    monkeypatch.setenv("GUNICORN_PRELOAD", "0")
    assert runpy.run_path("deploy/gunicorn.conf.py")["preload_app"] is False


def test_what_the_master_loaded_is_frozen_before_forking(monkeypatch):
    """when_ready: loaded, connections closed, then what loading made moved out of the
    collector's reach (gc.freeze), so that a worker's collections skip it."""
    import gc

    from django.db import connections

    config = runpy.run_path("deploy/gunicorn.conf.py")
    closed = []
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(gc.get_freeze_count()))

    class Server:
        class log:
            info = staticmethod(lambda *args: None)

    try:
        config["when_ready"](Server())
        assert closed == [0] and gc.get_freeze_count() > 0  # frozen after closing, not before
    finally:
        gc.unfreeze()
