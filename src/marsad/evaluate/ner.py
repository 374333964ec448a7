"""Entity-level NER scoring on CoNLL files, counted as seqeval does by default.

    marsad evaluate ner FILE      ->  evaluate_ner(FILE)

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

DOC_SENTENCES = 15  # ANERcorp: ~316 articles, ~4,900 sentences
MARSAD_TO_ANERCORP = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


@dataclass(slots=True)
class Sentence:
    tokens: list[str]
    tags: list[str]


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of a `token TAG` file; the first tag column is used."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            cols = line.split()
            if not cols:
                if tokens:
                    sentences.append(Sentence(tokens, tags))
                    tokens, tags = [], []
                continue
            tokens.append(cols[0])
            tags.append(cols[1] if len(cols) > 1 else "O")
    if tokens:
        sentences.append(Sentence(tokens, tags))
    return sentences


def _split(label: str) -> tuple[str, str]:
    if label in ("O", "B", "I", "E", "S", "."):
        return label, "_"
    return label[0], label[1:].split("-", maxsplit=1)[-1] or "_"


def _end_of_chunk(prev_tag: str, tag: str, prev_type: str, type_: str) -> bool:
    if prev_tag in ("E", "S"):
        return True
    if prev_tag in ("B", "I") and tag in ("B", "S", "O"):
        return True
    return prev_tag not in ("O", ".") and prev_type != type_


def _start_of_chunk(prev_tag: str, tag: str, prev_type: str, type_: str) -> bool:
    if tag in ("B", "S"):
        return True
    if prev_tag in ("E", "S") and tag in ("E", "I"):
        return True
    if prev_tag == "O" and tag in ("E", "I"):
        return True
    return tag != "O" and tag != "." and prev_type != type_


def entities(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first, last) chunks, exactly as `seqeval.metrics.sequence_labeling.get_entities`."""
    chunks = []
    prev_tag, prev_type, begin = "O", "", 0
    for i, label in enumerate([*labels, "O"]):
        tag, type_ = _split(label)
        if _end_of_chunk(prev_tag, tag, prev_type, type_):
            chunks.append((prev_type, begin, i - 1))
        if _start_of_chunk(prev_tag, tag, prev_type, type_):
            begin = i
        prev_tag, prev_type = tag, type_
    return chunks


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


def evaluate_ner(path: str | Path, tagger=None) -> str:
    """Tag FILE with `tagger` (default: the pipeline's) and report per-type P/R/F1, speed and micro F1 (last line)."""
    if tagger is None:
        from marsad.ner.taggers import load

        tagger = load()
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
