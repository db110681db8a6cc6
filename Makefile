# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# axe-core for the accessibility tests (tests/test_quality.py), pinned in package.json / package-lock.json.
AXE := node_modules/axe-core/axe.min.js

.PHONY: site build import serve check test bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e .
	$(PY) -m compileall -q generator  # bytecode once, even where PYTHONDONTWRITEBYTECODE is set: faster start
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
		echo "Installing Debian's chromium for the browser tests (needs apt)"; \
		(apt-get install -y chromium || (apt-get update && apt-get install -y chromium)) >/dev/null; }
	@command -v node >/dev/null 2>&1 || { \
		echo "Installing Debian's nodejs for the JS analyzer tests (needs apt)"; \
		(apt-get install -y nodejs || (apt-get update && apt-get install -y nodejs)) >/dev/null; }
	@command -v npm >/dev/null 2>&1 || { \
		echo "Installing Debian's npm for axe-core (needs apt)"; \
		(apt-get install -y npm || (apt-get update && apt-get install -y npm)) >/dev/null; }
	@command -v java >/dev/null 2>&1 || { \
		echo "Installing Debian's default-jre-headless for the HTML validator (needs apt)"; \
		mkdir -p /usr/share/man/man1; \
		(apt-get install -y default-jre-headless || (apt-get update && apt-get install -y default-jre-headless)) >/dev/null; }
	touch $@

$(AXE): package.json package-lock.json | $(TEST_STAMP)
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
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

test: $(TEST_STAMP) $(AXE)
	$(PY) -m pytest -q

# Benchmarks (not part of `make test`): extraction accuracy, search against Pagefind, import speed on real
# articles, builds against Hugo/Pelican.
bench: $(TEST_STAMP)
	$(PY) -m pip install --quiet "pagefind[bin]" pelican
	$(PY) bench/extract_eval.py
	$(PY) bench/search_bench.py
	$(PY) bench/import_bench.py
	$(PY) bench/build_bench.py

clean:
	rm -rf public .public.* $(VENV) node_modules
