"""Proclitic segmentation (و ف ب ل ك س) for matching, split only when what remains is a known word.

`بوتين` is not و + تين and `لبنان` is not ل + بنان: a prefix comes off only when
the remainder is a better-attested word than the whole form. `لل` is ل + ال,
so `للصين` gives the stem `الصين`.
"""
from __future__ import annotations

from functools import lru_cache

from .lexicon import word_counts

ARTICLE = "ال"
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
FUTURE = "س"
IMPERFECT_PREFIXES = frozenset("يتنا")
MIN_STEM_LETTERS = 2  # لا، ما، هو are words; one letter is not


def attestation(form: str) -> int:
    """How well a matching form is attested as a whole word (prose counts, with a floor for listed names)."""
    return word_counts().get(form, 0)


def _decompositions(form: str) -> list[tuple[str, str]]:
    """Every (prefix, stem) the proclitic grammar allows, the unsplit form first."""
    out = [("", form)]
    for conj in ("", *CONJUNCTIONS):
        if conj and not form.startswith(conj):
            continue
        rest = form[len(conj):]
        if conj:
            out.append((conj, rest))
        if rest.startswith("لل"):
            out.append((conj + "ل", "ا" + rest[1:]))
        for prep in PREPOSITIONS:
            if rest.startswith(prep):
                out.append((conj + prep, rest[1:]))
        if rest.startswith(FUTURE) and rest[1:2] in IMPERFECT_PREFIXES:
            out.append((conj + FUTURE, rest[1:]))
    return [(p, s) for p, s in out if len(s) >= MIN_STEM_LETTERS]


@lru_cache(maxsize=200_000)
def split_clitics(form: str) -> tuple[str, str]:
    """(prefix, stem) of a matching form: the best-attested stem wins, the whole form on ties."""
    best = ("", form)
    best_count = attestation(form)
    for prefix, stem in _decompositions(form)[1:]:
        count = attestation(stem)
        if count > best_count:
            best, best_count = (prefix, stem), count
    return best
