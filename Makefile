# cchc: `make demo` and `make test` set everything up (system packages, .venv) first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup sysdeps demo test golden bench lint format samples clean

setup: sysdeps $(STAMP)

sysdeps:
	@scripts/ensure-system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

demo: setup
	$(BIN)/cchc import samples/ --db cchc.sqlite

test: setup
	$(BIN)/python -m pytest

golden: setup
	CCHC_GEN_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q
	@echo "golden outputs rewritten in tests/golden/: review them with git diff" >&2

bench: setup
	$(BIN)/python scripts/bench.py --out BENCHMARKS.md

lint: setup
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

samples: setup
	@scripts/ensure-system-deps.sh fonts-liberation2
	$(BIN)/python -m pip install --quiet -e '.[samples]'
	$(BIN)/python samples/make_variants.py

clean:
	rm -rf $(VENV) cchc.sqlite cchc.files .pytest_cache build *.egg-info
