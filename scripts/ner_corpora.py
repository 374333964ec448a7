"""Readers for the NER training corpora in ../shared/data/ner/, mapped onto ANERcorp's types (training only:
the scripts here import it; the package does not).

The tagger is trained on ANERcorp's label set (PERS, LOC, ORG, MISC); other
corpora are mapped onto it here, so any trainer (the CRF now, a neural tagger
later) reads the same `Sentence` lists. `dev_split` is the fixed development
split: the last DEV_FRACTION of ANERcorp train.txt.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from marsad.ner.iob import Sentence, entities, read_conll
from marsad.text.normalise import fold

DEV_FRACTION = 0.10

# NewsFANE Gold fine types -> ANERcorp types (None drops the span: Group is a
# set of people, facilities are not ANERcorp entities).
NEWSFANE_TYPES = {
    **dict.fromkeys(["Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                     "Businessperson", "Lawyer", "Engineer", "Police"], "PERS"),
    **dict.fromkeys(["Government", "Non-Governmental", "Media", "Sports", "Commercial", "Educational",
                     "Medical-Science", "Religious_ORG", "Entertainment"], "ORG"),
    **dict.fromkeys(["Nation", "Population-Center", "State-or-Province", "County-or-District",
                     "GPE-Cluster", "Continent", "Water-Body", "Land-Region-Natural", "Land"], "LOC"),
    **dict.fromkeys(["Book", "Movie", "Software", "Hardware", "Food", "Drug", "Projectile", "Shooting",
                     "Plant", "Water", "Air"], "MISC"),
}
WOJOOD_TYPES = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def dev_split(sentences: Sequence[Sentence], fraction: float = DEV_FRACTION) -> tuple[list, list]:
    cut = int(round(len(sentences) * (1 - fraction)))
    return list(sentences[:cut]), list(sentences[cut:])


def _relabel(n: int, spans: list[tuple[str, int, int]]) -> list[str]:
    tags = ["O"] * n
    for t, a, b in spans:
        tags[a] = "B-" + t
        for i in range(a + 1, b + 1):
            tags[i] = "I-" + t
    return tags


def read_anercorp(path: str | Path) -> list[Sentence]:
    return read_conll(path)


def read_newsfane(path: str | Path) -> list[Sentence]:
    out = []
    for s in read_conll(path):
        spans = [(NEWSFANE_TYPES[t], a, b) for t, a, b in entities(s.tags) if NEWSFANE_TYPES.get(t)]
        out.append(Sentence(s.tokens, _relabel(len(s.tokens), spans)))
    return out


def read_wojood(path: str | Path) -> list[Sentence]:
    """Nested Wojood: every tag column is one layer; mapped spans are kept outermost first."""
    out = []
    tokens: list[str] = []
    layers: list[list[str]] = []

    def flush() -> None:
        if not tokens:
            return
        width = max(len(row) for row in layers)
        spans: list[tuple[str, int, int]] = []
        taken = [False] * len(tokens)
        for col in range(width):
            column = [row[col] if col < len(row) else "O" for row in layers]
            for t, a, b in entities(column):
                mapped = WOJOOD_TYPES.get(t)
                if mapped and not any(taken[a:b + 1]):
                    spans.append((mapped, a, b))
                    for i in range(a, b + 1):
                        taken[i] = True
        out.append(Sentence(list(tokens), _relabel(len(tokens), sorted(spans, key=lambda s: s[1]))))

    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            cols = line.split()
            if not cols:
                flush()
                tokens, layers = [], []
                continue
            tokens.append(cols[0])
            layers.append(cols[1:] or ["O"])
    flush()
    return out


OVERLAP_WORDS = 5  # sentences sharing this many consecutive words with a held-out split are its copies


def shares_words_with(sentences: Sequence[Sentence], held_out: Sequence[Sentence]) -> list[bool]:
    """For each sentence: does it share a run of OVERLAP_WORDS (folded) words with the held-out sentences?
    NewsFANE reuses ANERcorp text, so its copies of dev or test sentences must not be trained on."""
    n = OVERLAP_WORDS
    grams: set[tuple[str, ...]] = set()
    for s in held_out:
        words = [fold(t) for t in s.tokens]
        grams.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    flags = []
    for s in sentences:
        words = [fold(t) for t in s.tokens]
        flags.append(any(tuple(words[i:i + n]) in grams for i in range(len(words) - n + 1)))
    return flags

