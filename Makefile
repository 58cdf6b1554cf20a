# Zastita: `make demo` runs the system, `make test` runs the suite. Both install what is missing.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
TOOLS := .tools
UV    := $(TOOLS)/bin/uv
LOCK  := requirements/dev.txt
export PYTHONDONTWRITEBYTECODE := 1

PO_SOURCES := $(wildcard src/zastita/locale/*/LC_MESSAGES/django.po)

.PHONY: demo totp test lint bench setup messages lock clean

LOCAL := DJANGO_SETTINGS_MODULE=zastita.config.settings.local

demo: setup messages
	$(LOCAL) $(VENV)/bin/zastita demo

# The current TOTP code of a demo account: make totp U=admin
totp:
	@$(LOCAL) $(VENV)/bin/zastita totp $(U)

test: setup messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy src tests benchmarks
	$(VENV)/bin/lint-imports --no-cache

bench: setup messages
	$(PY) -m benchmarks

setup: $(VENV)/.installed

# uv lives in its own small environment so that `uv pip sync` never removes it.
$(UV):
	@PYTHON=$$(scripts/find-python.sh) && "$$PYTHON" -m venv $(TOOLS) \
	  && $(TOOLS)/bin/python -m pip install --quiet uv

$(VENV)/.installed: $(LOCK) pyproject.toml | $(UV)
	@PYTHON=$$(scripts/find-python.sh) && { [ -x $(PY) ] || $(UV) venv --quiet --python "$$PYTHON" $(VENV); }
	$(UV) pip sync --quiet --python $(PY) --require-hashes $(LOCK)
	$(UV) pip install --quiet --python $(PY) --no-deps --no-build-isolation -e .
	@touch $@

# The Serbian Latin catalogue is derived from the Cyrillic one; English is the source language.
messages: setup
	@$(PY) -m zastita.core.i18n_derive src/zastita/locale
	@cd src/zastita && DJANGO_SETTINGS_MODULE=zastita.config.settings.base ../../$(PY) -m django compilemessages --ignore=.venv -v 0

# Regenerate the hashed locks after editing requirements/*.in (needs the registry).
lock: $(UV)
	cd requirements && ../$(UV) pip compile --quiet --python-version 3.12 --generate-hashes base.in -o base.txt
	cd requirements && ../$(UV) pip compile --quiet --python-version 3.12 --generate-hashes dev.in -o dev.txt

clean:
	rm -rf $(VENV) $(TOOLS) var/test-artifacts
