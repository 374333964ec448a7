"""Entity-level NER scoring on CoNLL files, counted as seqeval does by default.

    marsad evaluate ner FILE [--tagger neural]     ->  evaluate_ner(FILE, TaggerKind.neural)

FILE holds `token TAG` per line (extra tag columns ignored) and a blank line
between sentences, IOB2. Spans are exact; a span counts when its type and both
ends match (seqeval's default, non-strict mode: an I- after O starts a chunk).
marsad's types are mapped onto the file's: PERSON -> PERS, GPE and LOC -> LOC.
The file has no article boundaries, so it is tagged in pseudo-documents of
DOC_SENTENCES consecutive sentences (the size of an ANERcorp article): the
tagger's second pass sees only that window.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import DEFAULT_TAGGER, TaggerKind
from ..ner.iob import Sentence, entities, read_conll

DOC_SENTENCES = 15  # ANERcorp: ~316 articles, ~4,900 sentences
MARSAD_TO_ANERCORP = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


@dataclass(slots=True)
class Counts:
    """True positives, predicted and gold entity counts, per type."""

    tp: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def add(self, gold: Sequence[str], pred: Sequence[str]) -> None:
        g = set(entities(gold))
        p = set(entities(pred))
        for t, _, _ in g:
            self.gold[t] += 1
        for t, _, _ in p:
            self.pred[t] += 1
        for t, _, _ in g & p:
            self.tp[t] += 1

    @staticmethod
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def micro(self) -> tuple[float, float, float]:
        return self.prf(sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values()))

    def per_type(self) -> dict[str, tuple[float, float, float, int]]:
        types = sorted(set(self.gold) | set(self.pred))
        return {t: (*self.prf(self.tp[t], self.pred[t], self.gold[t]), self.gold[t]) for t in types}

    def table(self) -> str:
        lines = [f"{'type':<6} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6}"]
        for t, (p, r, f, n) in self.per_type().items():
            lines.append(f"{t:<6} {p:7.4f} {r:7.4f} {f:7.4f} {n:6d}")
        p, r, f = self.micro()
        lines.append(f"{'micro':<6} {p:7.4f} {r:7.4f} {f:7.4f} {sum(self.gold.values()):6d}")
        return "\n".join(lines)


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Counts:
    counts = Counts()
    for g, p in zip(gold, pred, strict=True):
        counts.add(g, p)
    return counts


def map_labels(labels: Sequence[str], mapping: dict[str, str] = MARSAD_TO_ANERCORP) -> list[str]:
    out = []
    for lab in labels:
        if lab == "O":
            out.append(lab)
        else:
            out.append(lab[:2] + mapping.get(lab[2:], lab[2:]))
    return out


def documents(sentences: Sequence[Sentence], size: int = DOC_SENTENCES) -> list[list[Sentence]]:
    return [list(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def evaluate_ner(path: str | Path, kind: TaggerKind = DEFAULT_TAGGER) -> str:
    """Tag FILE with the shipped tagger of that kind and report per-type P/R/F1, speed and micro F1 (last line)."""
    from ..ner.taggers import load

    tagger = load(kind)
    sentences = read_conll(path)
    n_tokens = sum(len(s.tokens) for s in sentences)
    start = time.perf_counter()
    predicted: list[list[str]] = []
    for doc in documents(sentences):
        predicted.extend(tagger.tag_sentences([s.tokens for s in doc]))
    elapsed = time.perf_counter() - start
    counts = score([s.tags for s in sentences], [map_labels(p) for p in predicted])
    _, _, f1 = counts.micro()
    return "\n".join([
        f"{path}: {len(sentences)} sentences, {n_tokens} tokens, "
        f"{n_tokens / elapsed:,.0f} tokens/s (one process, cold cache)",
        counts.table(),
        f"micro F1 {f1:.4f}",
    ])
