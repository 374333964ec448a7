"""The quotes stage: direct, indirect and mixed quotes with their cue, speaker and addressee.

    from marsad.quotes.stage import QuoteStage
    doc = QuoteStage()(doc)        # after the entities stage: fills doc.quotes
"""
from __future__ import annotations

import bisect

from ..document import Document, Quote, Span
from .cues import cue_of, cue_start
from .spans import MentionIndex, find_spans
from .speakers import Speakers


class QuoteStage:
    """Doc -> doc: fills `doc.quotes`, in text order."""

    name = "quotes"
    requires = ("tokens", "sentences", "paragraphs", "entities")
    provides = ("quotes",)

    def __call__(self, doc: Document) -> Document:
        tokens = doc.tokens
        index = MentionIndex(doc)
        found = {f.cue: f for f in find_spans(doc, index)}
        speakers = Speakers(doc, index)
        starts = [t.start for t in tokens]
        quotes = []
        for c, tok in enumerate(tokens):  # in text order, so that a speaker carries over to «وأضاف:»
            if cue_of(tok) is None:
                continue
            f = found.get(c)
            if f is None:
                speakers.statement(c)
                continue
            stop = f.clause if f.clause is not None else min(bisect.bisect_left(starts, f.start), len(tokens))
            said = speakers.of(c, stop if stop > c else len(tokens))
            if said.unnamed is not None:
                speaker_text = doc.span_text(said.unnamed)
            elif said.mention is None:
                speaker_text = None  # carried over, or nobody
            elif said.mention.start > tok.end:  # the words from the cue to the name: «المتحدث باسم الشرطة»
                speaker_text = doc.text[tokens[c + 1].start:said.mention.end]
            else:
                speaker_text = doc.span_text(said.mention)  # «بوتين قال»
            quotes.append(Quote(f.start, f.end, f.kind, cue=Span(cue_start(tok), tok.end),
                                speaker=said.speaker.id if said.speaker else None, speaker_text=speaker_text,
                                addressee=said.addressee.id if said.addressee else None,
                                carried=said.speaker is not None and said.mention is None))
        doc.quotes = sorted(quotes, key=lambda q: q.start)
        return doc
