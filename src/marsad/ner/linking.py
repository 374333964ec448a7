"""Country-aware linking: of the KB entries a name may stand for, the one in the article's own countries.

«الجوف» is a Saudi region in a Saudi paper and a Libyan town in a Libyan one; «وجدة» is و + جدة
(Jeddah) in a Saudi article, not Oujda. The article's countries are those its unambiguous place
names all belong to, most named first, then its outlet's country.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..document import Token
from ..kb import KBEntry, KnowledgeBase
from ..text.word_forms import AND_PREFIX, source_offset
from .mentions import NameMatch

PLACES = ("GPE", "LOC")


def article_countries(matches: Sequence[NameMatch], outlet_country: str | None) -> list[str]:
    """Countries of the places the article names without doubt (one country for all their entries), then the outlet's."""
    counts: Counter[str] = Counter()
    for m in matches:
        if m.entries and not m.ambiguous and m.entries[0].type in PLACES:
            countries = {e.country for e in m.entries}
            if len(countries) == 1 and None not in countries:
                counts[m.entries[0].country] += 1
    ranked = [country for country, _ in counts.most_common()]
    if outlet_country and outlet_country not in ranked:
        ranked.append(outlet_country)
    return ranked


def prefer_article_countries(text: str, tokens: Sequence[Token], matches: list[NameMatch], kb: KnowledgeBase,
                             outlet_country: str | None) -> None:
    """Put first, in each match's candidates, an entry of the article's countries (in place)."""
    preferred = article_countries(matches, outlet_country)
    if not preferred:
        return
    rank = {country: i for i, country in enumerate(preferred)}
    for m in matches:
        if len(m.entries) > 1:
            m.entries = _ranked(m.entries, rank)
        if m.origin == "kb" and m.entries and m.entries[0].country not in rank:
            _without_conjunction(text, tokens, m, kb, rank)


def _ranked(entries: tuple[KBEntry, ...], rank: dict[str, int]) -> tuple[KBEntry, ...]:
    """The entries of the first one's type, those of the preferred countries first (stable otherwise)."""
    same = [e for e in entries if e.type == entries[0].type]
    best = min(same, key=lambda e: rank.get(e.country, len(rank)))
    if best is entries[0] or best.country not in rank:
        return entries
    return (best, *(e for e in entries if e is not best))


def _without_conjunction(text: str, tokens: Sequence[Token], m: NameMatch, kb: KnowledgeBase,
                         rank: dict[str, int]) -> None:
    """«وجدة»: a one-word place read whole, when و + the rest is a place of the article's countries."""
    tok = tokens[m.first]
    if m.last - m.first != 1 or m.start != tok.start or not m.key.startswith(AND_PREFIX) or m.entries[0].type not in PLACES:
        return
    rest = m.key[len(AND_PREFIX):]
    candidates = [e for e in kb.lookup(rest) if e.type in PLACES and e.country in rank]
    if candidates:
        m.key, m.entries = rest, tuple(sorted(candidates, key=lambda e: rank[e.country]))
        m.start = source_offset(text, tok.start, tok.end, len(AND_PREFIX))
