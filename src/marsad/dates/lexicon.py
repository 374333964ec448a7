"""The words of date expressions (resources/dates/words.tsv and the month table), as folded word tuples: one
lexicon the grammar reads, each list indexed by its entries' first word."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..document import Token
from ..resources import data_rows
from ..text.months import months
from ..text.normalise import fold

MONTHS = "months"  # the Gregorian month names, as one more list (value: the month's number)


@dataclass(frozen=True, slots=True)
class Table:
    entries: dict[tuple[str, ...], str]  # folded words -> value
    lengths: dict[str, tuple[int, ...]]  # first word -> the entries' lengths, longest first

    @classmethod
    def of(cls, entries: dict[tuple[str, ...], str]) -> Table:
        lengths: dict[str, set[int]] = defaultdict(set)
        for words in entries:
            lengths[words[0]].add(len(words))
        return cls(entries, {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()})

    def longest(self, tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
        """The longest entry at token `i`, as (value, the token after it); its first word as written or without
        proclitics («وأمس», «أمس»)."""
        if i >= len(tokens):
            return None
        tok = tokens[i]
        for first in (tok.norm, tok.stem) if tok.stem and tok.stem != tok.norm else (tok.norm,):
            for n in self.lengths.get(first, ()):
                if i + n <= len(tokens):
                    value = self.entries.get((first, *(t.norm for t in tokens[i + 1:i + n])))
                    if value is not None:
                        return value, i + n
        return None


@dataclass(frozen=True, slots=True)
class Lexicon:
    tables: dict[str, Table]
    firsts: frozenset[str]  # the first word of every entry: a quick test that a token may begin an expression

    def match(self, name: str, tokens: Sequence[Token], i: int) -> tuple[str, int] | None:
        """The longest entry of list `name` at token `i`, as (value, the token after it)."""
        table = self.tables.get(name)
        return table.longest(tokens, i) if table is not None else None

    def month(self, tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
        found = self.match(MONTHS, tokens, i)
        return (int(found[0]), found[1]) if found else None

    def value(self, name: str, words: tuple[str, ...]) -> str | None:
        table = self.tables.get(name)
        return table.entries.get(words) if table is not None else None

    def may_start(self, token: Token) -> bool:
        return token.norm in self.firsts or token.stem in self.firsts


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lists: dict[str, dict[tuple[str, ...], str]] = defaultdict(dict)
    for name, words, value in data_rows("dates/words.tsv"):
        lists[name][tuple(fold(words).split())] = value
    lists[MONTHS] = {tuple(fold(name).split()): str(m.number) for m in months() for name in m.names}
    firsts = frozenset(k[0] for table in lists.values() for k in table)
    return Lexicon({name: Table.of(entries) for name, entries in lists.items()}, firsts)
