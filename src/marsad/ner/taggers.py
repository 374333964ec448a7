"""The two shipped NER taggers and which one the pipeline uses.

Both tag marsad tokens with IOB2 labels (PERSON, ORG, GPE, LOC, MISC) through
`tag_sentences(list[list[str]])`. On the dev split (last 10% of ANERcorp CAMeL
train.txt) they are within noise of each other (neural 0.742, CRF 0.733 micro
F1, each the best of its own selection; ~1 point is noise on 969 entities) and
tag at about the same speed. The CRF is the default: the choice was made after
both had been scored once on the test split (CRF 0.7216, neural 0.7073), so the
CRF's test figure is a slightly optimistic estimate (BENCHMARKS.md,
benchmarks/ner_ablation.md, benchmarks/ner_neural.md).
"""
from __future__ import annotations

from enum import Enum


class TaggerKind(str, Enum):
    neural = "neural"  # BiLSTM-CRF with a character CNN, numpy inference (marsad.ner.neural)
    crf = "crf"  # two-pass CRF with document features (marsad.ner.tagger)


DEFAULT_TAGGER = TaggerKind.crf


def load(kind: TaggerKind = DEFAULT_TAGGER):
    """The shipped tagger of that kind, loaded once from package resources."""
    if kind is TaggerKind.neural:
        from .neural import load_neural_tagger

        return load_neural_tagger()
    from .tagger import load_tagger

    return load_tagger()
