# EARLALL Practices: `make run` builds everything and serves the site; `make test` runs the tests.
# `make help` lists every target.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
# Links in e-mails sent while `make run` serves point to the port it serves on.
SITE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/earlall_practices

# Django 6.1 needs Python 3.12 or newer. Take the first suitable interpreter: $(PYTHON) if given,
# then python3.13, python3.12, python3, then pyenv's installed versions.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 \
	$$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	  "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo "$$p"; break; }; \
	done)

.PHONY: help run serve install lock check-lock messages test test-postgres test-browser lint format check-deploy synthetic bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# Exactly the versions (and file hashes) of the lock files: requirements.lock for production,
# requirements-dev.lock with the test and browser tools. `make lock` re-resolves them.
LOCK_FLAGS := --universal --python-version 3.12 --generate-hashes --quiet

$(VENV)/.installed: pyproject.toml requirements-dev.lock
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python 3.12 or newer found: Django 6.1 needs one. Install Python 3.12+ (e.g. 'pyenv install 3.13') and run make again, or name it: make run PYTHON=/path/to/python3.13" >&2; \
	  exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-dev.lock
	$(PIP) install --quiet --no-deps -e .
	@touch $@

install: $(VENV)/.installed ## Create .venv and install exactly the locked versions with the test tools

lock: install ## Re-resolve requirements.lock and requirements-dev.lock from pyproject.toml
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_FLAGS) -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --extra browser $(LOCK_FLAGS) \
	  -o requirements-dev.lock
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-dev.lock

# The interface's languages besides English (settings.LANGUAGES; README: Languages).
LANGUAGE_CODES := es ca eu nb sv it fr de

messages: install ## Collect the messages into locale/*/django.po (needs GNU gettext), compile them
	DEBUG=1 $(PY) manage.py makemessages $(addprefix -l ,$(LANGUAGE_CODES)) -e html,txt,svg,py \
	  --add-location file --no-obsolete -i '.venv/*' -i 'bench/*' -i 'tests/*' -i 'staticfiles/*' \
	  -i 'regions/maps/*'
	DEBUG=1 $(PY) manage.py translations

check-lock: ## Fail if pyproject.toml and the lock files disagree (offline)
	$(PY) .ci/check_lock.py

run: export SITE_URL := $(SITE_URL)
run: install ## Build everything, load the demo data and serve on http://127.0.0.1:$(PORT)
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py create_demo_users
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# What production cannot run without; `make serve` names any that is missing.
SERVE_SETTINGS := SECRET_KEY ALLOWED_HOSTS DATABASE_URL SITE_URL EMAIL_HOST

serve: install ## Production: check the settings, collect static files, serve with gunicorn
	@missing=""; for name in $(SERVE_SETTINGS); do [ -n "$${!name}" ] || missing="$$missing $$name"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make serve needs these settings in the environment:$$missing (README: Production)" >&2; \
	  exit 1; fi
	DEBUG=0 $(PY) manage.py check --deploy --fail-level ERROR
	DEBUG=0 $(PY) manage.py collectstatic --no-input -v0
	DEBUG=0 exec $(VENV)/bin/gunicorn earlall_practices.wsgi -c python:practices.gunicorn_config

test: install ## Run the whole test suite (SQLite, or the database in DATABASE_URL)
	$(PY) -m pytest -q

test-postgres: install ## Run the whole suite against the local PostgreSQL
	DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest -q

test-browser: install ## Browser tests (Playwright, Debian's /usr/bin/chromium); fail, not skip, if they cannot run
	REQUIRE_BROWSER=1 $(PY) -m pytest -q tests/browser

lint: install ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# With the environment production has: a secret key, a host name, an SMTP server for mail and
# the site's address for the links in it.
check-deploy: install ## Django's deployment checklist under production settings
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=practices.example.org EMAIL_HOST=smtp.example.org \
	SITE_URL=https://practices.example.org \
	$(PY) manage.py check --deploy --fail-level WARNING

synthetic: install ## Make sure N (default 100000) generated practices exist, in DATABASE_URL's database
	$(PY) bench/load_synthetic.py $${N:-100000}

bench: install ## Benchmark pages, export and load at 100,000 practices on PostgreSQL (not a test)
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/earlall_bench} \
	$(PY) bench/run.py --practices $${BENCH_PRACTICES:-100000}
	@echo "== SQLite, the embedded default: the search pages"
	@mkdir -p bench/out
	DATABASE_URL=sqlite:///$(CURDIR)/bench/out/bench.sqlite3 \
	$(PY) bench/run.py --practices $${BENCH_PRACTICES:-100000} --pages search --no-export --no-load

clean: ## Remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles
