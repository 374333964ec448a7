"""The one Arabic analyser of the store's search, at index time and at query time: each word's matching form
without its proclitics and its article («وأعلنت» → اعلنت, «والصين» → صين), so that أعلنت finds اعلنت and قال finds
وقال; diacritics and tatweel are gone with the matching form (marsad.text.normalise.fold).

    terms(text)                 # ["اعلنت", "صين", …]: what the index holds
    parse_query('"وزير الخارجية" بوتين')   # Query(phrases=[["وزير", "خارجيه"]], words=["بوتين"])
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..text.segment import TOKEN
from ..text.word_forms import strip_article, token_forms

MAX_QUERY_CHARS = 1_000  # a longer query is cut: no analyst types more, and FTS5 need not parse it
MAX_QUERY_TERMS = 32


MAX_CACHED_TERMS = 500_000  # distinct surfaces remembered; the cache starts over beyond this


class _Terms(dict):
    """Surface -> term (None for no word), analysed on first sight: indexing a corpus is then one look-up a word."""

    def __missing__(self, surface: str) -> str | None:
        norm, _, stem = token_forms[surface]
        term = strip_article(stem or norm).lower() if norm[:1].isalpha() else None
        if len(self) >= MAX_CACHED_TERMS:
            self.clear()
        self[surface] = term
        return term


_terms = _Terms()


def term_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(term, start, end) of every word of `text`, numbers included; punctuation left out."""
    for m in TOKEN.finditer(text):
        term = _terms[m.group()]
        if term:
            yield term, m.start(), m.end()


def terms(text: str) -> list[str]:
    """The terms of `text`, as the index holds them."""
    cache = _terms
    return [t for t in map(cache.__getitem__, TOKEN.findall(text)) if t]


@dataclass
class Query:
    """What a search asks for: whole phrases (in quotes) and single words, all analysed."""
    phrases: list[list[str]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.words

    def all_terms(self) -> set[str]:
        return {t for p in self.phrases for t in p} | set(self.words)

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every term quoted, so that no query word is read as an operator."""
        parts = ['"' + " ".join(p) + '"' for p in self.phrases] + [f'"{w}"' for w in self.words]
        return " AND ".join(parts)


def parse_query(query: str) -> Query:
    """Phrases between double quotes (« » and “ ” too), the rest single words; an unclosed quote runs to the end."""
    text = query[:MAX_QUERY_CHARS]
    for mark in "«»“”":
        text = text.replace(mark, '"')
    out = Query()
    for k, part in enumerate(text.split('"')):
        found = [t for t in terms(part) if t and '"' not in t]
        if k % 2:
            if found:
                out.phrases.append(found[:MAX_QUERY_TERMS])
        else:
            out.words.extend(found)
    out.words = list(dict.fromkeys(out.words))[:MAX_QUERY_TERMS]
    return out
