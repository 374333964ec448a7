"""The entities stage: recognise names (KB gazetteer, and the NER tagger when shipped), merge them within
the article, link them to the knowledge base.

    from marsad.ner.entities import EntityStage
    stage = EntityStage()            # loads the tagger if its model is shipped, else KB-only
    stage = EntityStage(tagger=None) # KB/gazetteer only (tests)
    doc = stage(doc)                 # fills doc.entities

Requires `doc.text` (and uses `doc.tokens` and `doc.sentences` when present);
provides `doc.entities`, ids e1, e2 … in order of first mention.
"""
from __future__ import annotations

import bisect
import logging
from collections import Counter
from collections.abc import Sequence

from ..document import Document, Entity, Mention, Token
from ..kb import KnowledgeBase, load_kb
from ..text.segment import find_tokens
from .merge import Cluster, merge_mentions
from .mentions import NameMatch, combine, decode_iob, find_kb_names, gazetteer_for, tagged_name
from .roles import find_roles

log = logging.getLogger(__name__)

MAX_TAGGER_TOKENS = 512  # the tagger sees at most this many tokens at once: a run-on "sentence" is cut
DEFAULT = object()  # EntityStage(tagger=DEFAULT) loads the shipped tagger when there is one


def load_default_tagger():
    """The shipped NER tagger, or None (one log line) when it or its model file is missing."""
    try:
        from .taggers import load

        return load()
    except Exception as err:  # noqa: BLE001 - a missing model file, or a model still being trained
        log.info("NER tagger unavailable (%s: %s); entities from the knowledge base only", type(err).__name__, err)
        return None


class EntityStage:
    """Doc -> doc: fills `doc.entities`."""

    def __init__(self, tagger=DEFAULT, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb if kb is not None else load_kb()
        self.tagger = load_default_tagger() if tagger is DEFAULT else tagger
        self.gazetteer = gazetteer_for(self.kb)

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        tokens = doc.tokens or find_tokens(text)
        if not tokens:
            doc.entities = []
            return doc
        matches = find_kb_names(text, tokens, self.gazetteer)
        if self.tagger is not None:
            try:
                tagged = [tagged_name(text, tokens, span, self.gazetteer) for span in self._tag(doc, tokens)]
            except Exception as err:  # noqa: BLE001 - a tagger failure leaves the KB names
                doc.warn(f"NER tagger failed: {type(err).__name__}: {err}")
                tagged = []
            matches = combine(matches, tagged)
        roles = find_roles(text, tokens, self.kb)
        clusters = merge_mentions(text, tokens, matches, roles, self.kb)
        doc.entities = [to_entity(f"e{i}", c, text) for i, c in enumerate(clusters, 1)]
        return doc

    def _tag(self, doc: Document, tokens: Sequence[Token]):
        windows = tagger_windows(doc, tokens)
        labels = self.tagger.tag_sentences([[doc.span_text(t) for t in tokens[a:b]] for a, b in windows])
        for (a, _), labs in zip(windows, labels):
            yield from decode_iob(labs, a)


def tagger_windows(doc: Document, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges of the sentences, each cut into pieces of at most MAX_TAGGER_TOKENS."""
    starts = [t.start for t in tokens]
    bounds = [(bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)) for s in doc.sentences]
    bounds = [(a, b) for a, b in bounds if a < b] or [(0, len(tokens))]
    windows = []
    covered = 0
    for a, b in bounds:
        if a > covered:  # tokens between sentences (should not happen; never drop words)
            windows.extend(_pieces(covered, a))
        windows.extend(_pieces(max(a, covered), b))
        covered = max(covered, b)
    if covered < len(tokens):
        windows.extend(_pieces(covered, len(tokens)))
    return [w for w in windows if w[0] < w[1]]


def _pieces(a: int, b: int) -> list[tuple[int, int]]:
    return [(i, min(b, i + MAX_TAGGER_TOKENS)) for i in range(a, b, MAX_TAGGER_TOKENS)]


def to_entity(entity_id: str, c: Cluster, text: str) -> Entity:
    entry = c.entry
    mentions = _unique_mentions(c.mentions)
    if entry is not None:
        country = entry.country or c.country
        actor = entry.actor or (country + c.agent if country and c.agent else country if c.type == "PERSON" else None)
        return Entity(entity_id, entry.type, entry.name, mentions, name_en=entry.name_en, kb_id=entry.id,
                      wikidata=entry.wikidata, country=country, actor=actor, coordinates=entry.coordinates,
                      roles=list(c.roles))
    named = [m for m in c.mentions if m.origin not in ("role", "short")] or c.mentions
    longest = max(named, key=lambda m: (m.end - m.start, -m.start))
    types = Counter(m.type for m in c.mentions if m.type and m.origin != "role")
    typ = c.type if c.type in ("PERSON", "ORG") or not types else types.most_common(1)[0][0]
    actor = c.country + c.agent if c.country and c.agent else None
    return Entity(entity_id, typ, text[longest.start:longest.end], mentions, name_en=c.name_en,
                  country=c.country, actor=actor, roles=list(c.roles))


def _unique_mentions(matches: Sequence[NameMatch]) -> list[Mention]:
    spans = sorted({(m.start, m.end) for m in matches})
    return [Mention(s, e) for s, e in spans]
