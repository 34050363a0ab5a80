# `make run` and `make test` set everything up on a fresh machine
# (Python 3.11+, make and apt) and then do what they say.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The core alone (no Qt), to prove `pip install orgmodel` works without it.
CORE_VENV := .venv-core
CORE_INSTALLED := $(CORE_VENV)/.installed
SAMPLE := resources/samples/enterprise.orgm

.PHONY: run test bench lint typecheck pytest test-core desktop system-deps-test system-deps-run clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(CORE_INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CORE_VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $@

system-deps-test:
	@scripts/system-deps.sh test

system-deps-run:
	@scripts/system-deps.sh run

# The menu entry and the .orgm file type, for the current user.
desktop: $(INSTALLED)
	@scripts/install-desktop.sh $(BIN)/orgmodel-gui

run: $(INSTALLED) system-deps-run desktop
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	    echo "No display: run 'make run' in a desktop session (or under 'xvfb-run')." >&2; exit 1; fi
	$(BIN)/orgmodel-gui $(SAMPLE)

test: $(INSTALLED) system-deps-test lint typecheck pytest test-core

# Opt-in: `make bench IMPORT_ROWS=1000000` also times importing a CSV of that many rows.
bench: $(INSTALLED)
	$(if $(IMPORT_ROWS),$(BIN)/python -m bench.run --import-rows $(IMPORT_ROWS))
	$(BIN)/python -m bench.run

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(INSTALLED)
	$(BIN)/mypy

pytest: $(INSTALLED)
	$(BIN)/pytest

# The core's tests and commands where Qt is not installed at all.
test-core: $(CORE_INSTALLED) system-deps-test
	@$(CORE_VENV)/bin/python -c 'import importlib.util, sys; \
	    sys.exit("Qt is installed in $(CORE_VENV)" if importlib.util.find_spec("PySide6") else 0)'
	$(CORE_VENV)/bin/pytest -q -p no:cacheprovider tests/orgmodel

clean:
	rm -rf $(VENV) $(CORE_VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
