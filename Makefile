# Accord: the only commands a newcomer needs.
#   make run    set up, migrate, load demo data, serve on http://127.0.0.1:8000
#   make test   lint, type check, and the whole test suite on SQLite and PostgreSQL
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
# PostgreSQL for the second test run; CI starts the server (.ci/run).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/accord
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint typecheck pytest pytest-sqlite pytest-postgres e2e bench mutation clean backup restore

$(BIN)/activate:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Accord needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/bootstrap.txt requirements/lock.txt | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/bootstrap.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lock.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

accord/static/build/accord.css: node_modules/.package-lock.json accord/static_src/accord.scss scripts/build-assets.mjs
	npm run --silent build

setup: $(VENV)/.installed accord/static/build/accord.css

run: setup
	mkdir -p var
	$(MANAGE) migrate --no-input
	ACCORD_DEMO=1 $(MANAGE) load_demo_data
	@# The background worker sends queued email and reminders (docs/deploy.md), and the mail
	@# receiver files replies (on 127.0.0.1:8025, ACCORD_MAIL_RECEIVER_PORT). Both run beside the
	@# web server and are stopped with it (Ctrl-C); their output goes to var/worker.log and
	@# var/mail-receiver.log.
	@ACCORD_DEMO=1 $(MANAGE) run_worker >var/worker.log 2>&1 & worker=$$!; \
	ACCORD_DEMO=1 $(MANAGE) run_mail_receiver >var/mail-receiver.log 2>&1 & receiver=$$!; \
	trap 'kill -TERM $$worker $$receiver 2>/dev/null; wait $$worker $$receiver 2>/dev/null' EXIT; \
	echo "Background worker started (pid $$worker); its log: var/worker.log"; \
	echo "Mail receiver started (pid $$receiver); its log: var/mail-receiver.log"; \
	ACCORD_DEMO=1 $(MANAGE) runserver $(HOST):$(PORT)

# Style, the floors of docs/architecture.md (import contracts) and migrations that match the models.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run --no-input

typecheck: setup
	$(BIN)/mypy accord

# The SQLite run measures coverage: the whole of accord (floor in pyproject.toml,
# [tool.coverage.report]) and the rules engine on its own (at least 90 % of lines).
pytest-sqlite: setup
	$(BIN)/pytest -m "not e2e" --cov=accord --cov-report=term:skip-covered
	$(BIN)/coverage report --include='accord/rules/*' --fail-under=90 >/dev/null || \
		{ $(BIN)/coverage report --include='accord/rules/*'; echo "accord/rules is under 90 % covered"; exit 1; }

pytest-postgres: setup
	@if $(PY) scripts/db_reachable.py "$(TEST_POSTGRES_URL)"; then \
		DATABASE_URL="$(TEST_POSTGRES_URL)" $(BIN)/pytest; \
	else \
		echo "PostgreSQL not reachable at $(TEST_POSTGRES_URL): PostgreSQL run skipped"; \
		if [ -n "$$CI" ]; then echo "CI must test on PostgreSQL"; exit 1; fi; \
	fi

test: lint typecheck pytest-sqlite pytest-postgres

e2e: setup
	$(BIN)/pytest -m e2e

# Seeds accord_bench (its own PostgreSQL database) with 10,000 then 100,000 cases, measures the
# pages at each size, then loads gunicorn on 127.0.0.1 with locust. Bounded: stops by itself.
# `make bench`: the national data sets (BENCH_SIZES, 100,000 and 1,000,000 cases over 30
# providers) and the single-provider worst case (BENCH_SINGLE), each seeded once into its own
# database and reused; docs/performance.md. Stops by itself after BENCH_TIMEOUT seconds (the
# first 1,000,000-case seed takes most of it; later runs reuse the data).
BENCH_TIMEOUT ?= 7200
bench: setup
	$(PY) bench/rules_bench.py
	timeout $(BENCH_TIMEOUT) $(PY) bench/run.py

# Mutation testing of the rules engine: mutmut changes accord/rules one small mistake at a time
# and runs the rules tests against each (config in pyproject.toml, [tool.mutmut]). Not part of
# `make test`. Starts from a fresh copy each time (a cached verdict would not see new tests),
# stops by itself after MUTATION_TIMEOUT seconds, then lists what survived and the score per
# module. `make mutation MUTANTS='accord.rules.calendar.*'` runs only those mutants. The log is
# var/mutation.log; the score and the survivors left are in docs/decisions.md.
MUTATION_TIMEOUT ?= 2700
MUTANTS ?=
define MUTATION_SCORE
import json, pathlib
rows = []
for meta in sorted(pathlib.Path("mutants/accord/rules").glob("*.py.meta")):
    codes = list(json.loads(meta.read_text())["exit_code_by_key"].values())
    if codes:
        killed, survived = sum(code in (1, 3) for code in codes), codes.count(0)
        other = len(codes) - killed - survived
        rows.append((meta.name.removesuffix(".py.meta"), killed, survived, other, len(codes)))
rows.append(("all", *(sum(column) for column in list(zip(*rows))[1:])))
print(f"{'module':<12} {'killed':>7} {'survived':>9} {'other':>6} {'total':>6} {'score':>7}")
for name, killed, survived, other, total in rows:
    print(f"{name:<12} {killed:>7} {survived:>9} {other:>6} {total:>6} {killed / total:>7.1%}")
endef
export MUTATION_SCORE

mutation: setup
	rm -rf mutants
	@mkdir -p var
	@status=0; timeout --kill-after=60 $(MUTATION_TIMEOUT) nice $(BIN)/mutmut run --max-children 2 $(MUTANTS) \
		>var/mutation.log 2>&1 || status=$$?; \
	if [ $$status = 124 ]; then echo "mutmut stopped after $(MUTATION_TIMEOUT) s: partial results"; \
	elif [ $$status != 0 ]; then tail -n 40 var/mutation.log; fi; \
	$(BIN)/mutmut results; \
	$(PY) -c "$$MUTATION_SCORE"; \
	exit $$status

clean:
	rm -rf $(VENV) node_modules accord/static/build staticfiles var/test-*.sqlite3

# Backups (docs/deploy.md, "Back up and restore"): DATABASE_URL names the PostgreSQL database,
# ACCORD_MEDIA_ROOT the files. `make backup [BACKUP=dir]`; `make restore BACKUP=dir` into an
# empty database, checked against the backup's manifest.
backup:
	$(PY) scripts/backup.py $(BACKUP)

restore:
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=var/backups/accord-..."; exit 2; }
	$(PY) scripts/restore.py $(BACKUP)
