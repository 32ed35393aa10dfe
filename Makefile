# POMOST CMS. `make run` serves the site locally; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test install lint schema benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# The task worker (scheduled publishing, renditions, the search index) runs beside
# the web server; Ctrl-C stops both.
run: $(VENV)/.installed
	$(MANAGE) migrate --no-input
	$(MANAGE) load_pomost
	$(MANAGE) ensure_local_admin
	$(MANAGE) ensure_local_site
	$(MANAGE) schedule_publishing
	@$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

test: $(VENV)/.installed-test
	$(BIN)/pytest $(PYTEST_ARGS)

# Style, formatting, and the import contract in pyproject.toml (layers point one way).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Rewrites schema.graphql after an intended API change (the test suite fails until it matches).
schema: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) graphql_schema --schema api.public_schema.schema --out schema.graphql

# The API benchmark (see benchmarks/README.md); needs wrk and the local PostgreSQL and Redis.
benchmark: $(VENV)/.installed
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) *.egg-info
