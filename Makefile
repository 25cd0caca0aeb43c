# The project's commands. Every target is non-interactive and safe to re-run.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8000
BIN     = $(VENV)/bin
MANAGE  = $(BIN)/python manage.py
STAMP   = $(VENV)/.installed-stamp
CATALOGS = $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.DEFAULT_GOAL := help
PROD    = DJANGO_SETTINGS_MODULE=config.settings.production
WORKERS ?= 3
# pytest-xdist processes for `make test` (0: all tests in one process).
PYTEST_WORKERS ?= 2

.PHONY: help run serve-prod serve-varnish test lint format messages compilemessages seed migrate install clean bench bench-events bench-translations bench-activity bench-media bench-load

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

$(CATALOGS): %.mo: %.po | $(STAMP)
	$(MANAGE) compile_catalogs

compilemessages: $(CATALOGS) ## Compile the gettext catalogs (pure Python, no msgfmt needed)

migrate: install compilemessages ## Apply database migrations, provision the network roles and sections, and put private media in the private storage
	$(MANAGE) migrate --noinput
	$(MANAGE) provision_sections
	$(MANAGE) settle_private_media

seed: migrate ## Load the demo content and demo accounts (idempotent)
	$(MANAGE) load_demo

run: seed ## Install, migrate, load demo content and serve on http://127.0.0.1:$(PORT)/
	@echo ""
	@echo "  Bydelsmødre runs at  http://127.0.0.1:$(PORT)/"
	@echo "  Wagtail admin:       http://127.0.0.1:$(PORT)/admin/"
	@echo "  Demo logins (password bydelsmor-demo):"
	@echo "    admin                  superuser"
	@echo "    redaktor-nordrefollo   section editor, Nordre Follo"
	@echo "    redaktor-indreostfold  section editor, Indre Østfold"
	@echo "    koordinator-nordrefollo  coordinator, Nordre Follo: people, volunteers, attendance, activity"
	@echo "    kommune-nordrefollo    municipality contact, Nordre Follo: the activity report only"
	@echo "    nasjonal-redaktor      national editor"
	@echo "    oversetter-somali      translator into Somali"
	@echo "    frivillig-nordrefollo  volunteer: log in at /logg-inn/, private area /frivillig/, her log /frivillig/aktivitet/"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve-prod: install compilemessages ## Serve with gunicorn and the production settings on 127.0.0.1:$(PORT) (needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, SITE_URL)
	$(PROD) $(MANAGE) check --deploy --fail-level WARNING
	$(PROD) $(MANAGE) migrate --noinput
	$(PROD) $(MANAGE) provision_sections
	$(PROD) $(MANAGE) settle_private_media
	$(PROD) $(MANAGE) activity_retention --schedule
	$(PROD) $(MANAGE) outreach_retention --schedule
	$(PROD) $(MANAGE) collectstatic --noinput --verbosity 0
	$(PROD) PORT=$(PORT) WORKERS=$(WORKERS) exec $(BIN)/gunicorn config.wsgi --config config/gunicorn.py

VARNISH_PORT ?= 8080
serve-varnish: install ## Varnish on 127.0.0.1:$(VARNISH_PORT) in front of `make serve-prod` on $(PORT) (installs varnish; config/varnish/)
	@command -v varnishd >/dev/null || test -x /usr/sbin/varnishd || { echo "Installing varnish with apt-get"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update && $$SUDO apt-get install -y varnish; }
	PORT=$(PORT) VARNISH_PORT=$(VARNISH_PORT) exec $(BIN)/python config/varnish/serve.py

test: install compilemessages ## Run checks, the import layers and the whole test suite
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install ## ruff check, ruff format --check and the import layers (lint-imports)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update the .po catalogs from the code (needs GNU gettext: apt-get install gettext)
	$(MANAGE) makemessages -l nb -l en -l ar -l so -l ur -l pl -l ti -l fa -l tr --ignore=.venv --ignore=tests --no-obsolete

bench: install compilemessages ## Benchmarks: pages, the calendar and the translation overview with 10,000 events, the activity report with 100,000 entries, private media, then the load test (bench/README.md)
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/translations.py
	$(BIN)/python bench/activity.py
	$(BIN)/python bench/media.py
	$(MAKE) --no-print-directory bench-load

bench-events: install compilemessages ## Benchmark the calendar and iCal feed with 10,000 events
	$(BIN)/python bench/events.py

bench-media: install compilemessages ## Benchmark serving a private image through the check among 20,000 renditions, and moving one
	$(BIN)/python bench/media.py

bench-translations: install compilemessages ## Benchmark the translation overview with 10,000 events and 15,000 translations
	$(BIN)/python bench/translations.py

bench-activity: install compilemessages ## Benchmark the activity report and its admin views with 100,000 entries over 50 sections
	$(BIN)/python bench/activity.py

bench-load: install compilemessages ## Load test: gunicorn on PostgreSQL and Redis, wrk on 4 pages, cache off, on, and through Varnish beside nginx (installs wrk, varnish, nginx)
	@{ command -v wrk && test -x /usr/sbin/varnishd && test -x /usr/sbin/nginx; } >/dev/null || { \
		echo "Installing wrk, varnish and nginx with apt-get"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update && $$SUDO apt-get install -y wrk varnish nginx; }
	$(BIN)/python bench/load.py $(BENCH_LOAD_ARGS)

clean: ## Remove the virtualenv, compiled catalogs and caches (keeps db.sqlite3 and media/)
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
	find locale -name '*.mo' -delete
