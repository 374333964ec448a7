"""A sentence's state scores under a CRF (ner/crf.py), built as FeatureExtractor.sentence builds its features, but
summed once per word type: what a type gives itself and its neighbours (own, ±1 and ±2 features) is a row of
scores kept per type; only the features that depend on the sentence (bigrams, gazetteer spans, the second pass's
document hints, the edges) are looked up per token.

    scorer = TypeScorer(crf, extractor)
    scores = scorer.sentence(tokens, hints)          # tokens × labels, for crf.viterbi
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .crf import LinearCRF
from .features import FeatureExtractor

MAX_TYPES = 200_000  # word types whose score rows are kept; the cache starts over past it (misses rise little)
OWN, PREV, NEXT, PREV2, NEXT2 = range(5)  # the rows of a type: its own, and what it gives to the word after it
# (its «-1:» features), before it («+1:»), two after («-2:») and two before («+2:»)


class TypeScorer:
    def __init__(self, crf: LinearCRF, extractor: FeatureExtractor) -> None:
        self.crf = crf
        self.extractor = extractor
        self._rows: dict[str, np.ndarray] = {}
        self._edges = (crf.rows(["-1:EDGE"]).sum(axis=0), crf.rows(["+1:EDGE"]).sum(axis=0))

    def type_rows(self, token: str) -> np.ndarray:
        rows = self._rows.get(token)
        if rows is None:
            own, prev, nxt, prev2, next2, _, _ = self.extractor._parts(token)
            state = self.crf.state
            rows = np.stack([state[self.crf.id_list(part)].sum(axis=0) for part in (own, prev, nxt, prev2, next2)])
            if len(self._rows) >= MAX_TYPES:
                self._rows.clear()
            self._rows[token] = rows
        return rows

    def sentence(self, tokens: Sequence[str], hints: Sequence[Sequence[str]] | None = None) -> np.ndarray:
        """The state scores of one sentence (with the second pass's `hints`, a list of features per token)."""
        n = len(tokens)
        if not n:
            return np.zeros((0, len(self.crf.labels)))
        rows = np.stack([self.type_rows(t) for t in tokens])  # (n, 5, labels)
        scores = rows[:, OWN].copy()
        scores[1:] += rows[:-1, PREV]
        scores[:-1] += rows[1:, NEXT]
        scores[2:] += rows[:-2, PREV2]
        scores[:-2] += rows[2:, NEXT2]
        scores[0] += self._edges[0]
        scores[-1] += self._edges[1]
        extractor, ids, unknown = self.extractor, self.crf.ids, self.crf.unknown
        parts = [extractor._parts(t) for t in tokens]
        stems = [p[-1] for p in parts]
        if extractor.config.bigrams:
            before = ["<s>", *stems[:-1]]
            after = [*stems[1:], "</s>"]
            pairs = [ids.get(f"b-={b}|{s}", unknown) for b, s in zip(before, stems)]
            pairs2 = [ids.get(f"b+={s}|{a}", unknown) for s, a in zip(stems, after)]
            scores += self.crf.state[pairs] + self.crf.state[pairs2]
        extra: list[list[str]] = [[] for _ in range(n)]
        if extractor.config.gazetteer:
            spans = extractor.gazetteer_spans(stems, [p[-2] for p in parts])
            for i, found in enumerate(spans):
                if found:
                    extra[i] += ["G:" + g for g in found]
                    if i + 1 < n:
                        extra[i + 1] += ["-1G:" + g for g in found]
                    if i > 0:
                        extra[i - 1] += ["+1G:" + g for g in found]
        if hints is not None:
            for i, h in enumerate(hints):
                extra[i] += h
        for i, features in enumerate(extra):
            if features:
                scores[i] += self.crf.rows(features).sum(axis=0)
        return scores
