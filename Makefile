# The two commands of the README: `make book` and `make test`. Both create the environment
# (.venv, pinned by constraints.txt) when it is missing and reuse it afterwards.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test check validate benchmark serve system-deps clean

$(STAMP): pyproject.toml constraints.txt
	@echo "[setup] creating $(VENV) (pinned by constraints.txt)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -qq --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $@

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
