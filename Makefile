# One command to set up and run the app, one to set up and run the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INDEX ?= .claimcheck/index

.PHONY: install index run test bench validate clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools wheel
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Ingest is idempotent: unchanged files cost no embedding work, so this is the "missing or stale" check.
index: install
	$(VENV)/bin/claimcheck ingest corpus --index $(INDEX) --prune

run: index
	$(VENV)/bin/claimcheck serve --index $(INDEX)

test: install
	$(PY) -m pytest -q

validate: install
	$(VENV)/bin/claimcheck corpus validate corpus

bench: install
	$(PY) evals/bench.py all

clean:
	rm -rf $(VENV) .claimcheck .pytest_cache
