# The developer commands. The README quotes `make run` and `make test`.
PY := .venv/bin/python
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=
PORT ?= 8000
# The edit-test loop: everything but the browser tests (e2e) and the real Celery workers (worker).
FAST_MARKERS := not e2e and not worker
# pytest rewrites the asserts of every test module when it imports it, which is about half of
# collecting the suite (done by every xdist worker); it keeps the result in __pycache__ unless
# bytecode writing is off. Keep it, whatever the shell says.
PYTEST := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest
# One file per xdist worker, handed out in the order tests/conftest.py sorts them (browser and
# real-worker files first), not pytest-xdist's own (most tests first, which left the few long
# browser tests for the end of the run, on one worker while the other sat idle).
XDIST := -n auto --dist loadfile --no-loadscope-reorder

.PHONY: run setup test test-fast ci migrations-check messages bench clean

run: setup  ## set up everything and run the portal on http://127.0.0.1:$(PORT) (SQLite, eager Celery)
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(MANAGE) runserver 127.0.0.1:$(PORT)

setup:
	scripts/bootstrap.sh
	$(MANAGE) compilemessages --ignore=.venv -v 0
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) seed_demo

test:  ## run the whole test suite (services from DATABASE_URL / CELERY_BROKER_URL when set)
	scripts/bootstrap.sh --test
	$(MANAGE) compilemessages --ignore=.venv -v 0
	$(PYTEST) $(XDIST) $(PYTEST_ARGS)

test-fast:  ## the suite without browser tests and real workers (make test-fast PYTEST_ARGS=tests/reports)
	scripts/bootstrap.sh
	$(MANAGE) compilemessages --ignore=.venv -v 0
	$(PYTEST) $(XDIST) -m "$(FAST_MARKERS)" $(PYTEST_ARGS)

ci:  ## what .ci/run does: PostgreSQL and Redis on this machine, no skips allowed
	bash .ci/run

migrations-check:
	$(MANAGE) makemigrations --check --dry-run

messages:  ## refresh the English catalogue after changing Vietnamese strings
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=var
	$(MANAGE) compilemessages --ignore=.venv

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/tuson_bench

bench:  ## the benchmarks of docs/performance.md, on the local PostgreSQL (builds the dataset once)
	$(PY) bench/bench_importer.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/generate.py --units 500 --tasks 200
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/bench_dashboard.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/bench_pdf.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/bench_reminders.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/load.py

clean:
	rm -rf var/ .pytest_cache
