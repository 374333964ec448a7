"""An article's text cut where any of its facts begins or ends, for the page to mark: each piece knows the mention,
the quote, the event trigger and the date it lies in. The page escapes each piece's text; nothing here is HTML.

    for piece in pieces(record):  piece.text, piece.mention, piece.quote, piece.trigger, piece.date
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    """A fact over a stretch of the text."""
    kind: str  # mention, quote, trigger or date
    start: int
    end: int
    index: int  # its place in its layer (the quote, event or date number; for a mention, its entity's)
    first: bool = False  # (set on the piece where it begins)


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    start: int
    mention: Mark | None = None
    quote: Mark | None = None
    trigger: Mark | None = None
    date: Mark | None = None
    ends_mention: bool = False  # the last piece of its mention (where its type label goes)


def marks(record: dict) -> list[Mark]:
    """The record's facts with a span into its text, in reading order."""
    out: list[Mark] = []
    for i, entity in enumerate(record.get("entities") or []):
        out += [Mark("mention", m["start"], m["end"], i) for m in entity.get("mentions") or []]
    out += [Mark("quote", q["start"], q["end"], i) for i, q in enumerate(record.get("quotes") or [])]
    out += [Mark("trigger", e["trigger"]["start"], e["trigger"]["end"], i)
            for i, e in enumerate(record.get("events") or [])]
    out += [Mark("date", d["start"], d["end"], i) for i, d in enumerate(record.get("dates") or [])]
    size = len(record.get("text") or "")
    return sorted((m for m in out if 0 <= m.start < m.end <= size), key=lambda m: (m.start, -m.end, m.kind))


def pieces(record: dict) -> list[Piece]:
    """The text in pieces, each covered by one mark of each kind at most (where two of a kind overlap, the one that
    starts first, then the longer, holds the overlap)."""
    text = record.get("text") or ""
    found = marks(record)
    cuts = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    out: list[Piece] = []
    open_: dict[str, Mark] = {}
    k = 0
    for a, b in zip(cuts, cuts[1:]):
        for kind, m in list(open_.items()):
            if m.end <= a:
                del open_[kind]
        while k < len(found) and found[k].start <= a:
            m = found[k]
            k += 1
            if m.end > a and m.kind not in open_:
                open_[m.kind] = m
        held = {kind: Mark(m.kind, m.start, m.end, m.index, m.start == a) for kind, m in open_.items()}
        mention = held.get("mention")
        out.append(Piece(text[a:b], a, mention, held.get("quote"), held.get("trigger"), held.get("date"),
                         mention is not None and mention.end == b))
    return out
