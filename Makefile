# cchc: `make demo` and `make test` set everything up (system packages, .venv) first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: setup sysdeps demo test golden bench lint format samples clean

# The rendered samples (born-digital PDFs and simulated scans) are generated, not committed.
RENDERED := samples/rendered/.complete
RENDER_INPUTS := samples/make_variants.py $(wildcard samples/*.gold.json samples/*.layout.json)

setup: sysdeps $(STAMP)

sysdeps:
	@scripts/ensure-system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

demo: setup $(RENDERED)
	$(BIN)/cchc import samples/ --db cchc.sqlite

test: setup $(RENDERED)
	@scripts/ensure-system-deps.sh chromium
	$(BIN)/python -m pytest

golden: setup $(RENDERED)
	CCHC_GEN_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q --deselect tests/test_golden.py::test_golden_flag_is_off
	@echo "golden outputs rewritten in tests/golden/: review them with git diff" >&2

bench: setup $(RENDERED)
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
	@rm -f $(RENDERED)
	@$(MAKE) --no-print-directory $(RENDERED)

$(RENDERED): $(RENDER_INPUTS) | setup
	@scripts/ensure-system-deps.sh fonts-liberation2
	$(BIN)/python -m pip install --quiet -e '.[samples]'
	$(BIN)/python samples/make_variants.py
	@touch $@

clean:
	rm -rf $(VENV) cchc.sqlite cchc.files .pytest_cache build *.egg-info samples/rendered
