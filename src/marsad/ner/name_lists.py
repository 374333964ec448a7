"""The single-word person names of the NER gazetteer (`resources/ner/gazetteer.tsv.gz`: Arab given and family
names, Wikidata name tokens), for the rules that need to know a name word when they see one."""
from __future__ import annotations

from ..resources import snapshot
from .features import read_gazetteer

GIVEN, FAMILY, TOKEN = "PER_GIVEN", "PER_SUR", "PER_TOKEN"
NAME_TOKEN_FLOOR = 50  # the count the word list gives a listed name that prose does not use (scripts/build_lexicon.py)


@snapshot.loader
def name_words() -> dict[str, frozenset[str]]:
    """Folded single word -> its person kinds (given, family, name token) in the NER gazetteer."""
    out: dict[str, frozenset[str]] = {}
    shared: dict[tuple[str, ...], frozenset[str]] = {}  # one set for each combination of kinds
    for words, kinds in read_gazetteer().items():
        if len(words) == 1:
            person = shared.get(kinds)
            if person is None:
                person = shared[kinds] = frozenset(k for k in kinds if k in (GIVEN, FAMILY, TOKEN))
            if person:
                out[words[0]] = person
    return out
