"""The quotes stage: direct, indirect and mixed quotes with their cue, speaker, addressee and source.

    from marsad.quotes.stage import QuoteStage
    doc = QuoteStage()(doc)        # after the entities stage: fills doc.quotes
"""
from __future__ import annotations

import bisect

from ..document import Document, Quote, Span, inside
from .cues import cue_start, cues_in
from .sources import Sources
from ..mentions import MentionIndex
from .spans import find_spans
from .speakers import Speakers


class QuoteStage:
    """Doc -> doc: fills `doc.quotes`, in text order; the agencies credited as sources join `doc.wire_sources`."""

    name = "quotes"
    requires = ("tokens", "sentences", "paragraphs", "role_phrases", "entities")
    provides = ("quotes",)

    def __call__(self, doc: Document) -> Document:
        tokens = doc.tokens
        index = MentionIndex(doc)
        cues = cues_in(tokens)
        found = {f.cue: f for f in find_spans(doc, index, cues)}
        speakers = Speakers(doc, index)
        sources = Sources(doc, index)
        starts = index.starts
        said_spans = sorted((f.start, f.end) for f in found.values())
        quotes = []
        for c in sorted(cues):  # in text order, so that a speaker carries over to «وأضاف:»
            tok = tokens[c]
            f = found.get(c)
            if f is None:
                if not inside(said_spans, tok.start):  # a cue in the words said is not the story's
                    speakers.statement(c)
                continue
            stop = f.clause if f.clause is not None else min(bisect.bisect_left(starts, f.start), len(tokens))
            said = speakers.of(c, stop if stop > c else len(tokens))
            credit = sources.named(said.source) if said.source is not None else sources.of(f, said.speaker)
            if credit is not None and credit.agency and credit.name not in doc.wire_sources:
                doc.wire_sources.append(credit.name)
            quotes.append(Quote(f.start, f.end, f.kind, cue=Span(cue_start(tok), tok.end),
                                speaker=said.speaker.id if said.speaker else None, speaker_text=said.text,
                                addressee=said.addressee.id if said.addressee else None,
                                source=credit.name if credit is not None else None, carried=said.carried))
        doc.quotes = sorted(quotes, key=lambda q: q.start)
        return doc

