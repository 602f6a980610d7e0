# Two commands do all the set-up on a fresh machine (see README.md):
#   make demo   - create .venv, install sitrep, run it on the example article
#   make test   - create .venv, install sitrep, run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench schema clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/sitrep extract examples/iraqi-fighters-enter-syria.txt --published 2024-12-02

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py

schema: $(STAMP)
	$(BIN)/python -m sitrep.schema > docs/schema/document.schema.json

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
