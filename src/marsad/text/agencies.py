"""Wire sources: the news agencies an article credits, by the English names they style themselves."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..resources import data_rows
from .normalise import fold
from .word_forms import PROCLITIC_LETTERS

WEAK = "~"  # a short form (واس، قنا، بنا) that counts only in a dateline, in brackets or after «وكالة»
AGENCY_WORD = fold("وكالة")
# و، ب، ل before an agency's name (وواس، بوكالة، لوكالة); ف and ك there more often begin a word (كافي، فكونا).
AGENCY_PROCLITICS = PROCLITIC_LETTERS - {"ف", "ك"}
DATELINE_MARKS = ("(", "[", "/", "-", "–", "—", ":")
WORD = re.compile(r"\w+")
WORD_OR_MARK = re.compile(r"\w+|[^\w\s\"“”«»']")  # quote marks around a name are skipped


@dataclass(slots=True, frozen=True)
class AgencyName:
    parts: tuple[str, ...]  # words and marks of the matching form
    name_en: str
    weak: bool


@dataclass(slots=True, frozen=True)
class AgencyIndex:
    by_first_word: dict[str, tuple[AgencyName, ...]]  # longest names first
    cues: frozenset[str]  # first words, bare and with a proclitic: a quick test that a text may credit one


@lru_cache(maxsize=1)
def agency_index() -> AgencyIndex:
    names: dict[tuple[str, ...], AgencyName] = {}
    for name_en, variants in data_rows("sources/agencies.tsv"):
        for variant in variants.split("|"):
            parts = tuple(WORD_OR_MARK.findall(fold(variant.lstrip(WEAK))))
            names.setdefault(parts, AgencyName(parts, name_en, variant.startswith(WEAK)))
    by_first: dict[str, list[AgencyName]] = {}
    for name in sorted(names.values(), key=lambda n: -len(n.parts)):
        by_first.setdefault(name.parts[0], []).append(name)
    cues = {p + w for w in by_first for p in ("", *AGENCY_PROCLITICS)}
    return AgencyIndex({w: tuple(n) for w, n in by_first.items()}, frozenset(cues))


def find_wire_sources(text: str, credit: bool = False) -> list[str]:
    """Canonical English names of the agencies `text` credits, in order of first mention. With `credit`, the text
    is a credit itself («حسبما ذكرت واس»), where short forms count too."""
    agencies = agency_index()
    form = fold(text)
    if agencies.cues.isdisjoint(WORD.findall(form)):
        return []
    index = agencies.by_first_word
    words = WORD_OR_MARK.findall(form)
    found: list[str] = []
    for i, word in enumerate(words):
        for candidate in _without_proclitic(word):
            for name in index.get(candidate, ()):
                if _matches_at(words, i, name) and name.name_en not in found:
                    if not name.weak or credit or credited(words, i, len(name.parts)):
                        found.append(name.name_en)
                        break
    return found


def _without_proclitic(word: str) -> tuple[str, ...]:
    return (word, word[1:]) if word[:1] in AGENCY_PROCLITICS and len(word) > 2 else (word,)


def _matches_at(words: list[str], i: int, name: AgencyName) -> bool:
    return len(name.parts) == 1 or tuple(words[i + 1:i + len(name.parts)]) == name.parts[1:]


def agency_names() -> Iterator[AgencyName]:
    """Every listed agency form."""
    for names in agency_index().by_first_word.values():
        yield from names


def credited(words: Sequence[str], i: int, length: int) -> bool:
    """Whether the short agency name words[i:i+length] is credited: after «وكالة», in a dateline
    («الرياض -») or in brackets. `words` are matching forms, punctuation marks as words of their own."""
    before = words[max(0, i - 2):i]
    after = words[i + length:i + length + 1]
    return (any(AGENCY_WORD in _without_proclitic(w) for w in before)
            or (before[-1:] and before[-1] in DATELINE_MARKS) or after[:1] == [")"] or after[:1] == ["]"])
