# Quick start: `make demo` (install, run the sample) and `make test` (install, lint, tests).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

.PHONY: demo test install install-test lint pytest models bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

install: $(BIN)/python
	$(PIP) install --quiet -c constraints.txt -e .

install-test: $(BIN)/python
	$(PIP) install --quiet -c constraints.txt -e ".[test]"

demo: install
	$(BIN)/incident-extract run --out out

lint:
	$(BIN)/ruff check extract tests benchmarks
	$(BIN)/ruff format --check extract tests benchmarks

pytest:
	$(BIN)/python -m pytest

test: install-test lint pytest

models: install
	$(BIN)/incident-extract build-models

bench: install-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf out build dist .pytest_cache .ruff_cache
