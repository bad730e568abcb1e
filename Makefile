# The developer commands. The README quotes `make run` and `make test`.
PY := .venv/bin/python
MANAGE := $(PY) manage.py
PYTEST_ARGS ?=

.PHONY: run setup test ci migrations-check messages bench clean

run: setup  ## set up everything and run the portal on http://127.0.0.1:8000 (SQLite, eager Celery)
	$(MANAGE) runserver 127.0.0.1:8000

setup:
	scripts/bootstrap.sh
	$(MANAGE) compilemessages --ignore=.venv -v 0
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) seed_demo

test:  ## run the whole test suite (services from DATABASE_URL / CELERY_BROKER_URL when set)
	scripts/bootstrap.sh --test
	$(MANAGE) compilemessages --ignore=.venv -v 0
	$(PY) -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

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
