# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site build import serve check test clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
		echo "Installing Debian's chromium for the browser tests (needs apt)"; \
		(apt-get install -y chromium || (apt-get update && apt-get install -y chromium)) >/dev/null; }
	@command -v node >/dev/null 2>&1 || { \
		echo "Installing Debian's nodejs for the JS analyzer tests (needs apt)"; \
		(apt-get install -y nodejs || (apt-get update && apt-get install -y nodejs)) >/dev/null; }
	touch $@

site: $(STAMP)
	$(PY) build.py import
	$(PY) build.py build

import: $(STAMP)
	$(PY) build.py import

build: $(STAMP)
	$(PY) build.py build

serve: $(STAMP)
	$(PY) build.py serve

check: $(STAMP)
	$(PY) build.py check

test: $(TEST_STAMP)
	$(PY) -m pytest -q

clean:
	rm -rf public .public.* $(VENV)
