"""A linear-chain CRF read from a crfsuite model file, and its Viterbi in numpy: crfsuite's own labels, without
turning every feature string of every token into an attribute id on every call.

    crf = LinearCRF.from_crfsuite(model_bytes)    # labels, attributes, state and transition weights
    labels = viterbi(scores, [12, 30], crf.transition)   # two sentences' state scores, one after the other

A token's state score for a label is the sum of the weights of its attributes (crfsuite gives each the value 1):
ner/scoring.py sums what a word type contributes once per type.
"""
from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

STATE, TRANSITION = 0, 1  # crfsuite's feature types
HEADER = struct.Struct("<4sI4sIIIIIIIII")  # crf1dm.c: magic, size, type, version, features, labels, attributes,
# and the offsets of the features, the labels, the attributes (and of two reference tables not read here)
FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
CQDB = struct.Struct("<4sIIIII")  # cqdb.c: chunk id, size, flag, byte order, backward-array size and offset
RECORD = struct.Struct("<II")  # a CQDB record: its id and the size of its key (with the closing NUL)


@dataclass(slots=True, frozen=True)
class LinearCRF:
    labels: list[str]
    attributes: list[str]  # in the model's id order
    state: np.ndarray  # (attributes, labels)
    transition: np.ndarray  # (labels, labels): from -> to

    @classmethod
    def from_crfsuite(cls, model: bytes) -> LinearCRF:
        """A crfsuite CRF1d model file, read exactly (float64 weights, not the rounded text dump)."""
        magic, _, kind, _, _, n_labels, n_attributes, at_features, at_labels, at_attributes, _, _ = \
            HEADER.unpack_from(model, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a crfsuite CRF1d model")
        chunk, _, count = struct.unpack_from("<4sII", model, at_features)
        if chunk != b"FEAT":
            raise ValueError("a crfsuite model without its FEAT chunk")
        features = np.frombuffer(model, dtype=FEATURE, count=count, offset=at_features + 12)
        state = np.zeros((n_attributes, n_labels))
        transition = np.zeros((n_labels, n_labels))
        kept = features[features["type"] == STATE]
        np.add.at(state, (kept["src"], kept["dst"]), kept["weight"])
        moves = features[features["type"] == TRANSITION]
        np.add.at(transition, (moves["src"], moves["dst"]), moves["weight"])
        return cls(_strings(model, at_labels), _strings(model, at_attributes), state, transition)


def _strings(model: bytes, at: int) -> list[str]:
    """The strings of a CQDB chunk, by id."""
    chunk, _, _, _, count, backward = CQDB.unpack_from(model, at)
    if chunk != b"CQDB":
        raise ValueError("a crfsuite model with a damaged string table")
    out = []
    for offset in np.frombuffer(model, "<u4", count, at + backward).tolist():
        _, size = RECORD.unpack_from(model, at + offset)
        start = at + offset + RECORD.size
        out.append(model[start:start + size - 1].decode("utf-8"))
    return out


def viterbi(scores: np.ndarray, lengths: Sequence[int], transition: np.ndarray) -> np.ndarray:
    """The best label of every token. `scores` (tokens × labels) holds the sentences one after another, `lengths`
    their sizes. All are decoded at once: a step per position, over the sentences still that long (the longest
    first); ties go to the lower label index, as in crfsuite."""
    out = np.zeros(len(scores), dtype=np.intp)
    lengths = np.asarray(lengths, dtype=np.intp)
    if not len(scores):
        return out
    order = np.argsort(-lengths, kind="stable")
    order = order[lengths[order] > 0]
    sizes = lengths[order]
    starts = (np.cumsum(lengths) - lengths)[order]
    longest, n, n_labels = int(sizes[0]), len(order), transition.shape[0]
    steps = np.arange(longest)[:, None]
    at = starts[None, :] + np.minimum(steps, sizes[None, :] - 1)  # (longest, sentences) -> token
    padded = scores[at]
    alive = np.searchsorted(-sizes, -np.arange(longest), side="left")  # sentences longer than each position
    best = padded[0].copy()
    back = np.broadcast_to(np.arange(n_labels), (longest, n, n_labels)).copy()  # past its end, a path stays put
    into = transition.T.copy()  # to × from: the reductions run over the last axis (numpy is slow over the middle)
    step = np.empty((n, n_labels, n_labels))  # sentence × to × from
    flat = step.reshape(-1)
    offsets = np.arange(n * n_labels) * n_labels
    for t, m in enumerate(alive[1:].tolist(), 1):
        here = step[:m]
        np.add(best[:m, None, :], into, out=here)
        came = back[t, :m]
        here.argmax(axis=2, out=came)
        np.add(flat.take(came.reshape(-1) + offsets[:m * n_labels]).reshape(m, n_labels), padded[t, :m], out=best[:m])
    label = best.argmax(axis=1)
    path = np.empty((longest, n), dtype=np.intp)
    back = back.reshape(longest, n * n_labels)
    rows = np.arange(n) * n_labels
    for t in range(longest - 1, -1, -1):
        path[t] = label
        label = back[t].take(rows + label)
    inside = steps < sizes[None, :]
    out[at[inside]] = path[inside]
    return out
