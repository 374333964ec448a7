# marsad: the two commands of the quick start, and the scripts that rebuild shipped resources.
VENV ?= .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared
EXAMPLE := $(SHARED)/examples/sada-elbalad-putin-zhang.txt

.PHONY: demo test install benchmark kb lexicon ner

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(VENV)/bin/marsad analyze $(EXAMPLE) --published 2023-11-29 --format json

test: $(VENV)/.installed
	$(PY) -m pytest

benchmark: $(VENV)/.installed
	$(PY) benchmarks/ingest_speed.py $(SHARED)/corpus/saudinewsnet

lexicon: $(VENV)/.installed
	$(PY) scripts/build_lexicon.py --shared $(SHARED)
