# visitatie: two commands do all set-up. `make run` serves the app, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app visitatie
VENDOR := visitatie/static/vendor
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint bench install install-dev requirements assets translations init demo browser server-tools pdf-tools clean

run: install assets translations init demo
	@echo ""
	@echo "  visitatie draait op http://127.0.0.1:5000"
	@echo "  Inloggen als projectleider (demo): projectleider@example.org / oefenronde-gemeentehuis-2024"
	@echo ""
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install-dev assets translations browser server-tools pdf-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ruff (errors, import order, likely bugs, security) on all code; mypy strict on the domain packages.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

# Every part runs and prints its table; the target fails at the end when any part missed a target.
bench: install
	status=0; \
	$(BIN)/python -m visitatie.demo.bench || status=1; \
	$(BIN)/python -m visitatie.demo.planning_bench || status=1; \
	$(BIN)/python -m visitatie.demo.page_bench || status=1; \
	exit $$status

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Re-install only when the pins change.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# Pins are compiled from pyproject.toml; run after changing a dependency there.
requirements: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --extra dev \
	  -c requirements.txt -o requirements-dev.txt pyproject.toml

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# NL Design System CSS from npm (locked in package-lock.json), served from our own origin.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json
	mkdir -p $(VENDOR)
	cp node_modules/@utrecht/design-tokens/dist/theme.css $(VENDOR)/utrecht-design-tokens.css
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht-components.css
	mkdir -p $(VENDOR)/fonts  # Noto Sans (OFL), embedded in the PDFs (visitatie/pdf/)
	cp node_modules/@fontsource/noto-sans/LICENSE $(VENDOR)/fonts/LICENSE-noto-sans.txt
	cp node_modules/@fontsource/noto-sans/files/noto-sans-latin{,-ext}-{400,700}-{normal,italic}.woff $(VENDOR)/fonts/

translations: install
	$(BIN)/pybabel compile --use-fuzzy --statistics -d visitatie/translations

# Update the catalogue after changing UI text: `make messages`, then translate messages.po.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -o visitatie/translations/messages.pot .
	$(BIN)/pybabel update --ignore-obsolete -i visitatie/translations/messages.pot -d visitatie/translations

init: install
	$(FLASK) init

demo: install
	$(FLASK) demo

# Browser tests drive Debian's Chromium; install it when it is missing (root on CI machines).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-dejavu-core; \
	  else echo "Chromium ontbreekt: sudo apt-get install chromium"; exit 1; fi; \
	fi

# The production tests (tests/server/) start nginx with deploy/nginx/ in front of gunicorn and
# check the site file with `nginx -t` on a throw-away certificate (openssl).
server-tools:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] || ! command -v openssl >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light openssl; \
	  else echo "nginx of openssl ontbreekt: sudo apt-get install nginx-light openssl"; exit 1; fi; \
	fi

# The PDFs (WeasyPrint) need Pango; the document tests convert Word files with LibreOffice
# and look at the pages with poppler's pdftoppm/pdftotext.
pdf-tools:
	@if ! ldconfig -p | grep -q libpango-1.0 || ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 libreoffice-writer-nogui poppler-utils; \
	  else echo "Pango, LibreOffice of poppler ontbreekt: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libreoffice-writer-nogui poppler-utils"; exit 1; fi; \
	fi

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache
