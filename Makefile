# Two commands on a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/gda_test
SQLITE_TEST_URL := sqlite:///var/gda-test.sqlite3
ADDR ?= 127.0.0.1:8000
# Two pytest-xdist workers, a test file per worker at a time (a file's tests share fixtures and
# the soak's database); each worker gets its own test database. PARALLEL= runs in one process.
PARALLEL ?= -n 2 --dist loadfile

.PHONY: install run test lint browser test-sqlite test-postgres bench train clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip==26.3
	$(BIN)/python -m pip install -qq -r requirements-dev.txt
	mkdir -p var
	touch $@

install: $(VENV)/.installed

# The web app, the scheduler and (without a Google client configured) the fake Google with a
# demo mailbox, in one process group: Ctrl-C stops them all.
run: install
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py rundev --addr $(ADDR)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The browser tests need Debian's chromium; as root it is installed here, otherwise say how.
browser:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else echo "Browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }

test: lint browser
	DEBUG=true DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=true DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/python manage.py check
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# Each leg has its own --basetemp: pytest prunes old temporary folders under /tmp, and would
# delete those of a concurrent run there.
# The short soak (tests/bench/test_soak.py, ~2 min) always runs on PostgreSQL in a database of
# its own, whichever leg starts it, so only the PostgreSQL leg runs it; every other test runs on
# both legs. (Without a PostgreSQL server there is no PostgreSQL leg and no soak either way.)
SQLITE_LEG_SKIPS := --ignore=tests/bench/test_soak.py
# The slowest tests are listed at the end of each leg, so a test that turns slow is seen.
DURATIONS := --durations=15
test-sqlite: install
	@echo "== pytest on SQLite"
	DEBUG=true DATABASE_URL=$(SQLITE_TEST_URL) $(BIN)/pytest --basetemp=var/pytest-sqlite $(PARALLEL) $(DURATIONS) $(SQLITE_LEG_SKIPS) $(PYTEST_ARGS)

# Runs on PostgreSQL when DATABASE_URL points at one or the local server answers; with CI=true
# a PostgreSQL that cannot be reached is a failure, not a skip.
test-postgres: install
	@url="$${DATABASE_URL:-}"; \
	case "$$url" in postgres*) ;; *) url="";; esac; \
	if [ -z "$$url" ] && $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)'.replace('/gda_test', '/postgres'), connect_timeout=2).close()" 2>/dev/null; then url="$(PG_TEST_URL)"; fi; \
	if [ -z "$$url" ]; then \
		if [ "$${CI:-}" = "true" ]; then echo "CI: no PostgreSQL to test on"; exit 1; fi; \
		echo "== PostgreSQL leg skipped: set DATABASE_URL=postgres://... to run it"; exit 0; \
	fi; \
	echo "== pytest on PostgreSQL ($$url)"; \
	DEBUG=true DATABASE_URL="$$url" $(BIN)/pytest --basetemp=var/pytest-postgres $(PARALLEL) $(DURATIONS) $(PYTEST_ARGS)

bench: install
	$(BIN)/python -m pip install -qq -r requirements-bench.txt
	$(BIN)/python bench/cron.py
	$(BIN)/python bench/jobs.py
	$(BIN)/python bench/gmail.py
	$(BIN)/python bench/render.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/quality.py $(CORPUS_ARGS)
	$(BIN)/python bench/soak.py

# Refit the urgency model on the dev split (digests/summarize/urgency_model.json), bit for bit.
# Another corpus: make train CORPUS_ARGS="--corpus DIR --corpus DIR2".
train: install
	$(BIN)/python bench/train.py $(CORPUS_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3* .pytest_cache .ruff_cache
