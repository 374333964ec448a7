"""Linking that fits the article: of the KB entries a name may stand for, the one in the article's own
countries, and a football club only in an article about sport, and none that came into being after the
article was written («فيروس كورونا» in 2015 is MERS); «المملكة» alone in a kingdom's paper is that kingdom.

«الجوف» is a Saudi region in a Saudi paper and a Libyan town in a Libyan one; «وجدة» is و + جدة
(Jeddah) in a Saudi article, not Oujda. The article's countries are those its unambiguous place
names all belong to, most named first, then its outlet's country.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from ..document import Span, Token
from ..kb import KBEntry, KnowledgeBase
from ..text.normalise import fold
from ..text.word_forms import (AND_PREFIX, ARTICLE, FILIATION, PATRONYMIC, attestation, first_forms, is_nisba,
                               source_offset)
from .mentions import ARAB_LEAGUE, BIG_CITY, CUE_WORDS, NameMatch, is_country, skeleton, small_foreign_place, small_town

PLACES = ("GPE", "LOC")
SPORT_CUES = CUE_WORDS["sport_cue"]
CLUB_ADJECTIVES = CUE_WORDS["club_adjective"]
MIN_SPORT_CUES = 3  # an article with this many words of sports news, and
SPORT_SHARE = 100  # one of them in this many words at least, is about sport
CLUB_WORD_COUNT = 3000  # a club named by a word prose uses this often (أحد) needs the tagger or «نادي» too


def about_sport(tokens: Sequence[Token], cues: Sequence[Token] | None = None) -> bool:
    """Sports news: words of sport (`cues`, found if not given) make up a share of the article (a festival
    with one football match is not)."""
    n = len(cues) if cues is not None else sum(_sport_word(t) for t in tokens)
    return n >= MIN_SPORT_CUES and n * SPORT_SHARE >= len(tokens)


def _sport_word(tok: Token) -> bool:
    return tok.stem in SPORT_CUES or tok.norm in SPORT_CUES


def read_clubs(tokens: Sequence[Token], matches: list[NameMatch], sentences: Sequence[Span] = ()) -> list[NameMatch]:
    """«الهلال», «برشلونة»: the club in an article about sport, in a sentence that speaks of sport or names
    another club; else the city, or nothing (the crescent)."""
    if not any(e.is_club for m in matches for e in m.entries):
        return matches
    cues = [t for t in tokens if _sport_word(t)]
    sport = about_sport(tokens, cues)
    starts = [s.start for s in sentences]
    sporty = _sporty_sentences(cues, matches, tokens, starts) if sport else set()
    out = []
    for m in matches:
        clubs = [e for e in m.entries if e.is_club]
        if clubs:
            others = tuple(e for e in m.entries if not e.is_club)
            if sport and _sentence_of(tokens[m.first].start, starts) in sporty and not _adjective(tokens, m):
                m.entries, m.type = (*clubs, *others), "ORG"
                # «أحد» (one, Sunday) needs more than that, and so does «وصل» ("arrived"), read as الوصل without its ال
                # («نادي الاتحاد» names the club in full: no ال is missing from it)
                toggled = m.last - m.first == 1 and not m.key.startswith(ARTICLE) and fold(clubs[0].name).startswith(ARTICLE)
                m.ambiguous = toggled or attestation(m.key) >= CLUB_WORD_COUNT
            elif not others:
                continue
            else:
                m.entries, m.type = others, others[0].type
        out.append(m)
    return out


def _adjective(tokens: Sequence[Token], m: NameMatch) -> bool:
    """«المدرب الوطني», «اللاعبين الشباب»: a one-word club name that can be an adjective, after a definite noun,
    agrees with it («وافتتح التسجيل الخليج» is the club that scored)."""
    if m.last - m.first != 1 or m.first == 0 or not (is_nisba(m.key) or m.key in CLUB_ADJECTIVES):
        return False
    prev = tokens[m.first - 1]
    return prev.is_word and prev.norm.startswith(ARTICLE) and not prev.prefix and m.start == tokens[m.first].start


def _sentence_of(offset: int, starts: Sequence[int]) -> int:
    """Index of the sentence (by their start offsets) holding an offset; 0 without a sentence layer."""
    return max(0, bisect.bisect_right(starts, offset) - 1) if starts else 0


def _sporty_sentences(cues: Sequence[Token], matches: Sequence[NameMatch], tokens: Sequence[Token],
                      starts: Sequence[int]) -> set[int]:
    """Sentences with a word of sport, or with two clubs («فاز الهلال على النصر»)."""
    sporty = {_sentence_of(t.start, starts) for t in cues}
    clubs = Counter(_sentence_of(tokens[m.first].start, starts) for m in matches if any(e.is_club for e in m.entries))
    return sporty | {s for s, n in clubs.items() if n > 1}


def place_countries(matches: Sequence[NameMatch]) -> Counter[str]:
    """How often the article names a place of each country without doubt (one country for all its entries)."""
    counts: Counter[str] = Counter()
    for m in matches:
        if m.entries and not m.ambiguous and m.entries[0].type in PLACES:
            countries = {e.country for e in m.entries}
            if len(countries) == 1 and None not in countries:
                counts[m.entries[0].country] += 1
    return counts


def article_countries(matches: Sequence[NameMatch], outlet_country: str | None) -> list[str]:
    """Countries of the places the article names without doubt, most named first, then the outlet's."""
    ranked = [country for country, _ in place_countries(matches).most_common()]
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


def home_country(matches: Sequence[NameMatch], outlet_country: str | None) -> str | None:
    """The country an article's bare «وزارة العدل» belongs to: the outlet's when the article names a place
    of it or no place at all, else the country it names most (a wire story from abroad)."""
    counts = place_countries(matches)
    if outlet_country and (outlet_country in counts or not counts):
        return outlet_country
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=2)
def bodies_by_country(kb: KnowledgeBase) -> dict[tuple[str, str], KBEntry]:
    """(name without its country's nisba, country) -> the KB's body: «وزارة العدل السعودية» is
    («وزارة العدل», SAU)."""
    index: dict[tuple[str, str], KBEntry] = {}
    for entry in kb.entries:
        if entry.type != "ORG" or not entry.country:
            continue
        for name in (entry.name, *entry.variants):
            words = fold(name).split()
            nisba = kb.nisba(words[-1]) if len(words) > 1 else None
            if nisba is not None and nisba.country == entry.country:
                index.setdefault((" ".join(words[:-1]), entry.country), entry)
    return index


def link_home_bodies(matches: Sequence[NameMatch], kb: KnowledgeBase, outlet_country: str | None) -> None:
    """An organisation named without a country («وزارة العدل», «الدفاع المدني») and unknown to the KB as
    written: the body of that name in the article's home country, when the KB has one (in place)."""
    candidates = [m for m in matches if m.type == "ORG" and not m.entries and m.country is None]
    home = home_country(matches, outlet_country) if candidates else None
    if home is None:
        return
    index = bodies_by_country(kb)
    for m in candidates:
        entry = index.get((m.key, home))
        if entry is not None:
            m.entries, m.country = (entry,), entry.country


def _ranked(entries: tuple[KBEntry, ...], rank: dict[str, int]) -> tuple[KBEntry, ...]:
    """The entries of the first one's type, those of the preferred countries first (stable otherwise); a country
    stays first («رومانيا» is Romania in an article about Serbia, not Ruma, Serbia)."""
    if is_country(entries[0]):
        return entries
    same = [e for e in entries if e.type == entries[0].type]
    best = min(same, key=lambda e: rank.get(e.country, len(rank)))
    if best is entries[0] or best.country not in rank or (small_foreign_place(best) and not small_foreign_place(entries[0])) \
            or (small_town(best) and entries[0].prior >= BIG_CITY):
        return entries  # a small town does not displace its famous namesake (Geneva, Indiana; Ar Riyad, Egypt)
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


KINGDOM = fold("المملكة")
KINGDOM_STEM = KINGDOM[len(ARTICLE):]  # «للمملكة» writes no ا
COUNTRY_ID = "m:gpe:"  # KB ids of countries: m:gpe:SAU


def the_kingdom(text: str, tokens: Sequence[Token], matches: Sequence[NameMatch], kb: KnowledgeBase,
                outlet_country: str | None) -> list[NameMatch]:
    """«المملكة», «بالمملكة» standing alone in a paper of a kingdom (one whose KB names say «المملكة …»):
    mentions of that country."""
    country = kb.get(COUNTRY_ID + outlet_country) if outlet_country else None
    if country is None or not any(fold(n).startswith(KINGDOM) for n in (country.name, *country.variants)) \
            or not any(KINGDOM_STEM in t.norm for t in tokens):
        return []
    covered = {k for m in matches for k in range(m.first, m.last)}
    out = []
    for k, tok in enumerate(tokens):
        if k in covered or KINGDOM_STEM not in tok.norm:
            continue
        form = next((f for f in first_forms(tok) if f.form == KINGDOM), None)
        if form is not None:
            out.append(NameMatch(k, k + 1, source_offset(text, tok.start, tok.end, form.skip), tok.end, KINGDOM,
                                 "GPE", (country,)))
    return out


def fit_dates(matches: list[NameMatch], published: str | None) -> list[NameMatch]:
    """Without the KB candidates that did not exist yet when the article was published (entries' `since`);
    a name left with none names something the KB does not hold."""
    if not published:
        return matches
    out = []
    for m in matches:
        if m.entries and any(e.since for e in m.entries):
            entries = tuple(e for e in m.entries if not e.since or e.since <= published[:len(e.since)])
            if not entries:
                continue
            m.entries = entries
        out.append(m)
    return out


def foreign_name_key(name: str) -> tuple[str, ...]:
    """A foreign name as its Arabic transliterations share it: each word's skeleton, with تش and ج one letter
    and the hamza seat off («مولود جاوش اوغلو» = «مولود تشاووش أوغلو»)."""
    words = fold(name).replace("تش", "ج").replace("ء", "").split()
    return tuple(skeleton(w[1:] if w[:1] == "ا" and len(w) > 3 else w) for w in words)


@lru_cache(maxsize=4)
def foreign_people(kb: KnowledgeBase) -> dict[tuple[str, ...], tuple[KBEntry, ...]]:
    """Skeleton keys of the names of the KB's people from outside the Arab world (two words or more)."""
    index: dict[tuple[str, ...], list[KBEntry]] = {}
    for e in kb.entries:
        if e.type == "PERSON" and e.country and e.country not in ARAB_LEAGUE:
            for name in {e.name, *e.variants}:
                key = foreign_name_key(name)
                if len(key) > 1 and e not in index.get(key, ()):
                    index.setdefault(key, []).append(e)
    return {k: tuple(v) for k, v in index.items()}


def link_people(matches: list[NameMatch], kb: KnowledgeBase) -> None:
    """People the KB does not write this way: «عادل بن أحمد الجبير» is «عادل الجبير» (the father's name
    left out), and a foreign name spelt another way is the one foreign KB person with the same skeleton."""
    index = foreign_people(kb)
    for m in matches:
        if m.type != "PERSON" or m.entries or " " not in m.key:
            continue
        short = without_fathers(m.key)
        found = tuple(e for e in kb.lookup(short) if e.type == "PERSON") if short else ()
        if len(found) != 1:
            found = index.get(foreign_name_key(m.key), ())
        if len(found) == 1:
            m.entries = found


def without_fathers(name: str) -> str | None:
    """Given name and family name of «عادل بن أحمد الجبير»; None when the name is not of that shape."""
    words = name.split()
    if len(words) < 4 or words[-1] in PATRONYMIC or words[1] not in FILIATION:
        return None
    middle = words[1:-1]
    if len(middle) % 2 or any(w not in FILIATION for w in middle[::2]) or any(w in PATRONYMIC for w in middle[1::2]):
        return None
    return f"{words[0]} {words[-1]}"
