# Two commands do all set-up on a fresh Debian 12 machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench lint system-deps system-deps-test clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

system-deps:
	bash packaging/system-deps.sh runtime

system-deps-test:
	bash packaging/system-deps.sh test

run: system-deps $(STAMP)
	$(VENV)/bin/ikan-desktop $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check ikan_desktop tests benchmarks
	$(VENV)/bin/ruff format --check ikan_desktop tests benchmarks
	$(VENV)/bin/lint-imports

test: system-deps-test $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: system-deps-test $(STAMP)
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
