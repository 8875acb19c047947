# Two commands for a fresh machine: `make demo` and `make test`. Both create .venv and
# install the project (with every extra) the first time, and again when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXTRAS := dev,web,postgres,dask,parquet,feeds,frames
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	@touch $(STAMP)

demo: install
	$(BIN)/actorgraph demo

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests

typecheck: install
	$(BIN)/mypy src/actorgraph

eval: install
	$(BIN)/actorgraph eval

bench: install
	$(BIN)/actorgraph bench

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
