"""Event triggers: the Arabic verbs, masdars and phrases of resources/events/triggers.tsv, looked up by a token's
matching form without its proclitics («والتقى» → التقى)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..document import Token
from ..resources import data_rows
from ..text.normalise import fold

CONJUNCTIONS = ("و", "ف")
OBJECT, PAIR = "obj", "pair"  # the target as the next name, or the second of two coordinated names


@dataclass(frozen=True, slots=True)
class Trigger:
    code: str
    targets: tuple[str, ...]  # prepositions that introduce the target, OBJECT or PAIR
    kind: str  # verb | noun | phrase
    length: int  # tokens


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[tuple[tuple[str, ...], Trigger]]]:
    """First word -> (the words, the trigger), longest first."""
    table: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}
    for form, code, targets, kind in data_rows("events/triggers.tsv"):
        words = tuple(fold(form).split())
        targets_folded = tuple(fold(t) for t in targets.split("|"))  # «إلى» as tokens hold it
        table.setdefault(words[0], []).append((words, Trigger(code, targets_folded, kind, len(words))))
    for entries in table.values():
        entries.sort(key=lambda e: -len(e[0]))
    return table


def forms(tok: Token) -> tuple[str, ...]:
    """A token's forms to look a trigger up by: without proclitics, as written, and without a و or ف the tokenizer
    left on («وأدانت»)."""
    bare = tok.norm[1:] if tok.norm[:1] in CONJUNCTIONS and len(tok.norm) > 3 else tok.norm
    return tuple(dict.fromkeys((tok.stem or tok.norm, tok.norm, bare)))


def trigger_at(tokens: Sequence[Token], i: int) -> Trigger | None:
    tok = tokens[i]
    for first in forms(tok):
        for words, trigger in triggers().get(first, ()):
            rest = tuple(t.stem or t.norm for t in tokens[i + 1:i + len(words)])
            if rest == words[1:]:
                return trigger
    return None
