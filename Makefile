# The portal's two everyday commands are `make run` and `make test`; `make help` lists all.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install run test lint format messages bench demo clean

help: ## List the available commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

install: $(STAMP) ## Create the virtual environment from the pinned requirements.lock

demo: install ## Migrate, load the demo content and create one demo user per role
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_schedules
	$(PY) manage.py load_initial_data
	$(PY) manage.py create_demo_users

run: demo ## Set everything up and serve the portal with its worker at http://127.0.0.1:8000
	$(PY) manage.py runportal 127.0.0.1:8000

test: install ## Lint, check, and run the whole test suite (browser tests included)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run --noinput
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var --ignore=services_store/app_template > /dev/null
	$(VENV)/bin/pytest

lint: install ## Lint and check formatting
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code and fix what the linter can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Extract UI strings into locale/ and compile them
	$(PY) manage.py makemessages -l fr -l sv -l et -l ar -l uk --no-obsolete \
		--ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=services_store/app_template
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var --ignore=services_store/app_template

bench: install ## Run the benchmarks under bench/ and print their figures
	$(PY) bench/run.py

clean: ## Remove the virtual environment and local data (var/)
	rm -rf $(VENV) var
