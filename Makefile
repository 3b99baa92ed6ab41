# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint check test-sqlite test-postgres test-search-servers test-production messages clean vnu

$(BIN)/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create a virtual environment: apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py first_run
	$(PY) manage.py ensure_admin
	@# The task worker runs index updates for a search cluster (and Wagtail's own background work);
	@# it lives as long as the development server and waits for the database if it restarts.
	$(PY) manage.py run_worker --interval 2 -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: $(VENV)/.installed-test
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=check-only-$$(date +%s)-not-a-real-key-0123456789abcdef \
		ALLOWED_HOSTS=kunskapsbanken.example.org SITE_URL=https://kunskapsbanken.example.org \
		CONTACT_EMAIL=kunskapsbanken@example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

# The Nu Html Checker for tests/browser/test_html_validity.py, pinned in tools/vnu/package-lock.json.
# --ignore-scripts: the package's install script would fetch a Java runtime; the system's is used.
VNU_JAR := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR): tools/vnu/package.json tools/vnu/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the HTML checker: apt-get install npm"; exit 1; }
	npm ci --prefix tools/vnu --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

vnu: $(VNU_JAR)

test-sqlite: $(VENV)/.installed-test $(VNU_JAR)
	$(BIN)/pytest

# Tests that start their own PostgreSQL server whatever the suite runs on: once, in test-sqlite.
OWN_SERVER_TESTS := --deselect tests/cms/test_unavailable.py::test_database_outage_while_publishing \
	--deselect tests/test_backup_restore.py::test_postgresql_site_restores_into_an_empty_database

# The same suite on PostgreSQL, from Debian's postgresql package. The browser tests run once, in
# test-sqlite: they drive their own runserver on SQLite, so a second run would test nothing new. Outside CI a machine without it
# is told how to install it; in CI (CI=true) a missing server is a failure, never a skip.
test-postgres: $(VENV)/.installed-test
	@url=$$(tools/postgres/test-cluster.sh start); status=$$?; \
	if [ $$status -eq 3 ] && [ "$${CI:-}" != "true" ]; then \
		echo "SKIPPED the PostgreSQL run: apt-get install postgresql, then make test again."; exit 0; \
	fi; \
	[ $$status -eq 0 ] || exit $$status; \
	echo "Running the suite on PostgreSQL ($$url)"; \
	TEST_DATABASE_URL=$$url $(BIN)/pytest --ignore=tests/browser $(OWN_SERVER_TESTS); result=$$?; \
	tools/postgres/test-cluster.sh stop; exit $$result

# The search server matrix: on OpenSearch 3 and Elasticsearch 7.10.2, one server after another, the
# contract suite and the relevance must-find tests on SQLite and on PostgreSQL, and the
# zero-downtime reindex and three-node fault tests on SQLite (OpenSearch 2.19 runs all of them with
# the whole suite in test-sqlite and test-postgres). Each server is built from Maven Central into
# the one ~/.m2 (tools/search-cluster); in CI a server that does not start is a failure.
SEARCH_SERVERS ?= opensearch3 elasticsearch7
SEARCH_SERVER_DB_TESTS := tests/search/test_contract.py tests/search/test_relevance_must_find.py
SEARCH_SERVER_TESTS := $(SEARCH_SERVER_DB_TESTS) tests/search/test_cluster_reindex.py \
	tests/search/test_cluster_faults.py
test-search-servers: $(VENV)/.installed-test
	@url=$$(tools/postgres/test-cluster.sh start); status=$$?; \
	if [ $$status -eq 3 ] && [ "$${CI:-}" != "true" ]; then \
		url=""; echo "SKIPPED the PostgreSQL part: apt-get install postgresql, then make test again."; \
	elif [ $$status -ne 0 ]; then exit $$status; fi; \
	result=0; \
	for server in $(SEARCH_SERVERS); do \
		echo "Search tests on $$server (SQLite)"; \
		SEARCH_CLUSTER_ONLY=1 SEARCH_SERVER=$$server $(BIN)/pytest $(SEARCH_SERVER_TESTS) \
			|| { result=1; break; }; \
		[ -n "$$url" ] || continue; \
		echo "Search contract and must-find tests on $$server (PostgreSQL)"; \
		SEARCH_CLUSTER_ONLY=1 SEARCH_SERVER=$$server TEST_DATABASE_URL=$$url \
			$(BIN)/pytest $(SEARCH_SERVER_DB_TESTS) \
			|| { result=1; break; }; \
	done; \
	[ -z "$$url" ] || tools/postgres/test-cluster.sh stop; exit $$result

# docs/operations.md's deployment steps from a clean checkout of HEAD, then gunicorn answering.
test-production: $(VENV)/.installed
	VENV=$(VENV) tools/smoke/production.sh

test: lint check test-sqlite test-postgres test-search-servers test-production

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l sv -l en --ignore=.venv --ignore=tests --ignore=tools
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var db.sqlite3
