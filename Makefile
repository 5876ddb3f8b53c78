# leafdeck: thin task names over the CLI and tools. Logic lives in Python, not here.
.DEFAULT_GOAL := build
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEBS := poppler-utils qpdf libreoffice-impress fontconfig fonts-crosextra-carlito fonts-dejavu-core chromium
WEB_TOOLS := tests/web/node_modules/.package-lock.json

.PHONY: help build all test check lint fmt clean system-deps test-deps bench template preview web-tools

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP) ## set up .venv if needed, then build the default outputs into output/
	$(BIN)/leafdeck build

all: $(STAMP) ## build every clinic x language x audience (only what changed)
	$(BIN)/leafdeck build --clinic all --lang all

bench: $(STAMP) ## benchmarks: render times, matrix throughput, no-op rebuild, memory, check beside its floor (figures only)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

check: $(STAMP) ## build every language, then check the sources and the built outputs (fails on errors; report: build/check-report.html)
	$(BIN)/leafdeck build --lang all
	$(BIN)/leafdeck check --outputs --format html --output build/check-report.html

lint: $(STAMP) ## ruff: lint and format check; mypy: types of src/
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

fmt: $(STAMP) ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

test: $(STAMP) lint web-tools test-deps ## lint, then run the test suite
	$(BIN)/pytest -q -n 2

test-deps: ## the Debian tools and fonts the tests use: installed if missing (root with apt-get), else listed
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing what the tests use:$$missing"; \
		$(MAKE) --no-print-directory system-deps >/dev/null || \
			echo "could not install$$missing: the tests that need them skip, naming the package"; \
	else \
		echo "not installed:$$missing (as root: make system-deps); the tests that need them skip, naming the package"; \
	fi

preview: $(STAMP) ## thumbnails of every built PDF (page 1), slide and web page: build/previews/index.html
	$(BIN)/leafdeck preview

web-tools: $(WEB_TOOLS) ## the browser tests' npm packages (axe-core), from tests/web/package-lock.json

$(WEB_TOOLS): tests/web/package.json tests/web/package-lock.json
	@if command -v npm >/dev/null 2>&1; then cd tests/web && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the browser tests cannot run axe-core and will skip"; fi

template: $(STAMP) ## regenerate layouts/deck-template.pptx from layouts/deck-base.yaml
	$(BIN)/python -m leafdeck.render.deck.template layouts

system-deps: ## install the Debian tools the tests use (root only)
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean: ## remove build/ and output/ (the venv stays)
	rm -rf build output
