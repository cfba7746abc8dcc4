# Two commands do all set-up on a fresh Debian 12 machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-dist dist bench lint system-deps system-deps-test clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# PyInstaller, for the bundle: only `make dist`, `make test-dist` and CI's `make test` need it.
DIST_STAMP := $(VENV)/.installed-dist
$(DIST_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install -q -e '.[test,dist]'
	touch $(DIST_STAMP)

# CI (CI=true) also builds the bundle and tests it (about 2.5 minutes); elsewhere `make test`
# leaves that test out and `make test-dist` runs it alone.
TEST_NEEDS := $(STAMP)
ifeq ($(CI),true)
TEST_NEEDS += $(DIST_STAMP)
else
TEST_MARKS := -m "not dist"
endif

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

test: system-deps-test $(TEST_NEEDS) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(TEST_MARKS) $(PYTEST_ARGS)

# The one-folder bundle in dist/ikan-desktop/ and, on Linux, the tarball beside it.
dist: system-deps $(DIST_STAMP)
	bash packaging/build-dist.sh dist build/pyinstaller

# Builds the bundle (into a temporary folder) and runs the bundled app from outside the source tree.
test-dist: system-deps-test $(DIST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m dist tests/test_bundle.py $(PYTEST_ARGS)

bench: system-deps-test $(STAMP)
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist
