# `make run` and `make test` set everything up on a fresh machine
# (Python 3.11+, make and apt) and then do what they say.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SAMPLE := resources/samples/enterprise.orgm

.PHONY: run test bench lint typecheck pytest system-deps-test system-deps-run clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

system-deps-test:
	@scripts/system-deps.sh test

system-deps-run:
	@scripts/system-deps.sh run

run: $(INSTALLED) system-deps-run
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
	    echo "No display: run 'make run' in a desktop session (or under 'xvfb-run')." >&2; exit 1; fi
	$(BIN)/orgmodel-gui $(SAMPLE)

test: $(INSTALLED) system-deps-test lint typecheck pytest

bench: $(INSTALLED)
	$(BIN)/python -m bench.run

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(INSTALLED)
	$(BIN)/mypy

pytest: $(INSTALLED)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
