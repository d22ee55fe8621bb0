# Two commands on a fresh machine: `make demo` and `make test`. Both need only python3.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test lint translations bench

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/qingdan demo

test: install
	tools/run-tests

lint: install
	$(VENV)/bin/ruff check .

# Load the app on PostgreSQL at 10,000 and 100,000 cases and print the figures (bench/run.py);
# not part of `make test`. A quicker try: make bench BENCH_ARGS="--cases 2000,10000 --seconds 5"
bench: install
	$(PY) -m bench $(BENCH_ARGS)

# After marking strings with _() or _l(): extract them, merge into the catalogs, translate the
# new entries in core/translations/en/LC_MESSAGES/messages.po, then compile.
translations: install
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l --no-location --sort-output --project qingdan -o core/translations/messages.pot core tenants
	$(VENV)/bin/pybabel update -i core/translations/messages.pot -d core/translations --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -d core/translations
