"""The entities stage: recognise names (KB gazetteer, the NER tagger the config names, organisation
names from their structure, people right after a title), find role phrases, merge the names within the article, link them to the
knowledge base, preferring the article's own countries.

    from marsad.ner.entities import EntityStage
    stage = EntityStage()                                    # the shipped tagger (EntityConfig defaults)
    stage = EntityStage(EntityConfig(tagger=TaggerKind.none))  # KB/gazetteer only
    stage = EntityStage(tagger=my_tagger)                    # any object with tag_sentences()
    doc = stage(doc)                                         # fills doc.role_phrases and doc.entities

Entity ids are e1, e2 … in order of first mention.
"""
from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence

from ..config import EntityConfig, TaggerKind
from ..document import Document, Entity, Mention, Token
from ..kb import KnowledgeBase, load_kb
from ..kb.roles import find_role_phrases
from ..text.outlets import outlet_country
from .merge import Cluster, merge_mentions
from .mentions import (NameMatch, TaggedSpan, combine, decode_iob, find_kb_names, gazetteer_for, split_at_and, tagged_name,
                       without_function_words)
from .linking import fit_dates, link_home_bodies, link_people, prefer_article_countries, read_clubs, the_kingdom
from .titled_names import titled_people
from .head_names import with_head_names

log = logging.getLogger(__name__)

MAX_TAGGER_TOKENS = 512  # the tagger sees at most this many tokens at once: a run-on "sentence" is cut
# the tagger reads a document this many sentences at a time (its second pass looks across them): a news article
# is one piece; a 20 MB one is tagged in bounded memory
MAX_TAGGER_SENTENCES = 1000


def load_tagger_or_none(kind: TaggerKind):
    """The shipped tagger of that kind; None (and one log line) for `none` or when its model file is missing."""
    if kind is TaggerKind.none:
        return None
    try:
        from .taggers import load

        return load(kind)
    except Exception as err:  # noqa: BLE001 - a missing model file, or a model still being trained
        log.info("NER tagger unavailable (%s: %s); entities from the knowledge base only", type(err).__name__, err)
        return None


class EntityStage:
    """Doc -> doc: fills `doc.role_phrases` and `doc.entities`."""

    name = "entities"
    requires = ("tokens", "sentences")
    provides = ("role_phrases", "entities")

    def __init__(self, config: EntityConfig | None = None, *, tagger=None, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb if kb is not None else load_kb()
        self.tagger = tagger if tagger is not None else load_tagger_or_none((config or EntityConfig()).tagger)
        self.gazetteer = gazetteer_for(self.kb)

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        tokens = doc.tokens
        if not tokens:
            doc.role_phrases = []
            doc.entities = []
            return doc
        matches = read_clubs(tokens, fit_dates(find_kb_names(text, tokens, self.gazetteer), doc.published),
                             doc.sentences)
        if self.tagger is not None:
            try:
                tagged = fit_dates([tagged_name(text, tokens, span, self.gazetteer) for span in self._tag(doc, tokens)],
                                   doc.published)
            except Exception as err:  # noqa: BLE001 - a tagger failure leaves the KB names
                doc.warn(f"NER tagger failed: {type(err).__name__}: {err}")
                tagged = []
            matches = combine(matches, tagged)
        matches = with_head_names(text, tokens, matches, self.kb)
        country = outlet_country(doc.outlet, doc.source.url)
        prefer_article_countries(text, tokens, matches, self.kb, country)
        link_home_bodies(matches, self.kb, country)
        link_people(matches, self.kb)
        doc.role_phrases = find_role_phrases(text, tokens, self.kb)
        matches = [*matches, *titled_people(text, tokens, doc.role_phrases, matches, self.kb)]
        matches = sorted([*matches, *the_kingdom(text, tokens, matches, self.kb, country)], key=lambda m: m.first)
        clusters = merge_mentions(text, tokens, matches, doc.role_phrases, self.kb)
        doc.entities = [to_entity(f"e{i}", c, text) for i, c in enumerate(clusters, 1)]
        return doc

    def _tag(self, doc: Document, tokens: Sequence[Token]) -> list[TaggedSpan]:
        windows = tagger_windows(doc, tokens)
        labels = [labs for k in range(0, len(windows), MAX_TAGGER_SENTENCES)
                  for labs in self.tagger.tag_sentences([[doc.span_text(t) for t in tokens[a:b]]
                                                         for a, b in windows[k:k + MAX_TAGGER_SENTENCES]])]
        spans = [span for (a, _), labs in zip(windows, labels) for span in decode_iob(labs, a)]
        return split_at_and(without_function_words(spans, tokens), tokens)


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
                      roles=list(c.roles), former_roles=list(c.former_roles), honorifics=list(c.honorifics))
    named = [m for m in c.mentions if m.origin not in ("role", "short")] or c.mentions
    longest = max(named, key=lambda m: (m.end - m.start, -m.start))
    types = [m.type for m in c.mentions if m.type and m.origin != "role"]
    typ = c.type if c.type in ("PERSON", "ORG") or not types else max(dict.fromkeys(types), key=types.count)
    actor = c.country + c.agent if c.country and c.agent else None
    return Entity(entity_id, typ, text[longest.start:longest.end], mentions, name_en=c.name_en,
                  country=c.country, actor=actor, roles=list(c.roles), former_roles=list(c.former_roles),
                  honorifics=list(c.honorifics))


def _unique_mentions(matches: Sequence[NameMatch]) -> list[Mention]:
    spans = sorted({(m.start, m.end) for m in matches})
    return [Mention(s, e) for s, e in spans]
