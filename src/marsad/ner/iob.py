"""IOB2 label sequences: CoNLL files of them, and their chunks counted as seqeval does by default."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple


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


class Chunk(NamedTuple):
    """One labelled span: its type and its first and last positions (inclusive, as seqeval counts)."""

    type: str
    first: int
    last: int


def entities(labels: Sequence[str]) -> list[Chunk]:
    """The chunks of a label sequence, exactly as `seqeval.metrics.sequence_labeling.get_entities`."""
    chunks = []
    prev_tag, prev_type, begin = "O", "", 0
    for i, label in enumerate([*labels, "O"]):
        tag, type_ = _split(label)
        if _end_of_chunk(prev_tag, tag, prev_type, type_):
            chunks.append(Chunk(prev_type, begin, i - 1))
        if _start_of_chunk(prev_tag, tag, prev_type, type_):
            begin = i
        prev_tag, prev_type = tag, type_
    return chunks
