"""Wire sources: the news agencies an article credits, by the English names they style themselves."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..resources import data_rows
from .normalise import normalise

WEAK = "~"  # a short form (واس، قنا، بنا) that counts only in a dateline, in brackets or after «وكالة»
LETTER = r"[^\W\d_]"
AGENCY_WORD = re.compile(r"(?:^|\s)[وبل]?وكاله(?:\s+انباء)?\s*$")
DATELINE_OR_BRACKET_BEFORE = re.compile(r"[(\[/\-–—:]\s*$")
BRACKET_AFTER = re.compile(r"^\s*[)\]]")
CONTEXT_CHARS = 16


@dataclass(slots=True, frozen=True)
class AgencyPatterns:
    pattern: re.Pattern
    names: dict[str, tuple[str, bool]]  # matching form -> (English name, weak)


@lru_cache(maxsize=1)
def agency_patterns() -> AgencyPatterns:
    names: dict[str, tuple[str, bool]] = {}
    for name_en, variants in data_rows("sources/agencies.tsv"):
        for variant in variants.split("|"):
            weak = variant.startswith(WEAK)
            form = " ".join(normalise(variant.lstrip(WEAK)).form.split())
            names.setdefault(form, (name_en, weak))
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s*") for f in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!{LETTER})(?:[وبل]|وب|ول)?[\"“”«»']?({alternatives})(?!{LETTER})")
    return AgencyPatterns(pattern, names)


def find_wire_sources(text: str) -> list[str]:
    """Canonical English names of the agencies `text` credits, in order of first mention."""
    patterns = agency_patterns()
    form = normalise(text).form
    found: list[str] = []
    for m in patterns.pattern.finditer(form):
        name_en, weak = patterns.names[" ".join(m.group(1).split())]
        if name_en in found:
            continue
        if weak and not _credited(form, m.start(1), m.end(1)):
            continue
        found.append(name_en)
    return found


def _credited(form: str, start: int, end: int) -> bool:
    before = form[max(0, start - CONTEXT_CHARS):start]
    after = form[end:end + CONTEXT_CHARS]
    return bool(AGENCY_WORD.search(before) or DATELINE_OR_BRACKET_BEFORE.search(before) or BRACKET_AFTER.match(after))
