"""The dates stage: every date expression of the Arabic paragraphs, resolved against the publication date.

    from marsad.dates.stage import dates
    doc = dates(doc)        # after tokenize: fills doc.dates
"""
from __future__ import annotations

import datetime as dt

from ..document import DateExpression, Document
from ..stage import stage
from .grammar import CONJUNCTIONS, find_dates
RELATIVE_GRAINS = frozenset({"day", "week", "month", "year"})


@stage(requires=("tokens",), provides=("dates",))
def dates(doc: Document) -> Document:
    """Fill `doc.dates`, in text order; a warning for a date that names no calendar day and for relative dates
    left without a value because the article has no publication date."""
    reference = dt.date.fromisoformat(doc.published) if doc.published else None
    tokens = doc.tokens
    found = []
    unresolved = 0
    for m in find_dates(tokens, reference, doc.text):
        first = tokens[m.first]
        written = doc.text[first.start:first.end]
        joined = first.prefix[:1] in CONJUNCTIONS or written[:1] in CONJUNCTIONS and written[1:2].isdigit()  # «وأمس», «و2015»
        start = first.start + joined
        expression = DateExpression(start, tokens[m.end - 1].end, m.value, m.grain)
        if m.invalid:
            doc.warn(f"date «{doc.span_text(expression)}» names no calendar day: kept with no value")
        elif m.value is None and m.grain in RELATIVE_GRAINS:
            unresolved += 1
        found.append(expression)
    if unresolved:
        doc.warn(f"no publication date: {unresolved} relative date(s) kept with no value")
    doc.dates = found
    return doc
