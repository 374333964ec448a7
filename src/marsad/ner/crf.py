"""A linear-chain CRF read from a crfsuite model and decoded with numpy: the same Viterbi labels as crfsuite, without
turning every feature string into an attribute id on every call.

    crf = LinearCRF.from_crfsuite(model_bytes, attributes)   # attributes: id -> string, from the model's dump
    scores = crf.rows(["bias", "w=قال"]).sum(axis=0)          # a token's state scores, one per label
    crf.viterbi([scores_of_sentence_1, scores_of_sentence_2])   # label indices of each sentence

A token's state score is the sum of the weights of its attributes (crfsuite gives each the value 1), so the scores
that a word type contributes to itself and to its neighbours can be summed once per type (ner/tagger.py does).
The weights are read exactly (float64) from the model's FEAT chunk, not from its rounded text dump.
"""
from __future__ import annotations

import struct
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

STATE, TRANSITION = 0, 1  # crfsuite's feature types
FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
FEATURES_AT = 0x30  # the FEAT chunk follows the 48-byte file header (crf1dmw.c)


@dataclass(slots=True)
class LinearCRF:
    labels: list[str]
    ids: dict[str, int]  # attribute -> its row of `state`; the last row (all zeros) stands for an unknown one
    state: np.ndarray  # (attributes + 1, labels)
    transition: np.ndarray  # (labels, labels): from -> to

    @classmethod
    def from_crfsuite(cls, model: bytes, labels: Sequence[str], attributes: Sequence[str]) -> LinearCRF:
        """The weights of a crfsuite CRF1d model, its labels and attributes in the model's own order."""
        chunk, _, count = struct.unpack_from("<4sII", model, FEATURES_AT)
        if chunk != b"FEAT":
            raise ValueError("not a crfsuite CRF1d model (no FEAT chunk where expected)")
        features = np.frombuffer(model, dtype=FEATURE, count=count, offset=FEATURES_AT + 12)
        state = np.zeros((len(attributes) + 1, len(labels)))
        transition = np.zeros((len(labels), len(labels)))
        kept = features[features["type"] == STATE]
        np.add.at(state, (kept["src"], kept["dst"]), kept["weight"])
        moves = features[features["type"] == TRANSITION]
        np.add.at(transition, (moves["src"], moves["dst"]), moves["weight"])
        return cls(list(labels), {a: i for i, a in enumerate(attributes)}, state, transition)

    @property
    def unknown(self) -> int:
        return len(self.state) - 1

    def id_list(self, attributes: Iterable[str]) -> list[int]:
        """The rows of the attributes this model knows (the others weigh nothing)."""
        get = self.ids.get
        return [i for i in map(get, attributes) if i is not None]

    def rows(self, attributes: Iterable[str]) -> np.ndarray:
        return self.state[self.id_list(attributes)]

    def viterbi(self, sentences: Sequence[np.ndarray]) -> list[list[int]]:
        """The best label path of each sentence (its state scores: tokens × labels), all decoded at once: a step
        per position, over the sentences still that long (the longest first)."""
        order = sorted(range(len(sentences)), key=lambda k: -len(sentences[k]))
        lengths = [len(sentences[k]) for k in order]
        out: list[list[int]] = [[] for _ in sentences]
        if not lengths or lengths[0] == 0:
            return out
        longest, n_labels = lengths[0], len(self.labels)
        scores = np.zeros((longest, len(order), n_labels))
        for j, k in enumerate(order):
            scores[:lengths[j], j] = sentences[k]
        negated = [-n for n in lengths]
        alive = [bisect_left(negated, -t) for t in range(longest)]  # how many sentences are longer than t
        best = np.empty((longest, len(order), n_labels))
        best[0] = scores[0]
        back = np.zeros((longest, len(order), n_labels), dtype=np.int8)
        transition = self.transition[None]
        for t in range(1, longest):
            m = alive[t]  # (the sentences that reach position t: a prefix, as they are sorted)
            step = best[t - 1, :m, :, None] + transition
            back[t, :m] = step.argmax(axis=1)
            best[t, :m] = step.max(axis=1) + scores[t, :m]
        pointers = back.tolist()
        for j, k in enumerate(order):
            n = lengths[j]
            if n == 0:
                continue
            label = int(best[n - 1, j].argmax())
            path = [label]
            for t in range(n - 1, 0, -1):
                label = pointers[t][j][label]
                path.append(label)
            out[k] = path[::-1]
        return out
