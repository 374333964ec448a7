"""The state scores of a document's tokens under the CRFs of both passes (ner/crf.py), as the feature strings of
`FeatureExtractor.sentence` would give them, but summed once per word type.

    scorer = TypeScorer([pass1, pass2], extractor)
    doc = scorer.document(sentences)            # doc.state: tokens × passes × labels
    scorer.add_hints(doc.state[:, 1], stems, stem_hints(doc.stems, first_labels))   # the second pass's hints

What a type gives itself and its neighbours (its own features and its ±1 and ±2 context features) is a row of
scores per pass, kept for up to FORMS_KEPT types (the table then starts over): 720 bytes a type instead of its
feature strings. What depends on the sentence (the edges, bigrams, gazetteer spans, hints) is looked up per token.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .crf import LinearCRF
from ..text.word_forms import FORMS_KEPT
from .features import FeatureExtractor

OWN, PREV, NEXT, PREV2, NEXT2 = range(5)  # a type's rows: its own, and what it gives to the word after it (its
# «-1:» features), before it («+1:»), two after («-2:») and two before («+2:»)


@dataclass(slots=True)
class Scored:
    state: np.ndarray  # (tokens, passes, labels), the sentences one after another
    lengths: list[int]
    stems: list[list[str]]  # of each sentence's tokens


class TypeScorer:
    def __init__(self, models: Sequence[LinearCRF], extractor: FeatureExtractor) -> None:
        """`models`: the CRF of each pass; their labels are put in the order of the first's."""
        self.labels = models[0].labels
        names = list(dict.fromkeys(a for m in models for a in m.attributes))
        self.ids = {a: i for i, a in enumerate(names)}
        self.none = len(names)  # the row of an attribute no model weighs: zeros
        self.weights = np.zeros((len(names) + 1, len(models), len(self.labels)))
        self.transitions = []
        for p, model in enumerate(models):
            order = [model.labels.index(label) for label in self.labels]
            self.weights[[self.ids[a] for a in model.attributes], p] = model.state[:, order]
            self.transitions.append(model.transition[np.ix_(order, order)])
        self.extractor = extractor
        self._sides = [{a[3:]: i for a, i in self.ids.items() if a.startswith(side)}
                       for side in ("-1:", "+1:", "-2:", "+2:")]  # a context feature -> the row of each side's
        self._pairs = [_pairs(self.ids, side) for side in ("b-=", "b+=")]  # (word before, word after) -> row
        self._edges = self.weights[self.ids.get("-1:EDGE", self.none)], self.weights[self.ids.get("+1:EDGE", self.none)]
        self._index: dict[str, int] = {}
        self._stems: list[str] = []
        self._norms: list[str] = []
        self._starts: list[bool] = []  # may the type begin a gazetteer entry of several tokens
        self._rows = np.zeros((0, 5, *self.weights.shape[1:]))

    def document(self, sentences: Sequence[Sequence[str]]) -> Scored:
        """The state scores of every token of a document (no hints)."""
        tokens = [t for s in sentences for t in s]
        lengths = [len(s) for s in sentences]
        types = self._types(tokens)
        stems = [self._stems[i] for i in types]
        norms = [self._norms[i] for i in types]
        rows = self._rows[types]
        state = rows[:, OWN].copy()
        if not tokens:
            return Scored(state, lengths, [[] for _ in sentences])
        position = np.concatenate([np.arange(n) for n in lengths])
        last = position == np.repeat(np.asarray(lengths) - 1, lengths)
        first = position == 0
        state[1:] += rows[:-1, PREV] * ~first[1:, None, None]
        state[:-1] += rows[1:, NEXT] * ~last[:-1, None, None]
        state[2:] += rows[:-2, PREV2] * (position[2:] > 1)[:, None, None]
        state[:-2] += rows[2:, NEXT2] * ~(last[:-2] | last[1:-1])[:, None, None]
        state[first] += self._edges[0]
        state[last] += self._edges[1]
        weights, none = self.weights, self.none
        if self.extractor.config.bigrams:
            before = ["<s>" if f else s for f, s in zip(first.tolist(), ["<s>", *stems[:-1]])]
            after = ["</s>" if e else s for e, s in zip(last.tolist(), [*stems[1:], "</s>"])]
            pairs_before, pairs_after = (pairs.get for pairs in self._pairs)
            state += weights[[pairs_before(pair, none) for pair in zip(before, stems)]]
            state += weights[[pairs_after(pair, none) for pair in zip(stems, after)]]
        split = [stems[a:a + n] for a, n in zip(np.cumsum(lengths) - lengths, lengths)]
        if self.extractor.config.gazetteer:
            self._add_gazetteer(state, lengths, split, norms, [self._starts[i] for i in types])
        return Scored(state, lengths, split)

    def _add_gazetteer(self, state: np.ndarray, lengths: list[int], stems: list[list[str]], norms: list[str],
                       starts: list[bool]) -> None:
        """The features of the gazetteer entries of several tokens: «G:» on each token of one (B- on its first, I-
        on the others), «-1G:» on the token after each of those, «+1G:» on the token before."""
        get, none = self.ids.get, self.none
        at: list[int] = []
        features: list[int] = []
        offset = 0
        for n, sentence in zip(lengths, stems):
            if any(starts[offset:offset + n]):
                for i, length, kinds in self.extractor.gazetteer_matches(sentence, norms[offset:offset + n],
                                                                         starts[offset:offset + n]):
                    for k in range(i, i + length):
                        for kind in kinds:
                            g = ("B-" if k == i else "I-") + kind
                            at.append(offset + k)
                            features.append(get("G:" + g, none))
                            if k + 1 < n:
                                at.append(offset + k + 1)
                                features.append(get("-1G:" + g, none))
                            if k > 0:
                                at.append(offset + k - 1)
                                features.append(get("+1G:" + g, none))
            offset += n
        if at:
            np.add.at(state, at, self.weights[features])

    def add_hints(self, state: np.ndarray, stems: Sequence[str], hints: dict[str, list[str]], model: int = 1) -> None:
        """Add the second pass's document hints (`features.stem_hints`) to its state scores (tokens × labels);
        `stems`: of every token."""
        get, none = self.ids.get, self.none
        rows = {stem: self.weights[[get(f, none) for f in features], model].sum(axis=0)
                for stem, features in hints.items()}
        at = [k for k, stem in enumerate(stems) if stem in rows]
        if at:
            state[at] += np.stack([rows[stems[k]] for k in at])

    def _types(self, tokens: Sequence[str]) -> np.ndarray:
        """The table rows of the tokens' types, the new ones scored first."""
        index = self._index
        new = [t for t in dict.fromkeys(tokens) if t not in index]
        if len(index) + len(new) > FORMS_KEPT:
            index.clear()
            self._stems.clear()
            self._norms.clear()
            self._starts.clear()
            new = list(dict.fromkeys(tokens))
        if new:
            self._score(new)
        return np.fromiter((index[t] for t in tokens), dtype=np.intp, count=len(tokens))

    def _score(self, new: list[str]) -> None:
        none, base_features, may_start = self.none, self.extractor.base_features, self.extractor.may_start_entry
        own = self.ids.get
        prev, nxt, prev2, next2 = (side.get for side in self._sides)
        flat: list[int] = []
        starts: list[int] = []
        for token in new:
            own_features, context, far, norm, stem = base_features(token)
            for get, part in ((own, own_features), (prev, context), (nxt, context), (prev2, far), (next2, far)):
                starts.append(len(flat))
                flat.append(none)  # so that no part is empty (reduceat would take the next row)
                flat += [get(f, none) for f in part]
            self._stems.append(stem)
            self._norms.append(norm)
            self._starts.append(may_start(stem))
        sums = np.add.reduceat(self.weights[flat], starts, axis=0).reshape(len(new), 5, *self.weights.shape[1:])
        count = len(self._index)
        if count + len(new) > len(self._rows):
            grown = np.zeros((max(min(2 * len(self._rows), FORMS_KEPT), count + len(new), 1024), *self._rows.shape[1:]))
            grown[:count] = self._rows[:count]
            self._rows = grown
        self._rows[count:count + len(new)] = sums
        self._index.update(zip(new, range(count, count + len(new))))


def _pairs(ids: dict[str, int], side: str) -> dict[tuple[str, str], int]:
    """The bigram attributes of one side («b-=A|B»), keyed by every (A, B) that would write them."""
    pairs = {}
    for attribute, row in ids.items():
        if attribute.startswith(side):
            pair = attribute[len(side):]
            for cut in (k for k, c in enumerate(pair) if c == "|"):
                pairs[pair[:cut], pair[cut + 1:]] = row
    return pairs
