# The two commands of the README: `make book` and `make test`. Both create the environment
# (.venv, every package pinned with its hashes in requirements.lock) when it is missing and reuse
# it afterwards. uv installs it in seconds; where uv is absent and cannot be installed, pip
# installs the same lock.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
UV_VERSION := 0.13.8
# uv from the PATH, else a copy of our own installed from PyPI once per machine and user (in
# the user's cache folder, so that every clone shares it)
UV_HOME := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/carbon-book/uv-$(UV_VERSION)
UV := $(or $(shell command -v uv 2>/dev/null),$(UV_HOME)/bin/uv)

.PHONY: help book test check validate benchmark serve system-deps clean lock

# The targets, each with the line of help above it (make help).
help:
	@echo "make book         set up the environment, validate the data and build the site into _build/html"
	@echo "make test         set up and run every check: ruff, the import contracts and the whole test suite"
	@echo "make check        the fast part of the suite: no book build, no browser"
	@echo "make validate     check the data files and list every problem"
	@echo "make benchmark    time builds, memory and page weights against their budgets"
	@echo "make serve        serve the built site on this machine (PORT=8000)"
	@echo "make system-deps  install chromium and CJK fonts with apt-get, when absent"
	@echo "make lock         re-resolve requirements.lock after a change of pyproject.toml"
	@echo "make clean        remove _build (the site, the warehouse and the build caches)"

$(UV_HOME)/bin/uv:
	@$(PYTHON) -m venv $(UV_HOME) && $(UV_HOME)/bin/pip install -qq uv==$(UV_VERSION) \
		|| rm -rf $(UV_HOME)

$(STAMP): pyproject.toml requirements.lock
	@$(MAKE) -s $(UV) 2>/dev/null || true
	@if [ -x "$(UV)" ]; then \
		echo "[setup] creating $(VENV) with uv from requirements.lock"; \
		$(UV) venv -q --allow-existing --python $(PYTHON) $(VENV) && \
		$(UV) pip sync -q --compile-bytecode --python $(PY) requirements.lock && \
		$(UV) pip install -q --python $(PY) --no-deps -e . ; \
	else \
		echo "[setup] uv is not available: creating $(VENV) with pip from requirements.lock"; \
		{ test -x $(PY) || $(PYTHON) -m venv $(VENV); } && \
		$(PY) -m pip install -qq --require-hashes -r requirements.lock && \
		$(PY) -m pip install -qq --no-deps -e . ; \
	fi
	@touch $@

# Re-resolve the lock after a change of pyproject.toml (the versions in the lock are kept
# where they still fit; `make lock UPGRADE=--upgrade` takes the newest).
lock:
	@$(MAKE) -s $(UV)
	$(UV) pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11.7 \
		--output-file requirements.lock --quiet $(UPGRADE)

book: $(STAMP)
	$(PY) -m analysis build

validate: $(STAMP)
	$(PY) -m analysis validate

# Browser tests need Debian's chromium and CJK fonts; install them once if absent (root).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		echo "[setup] installing chromium and fonts-noto-cjk with apt-get"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

test: $(STAMP) system-deps
	$(VENV)/bin/ruff check src tests benchmarks notebooks
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

# The fast part of the suite: everything but the tests that build the book or open a browser.
check: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks notebooks
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -m "not e2e"

# Prints build times, memory, page weights and budgets (see benchmarks/run.py); asserts nothing.
benchmark: $(STAMP)
	$(PY) benchmarks/run.py

# Serves the built site on this machine only: over file:// the browser blocks the search page.
PORT ?= 8000
serve:
	@test -f _build/html/index.html || { echo "[serve] no site in _build/html yet: run make book first"; exit 1; }
	@echo "[serve] the book is at http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	@$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

clean:
	rm -rf _build
