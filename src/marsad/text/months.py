"""The month lexicon: Gregorian month names as Egyptian, Gulf, Levantine and Maghrebi news writes them."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import data_rows


@dataclass(slots=True, frozen=True)
class Month:
    number: int
    english: str
    names: tuple[str, ...]  # as written (آذار، تشرين الأول), several words allowed


@lru_cache(maxsize=1)
def months() -> tuple[Month, ...]:
    """The twelve months, January first (resources/text/months.tsv)."""
    return tuple(Month(int(number), english, tuple(names.split("|")))
                 for number, english, names in data_rows("text/months.tsv"))
