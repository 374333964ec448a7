# marsad: the two commands of the quick start, and the scripts that rebuild shipped resources.
VENV ?= .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared
EXAMPLE := $(SHARED)/examples/sada-elbalad-putin-zhang.txt
SNN := $(SHARED)/corpus/saudinewsnet
DEMO_DAYS := $(SNN)/2015-07-21.zip $(SNN)/2015-07-24.zip $(SNN)/2015-07-27.zip $(SNN)/2015-08-01.zip
DEMO_DB ?= marsad.db

.PHONY: demo analyze test install benchmark kb lexicon ner

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

# the example article and 300 articles of each of four SaudiNewsNet days into the embedded store, then the page
demo: $(VENV)/.installed
	$(VENV)/bin/marsad ingest $(EXAMPLE) --published 2023-11-29 --db $(DEMO_DB)
	$(PY) scripts/saudinewsnet_to_jsonl.py $(DEMO_DAYS) --each 300 -o $(VENV)/demo-slice.jsonl
	$(VENV)/bin/marsad ingest $(VENV)/demo-slice.jsonl --jobs 2 --db $(DEMO_DB)
	$(VENV)/bin/marsad serve --db $(DEMO_DB)

analyze: $(VENV)/.installed
	$(VENV)/bin/marsad analyze $(EXAMPLE) --published 2023-11-29 --format json

test: $(VENV)/.installed
	$(PY) -m pytest

benchmark: $(VENV)/.installed
	$(PY) benchmarks/ingest_speed.py $(SHARED)/corpus/saudinewsnet

lexicon: $(VENV)/.installed
	$(PY) scripts/build_lexicon.py --shared $(SHARED)
