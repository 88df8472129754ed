# One command to set up and run the app, one to set up and run the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INDEX ?= .claimcheck/index

.PHONY: install index run test bench validate clean train-stance train-aggregator

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

# The stance model: seeded CPU training on ../shared/nli + evals/stance_pairs, held-out evaluation, export
# (fp16 safetensors in assistant/verify/reader/weights with its model card). About 45 minutes on 2 cores.
STANCE_WORK := .claimcheck/stance
WEIGHTS := assistant/verify/reader/weights
train-stance: install
	$(PY) -m assistant.verify.reader.train public --out $(STANCE_WORK)/public
	$(PY) -m assistant.verify.reader.train domain --init $(STANCE_WORK)/public --out $(STANCE_WORK)/domain --export $(WEIGHTS)
	$(PY) -m assistant.verify.reader.evaluate --weights $(WEIGHTS) --out $(WEIGHTS)/metrics.json
	$(PY) -m assistant.verify.reader.card $(STANCE_WORK)

# The claim-level aggregator, fitted on the training claims with the shipped stance model.
train-aggregator: index
	$(PY) evals/foreign/build_fever.py
	$(PY) evals/foreign/build_fm2.py
	$(PY) evals/train_aggregator.py --index $(INDEX) --foreign --write

bench: install
	$(PY) evals/bench.py all

clean:
	rm -rf $(VENV) .claimcheck .pytest_cache
