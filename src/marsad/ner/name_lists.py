"""The single-word person names of the NER gazetteer (`resources/ner/gazetteer.tsv.gz`: Arab given and family
names, Wikidata name tokens), for the rules that need to know a name word when they see one."""
from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

GIVEN, FAMILY, TOKEN = "PER_GIVEN", "PER_SUR", "PER_TOKEN"


@lru_cache(maxsize=1)
def name_words() -> dict[str, frozenset[str]]:
    """Folded single word -> its person kinds (given, family, name token) in the NER gazetteer."""
    out: dict[str, frozenset[str]] = {}
    path = resources.files("marsad.resources") / "ner" / "gazetteer.tsv.gz"
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as f:
        for line in f:
            form, kinds = line.rstrip("\n").split("\t")
            person = frozenset(k for k in kinds.split(",") if k in (GIVEN, FAMILY, TOKEN))
            if person and " " not in form:
                out[form] = person
    return out
