"""The two shipped NER taggers, loaded by kind (`config.TaggerKind`, which says why the CRF is the default).

Both tag marsad tokens with IOB2 labels (PERSON, ORG, GPE, LOC, MISC) through
`tag_sentences(list[list[str]])`.
"""
from __future__ import annotations

from ..config import DEFAULT_TAGGER, TaggerKind


def load(kind: TaggerKind = DEFAULT_TAGGER):
    """The shipped tagger of that kind, loaded once from package resources."""
    if kind is TaggerKind.neural:
        from .neural import load_neural_tagger

        return load_neural_tagger()
    if kind is TaggerKind.crf:
        from .tagger import load_tagger

        return load_tagger()
    raise ValueError(f"no shipped tagger of kind {kind.value!r}")
