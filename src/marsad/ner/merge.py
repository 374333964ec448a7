"""Within-article merging: name mentions, short forms, role nouns and appositions -> entity clusters.

Rules, applied in text order:
- a KB-linked mention joins the cluster of its KB entry; a form that is also a
  common word (شي، عمر) is kept only with context: the tagger marked it, its
  entity was already named in full, or a title stands before it;
- an unlinked mention joins a cluster with the same spelling (غ/ج، hamza seats
  folded), or, as one word, a person whose full name it shortens;
- an uncovered word that shortens a person named earlier (بوتين، لتشانج، شي) or
  repeats the head noun of an organisation named earlier (الحلف) is a mention;
- then roles go to the people (`role_attachment`): a role phrase right before a
  person's name is one of their roles; alone («وقال الرئيس الروسي»), it is a
  mention of the one person the article named with it or whose KB roles say so;
  an apposition after a person's name («، الذي يعتبر …») gives roles.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from ..document import RolePhrase, Token
from ..kb import KBEntry, KnowledgeBase
from ..kb.roles import HONORIFIC, OFFICE, ROLE_PREPOSITIONS, is_role_word
from ..resources import data_rows
from ..text.normalise import fold
from ..text.word_forms import (AND_PREFIX, ARTICLE, FILIATION, NAME_PARTICLES, PATRONYMIC, PROCLITIC_LETTERS, attestation,
                               first_forms, is_nisba, source_offset, strip_article)
from .clusters import SHORT_FORM_MAX_COUNT, Cluster, ClusterIndex, loose
from .head_names import ADJECTIVES as NAME_ADJECTIVES
from .mentions import (ARAB_LEAGUE, CUE_WORDS, RARE_GIVEN_NAME, NameMatch, is_country, is_family_name, own_first_name_near,
                       skeleton, small_foreign_place, small_town)
from .name_lists import FAMILY, GIVEN, NAME_TOKEN_FLOOR, TOKEN, name_words
from .role_attachment import add_appositive_roles, attach_roles

HEAD_AMBIGUOUS = 2  # two names with the same head noun (two ministries): the bare head names neither
MAX_PERSON_WORDS = 6
MIN_KEY_LETTERS = 2  # a short key is two letters at least (is_name_word)
MIN_DEFINITE_LETTERS = 3  # «إلى» folds to الي: a definite word has more letters
FAMILY_LINK = "ال"  # آل (folded) of «آل سعود»
EDITION_YEAR = re.compile(r"(19|20)\d\d")  # «كأس آسيا 2019»
COMMON_TAIL_WORD = 200  # a word prose uses this often, not on the name lists, is no part of a person's name
PREPOSITION_WORD = 100  # after ب/ل/ك, a word prose uses this often is that word, not a name (بخالص العزاء)
SURNAME_WORD = 1000  # a family name prose uses this often as a word (الحكيم "the wise") is no person alone
VERY_COMMON_WORD = 3000  # prose uses such a form (المدينة، عمر) as a word first: the tagger alone does not make it a name
PLACE_CUES = CUE_WORDS["place_cue"]  # words before a place name that make an ambiguous one-word form a place
PLACE_PREPOSITIONS = CUE_WORDS["place_preposition"]
WELL_KNOWN_PLACE = 1_000_000  # prior of a region (curated) or a city of a million: a preposition is context enough


def merge_mentions(text: str, tokens: Sequence[Token], matches: Sequence[NameMatch],
                   roles: Sequence[RolePhrase], kb: KnowledgeBase) -> list[Cluster]:
    """Clusters of mentions, one per entity, in order of first mention."""
    role_before = {r.last: r for r in roles}
    roles_at = {r.first: r for r in roles}
    clusters: list[Cluster] = []
    by_kb: dict[str, Cluster] = {}
    by_name: dict[str, Cluster] = {}
    index = ClusterIndex(kb)
    ending_at: dict[int, list[NameMatch]] = {}  # matches by the token after their last
    for m in matches:
        ending_at.setdefault(m.last, []).append(m)

    def new_cluster(typ: str, entry: KBEntry | None = None, name_en: str | None = None) -> Cluster:
        c = Cluster(typ, entry, name_en)
        clusters.append(c)
        return c

    inside_roles = {k for r in roles if r.kind != HONORIFIC for k in range(r.first, r.last)}
    office_ends = {k: r.last for r in roles if r.kind == OFFICE and r.last - r.first > 1 for k in range(r.first, r.last)}
    # a name read off a proclitic the word may not have («كلاوس» as ك + لاوس) does not keep a person from its token
    taken = {k for m in matches if not (m.ambiguous and m.start > tokens[m.first].start) for k in range(m.first, m.last)}
    for m in matches:
        if m.entries and m.entries[0].type == "PERSON":
            split_leading_roles(text, tokens, m, roles_at)
            extend_chain(tokens, m)
            with_first_name(tokens, m, taken)
        if m.type in ("GPE", "LOC") and m.last - m.first == 1 and m.first in inside_roles:
            continue  # «العهد» of «ولي العهد» is no place
        if m.entries and country_adjective(tokens, m, kb):
            continue
        if m.entries and m.entries[0].type == "MISC" and m.last < len(tokens) and EDITION_YEAR.fullmatch(tokens[m.last].norm):
            # «كأس العالم 2018» is one edition, which the KB does not hold: the competition is no link for it
            m.entries, m.last, m.end = (), m.last + 1, tokens[m.last].end
            m.key = f"{m.key} {tokens[m.last - 1].norm}"
        if (person := _surname_of(index, tokens, m)) is not None:
            person.mentions.append(NameMatch(m.first, m.last, m.start, m.end, m.key, "PERSON", origin="short"))
            index.update(person)
            continue  # «علي الأحمدي … وأكد الأحمدي»: the man named before, not Al Ahmadi
        if m.entries:
            entry = m.entries[0]
            if m.ambiguous and not has_context(m, entry, tokens, by_kb, role_before, ending_at, kb):
                continue  # a common word (شي "thing") without context
            named = _named_before(index, m, entry) if entry.id not in by_kb else None
            if named is not None:
                cluster = named  # «الدكتور محمد عبد العاطي … عبد العاطي»: the one named before, not a KB namesake
            else:
                cluster = by_kb.get(entry.id) or new_cluster(entry.type, entry)
                by_kb[entry.id] = cluster
        elif m.origin == "agency":
            cluster = by_name.get(m.name_en) or new_cluster("ORG", name_en=m.name_en)
            by_name[m.name_en] = cluster
        else:
            lone = m.type == "PERSON" and a_lone_word(m, tokens)  # as tagged, before a trimmed «على» leaves one word
            if m.type == "PERSON" and m.origin == "tagger":
                extend_or_trim(text, tokens, m, kb, taken)
            key = loose(m.key)
            cluster = by_name.get(key) or by_name.get(_without_adjectives(key, kb)) or _shortened(text, tokens, index, m)
            if cluster is None:
                if not keep_unlinked(m, kb) or (m.type == "PERSON" and (
                        ((not_a_lone_surname(m) or lone) and m.first not in role_before) or
                        in_someone_elses_chain(tokens, m) or preposition_and_word(tokens, m)
                        or (m.first in role_before and tokens[m.first].norm in ROLE_PREPOSITIONS)
                        or office_ends.get(m.last - 1, m.last) > m.last)):
                    continue  # (the last: «سفير خادم» of «سفير خادم الحرمين الشريفين» ends inside an office)
                cluster = new_cluster(m.type or "MISC")
            by_name[loose(m.key)] = cluster
            if m.origin == "structure":
                by_name.setdefault(_without_adjectives(loose(m.key), kb), cluster)  # «متحف المصمك (الوطني)»
        cluster.mentions.append(m)
        cluster.country = cluster.country or m.country
        cluster.agent = cluster.agent or m.agent
        index.update(cluster)

    covered = {k for c in clusters for m in c.mentions for k in range(m.first, m.last)}
    add_short_forms(text, tokens, clusters, covered, kb)
    attach_roles(text, tokens, clusters, roles, covered, kb)
    add_appositive_roles(text, tokens, clusters, kb)
    clusters.sort(key=lambda c: c.start)
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    return clusters


def _surname_of(index: ClusterIndex, tokens: Sequence[Token], m: NameMatch) -> Cluster | None:
    """The one person named in full earlier whose last name word this one-word place (not a country) is."""
    if not m.entries or m.type not in ("GPE", "LOC") or m.last - m.first != 1 or is_country(m.entries[0]):
        return None
    if m.first > 0 and tokens[m.first - 1].stem in PLACE_CUES:
        return None  # «مدينة الأحمدي» is the town
    found = [c for c in index.by_last_name(loose(m.key)) if c.type == "PERSON" and c.start < m.start]
    return found[0] if len(found) == 1 else None


def _named_before(index: ClusterIndex, m: NameMatch, entry: KBEntry) -> Cluster | None:
    """The one unlinked person named in full earlier whose family name a KB person's short form also is."""
    if entry.type != "PERSON" or fold(entry.name) == m.key:
        return None
    key = loose(m.key).replace(" ", "")  # «عبدالعاطي» is «عبد العاطي»
    found = [c for c in index.by_short_key_unspaced(key) if c.type == "PERSON" and c.entry is None]
    return found[0] if len(found) == 1 else None


def country_adjective(tokens: Sequence[Token], m: NameMatch, kb: KnowledgeBase) -> bool:
    """«الأندية السعودية», «الجمعية السعودية», «مدينة غير سعودية»: a country whose name is its own nisba is an
    adjective without ال, or after a definite word."""
    entry = m.entries[0]
    if m.last - m.first != 1 or not is_country(entry) or not kb.names_own_country(m.key):
        return False
    if not m.key.startswith(ARTICLE):
        return True
    prev = tokens[m.first - 1] if m.first > 0 else None
    return prev is not None and prev.is_word and not prev.prefix and prev.norm.startswith(ARTICLE) \
        and len(prev.norm) > MIN_DEFINITE_LETTERS and m.start == tokens[m.first].start


def has_context(m: NameMatch, entry: KBEntry, tokens: Sequence[Token], by_kb: dict[str, Cluster],
                role_before: dict[int, RolePhrase], ending_at: dict[int, list[NameMatch]], kb: KnowledgeBase) -> bool:
    """What makes an ambiguous form a name: the tagger marked it, its entity was named earlier, a title
    stands before a person, a place word or preposition before a place, or a neighbouring place in a list."""
    if entry.id in by_kb:
        return True
    if entry.type == "PERSON" and m.last - m.first == 1 and entry.country in ARAB_LEAGUE:
        # «بشكري العميق» "with my deep thanks": an Arab surname alone is a word until the person is named in full,
        # an office names them, or their own first name comes just before («خالد محفوظ بحاح»)
        return m.first in role_before or own_first_name_near(tokens, m.first, entry, m.key.split())
    if m.tagged and (m.last - m.first > 1 or attestation(m.key) < VERY_COMMON_WORD) and not small_foreign_place(entry) \
            and not (small_town(entry) and kb.is_ambiguous(m.key)):
        # the tagger alone does not make a very common word (المدينة) a name, nor a word a small town abroad
        # (بزوغ "rise" as ب + Zug) or a small town named by a word prose uses (بخالص العزاء: Khalis): other context must
        return True
    if entry.type == "PERSON":
        return m.first in role_before
    if entry.type in ("GPE", "LOC"):
        prev = tokens[m.first - 1] if m.first > 0 else None
        if prev is not None and prev.stem in PLACE_CUES:
            return True
        if entry.prior >= WELL_KNOWN_PLACE and m.key not in PLACE_CUES and (
                prev is not None and prev.norm in PLACE_PREPOSITIONS or tokens[m.first].prefix == "ب"):
            return True  # «وصل الوفد إلى عسير», «بعسير»: a region or a big city after a preposition
        if tokens[m.first].prefix == AND_PREFIX and any(
                x.type in ("GPE", "LOC") and x.entries and (not x.ambiguous or x.entries[0].id in by_kb)
                for x in ending_at.get(m.first, ())):
            return True  # «الرياض والدمام», «القاهرة وبغداد»: the next place of a list
    return False


def extend_chain(tokens: Sequence[Token], m: NameMatch) -> None:
    """A KB person's name that the text goes on with the rest of the chain («محمد بن سلمان» + «بن عبد العزيز»,
    «… آل سعود»): the mention takes it, so that what follows the name follows the mention."""
    last = m.last
    while last + 1 < len(tokens) and (tokens[last].norm in FILIATION or tokens[last].norm == FAMILY_LINK):
        step = 2 if tokens[last + 1].norm in PATRONYMIC and last + 2 < len(tokens) else 1  # بن عبد العزيز
        if not all(tokens[k].is_word for k in range(last + 1, last + 1 + step)):
            break
        last += 1 + step
    if last > m.last:
        m.last, m.end = last, tokens[last - 1].end


def with_first_name(tokens: Sequence[Token], m: NameMatch, taken: set[int]) -> None:
    """A KB person found by the surname alone, after the person's first name spelt another way («ميشال بلاتيني»
    for «ميشيل بلاتيني»): the mention takes the first name too."""
    if m.last - m.first != 1 or m.first == 0 or m.first - 1 in taken:
        return
    prev = tokens[m.first - 1]
    if not prev.is_word or prev.prefix or m.start != tokens[m.first].start or is_role_word(prev.norm):
        return  # (a KB form «الرئيس شي جين بينغ» begins with his title, not a first name)
    firsts = {skeleton(fold(name).split()[0]) for name in (m.entries[0].name, *m.entries[0].variants) if " " in name}
    if skeleton(prev.norm) in firsts:
        m.first, m.start, m.key = m.first - 1, prev.start, f"{prev.norm} {m.key}"


def split_leading_roles(text: str, tokens: Sequence[Token], m: NameMatch, roles_at: dict[int, RolePhrase]) -> None:
    """A KB name written with its title («الرئيس شي جين بينغ») is a mention of the name words alone;
    the title stays a role phrase before it. A word that begins a name chain («سلطان بن سلمان») is the name."""
    while (r := roles_at.get(m.first)) is not None and r.last < m.last and tokens[r.last].norm not in FILIATION:
        m.first = r.last
        m.start = tokens[r.last].start
        m.key = " ".join(t.norm for t in tokens[m.first:m.last])


def keep_unlinked(m: NameMatch, kb: KnowledgeBase) -> bool:
    """A tagger span that is only a nisba adjective (الروسية), a role word, a name particle (ولد), one word that
    prose uses as a word (حسن "good", له "to him"), or a currency or faith word (not-names.tsv) is not a name,
    nor one that repeats its words («صناعة المجسمات … صناعة»)."""
    words = m.key.split()
    if len(words) == 1 and (words[0] in NAME_PARTICLES or (
            m.origin == "tagger" and attestation(words[0]) >= VERY_COMMON_WORD)):
        return False  # «له» of «ولله الحمد», «حسن» of «حسن السيرة»
    letters = [w for w in words if w[:1].isalpha()]
    if len(set(letters)) < len(letters) and not PATRONYMIC.intersection(letters):
        return False
    if len(words) == 1 and (kb.nisba(words[0]) is not None or is_role_word(words[0])):
        return False
    return not all(_not_name(w) for w in words)


def not_a_lone_surname(m: NameMatch) -> bool:
    """One definite word the tagger calls a person, named in full nowhere before it: a listed family name that
    prose seldom uses as a word (الغامدي، السيستاني) is one; «الكاميرا», «المارينز», «الحكيم» are not."""
    if m.last - m.first != 1 or not m.key.startswith(ARTICLE):
        return False
    return FAMILY not in name_words().get(m.key, ()) or attestation(m.key) >= SURNAME_WORD


def a_lone_word(m: NameMatch, tokens: Sequence[Token]) -> bool:
    """One word the tagger calls a person, named in full nowhere before it and used by prose as a word (صالح
    "good", عربي "Arab", داخل "inside"), with no name word beside it (the tagger cut «وخالد علي» and «عمر
    إبراهيم» short): no person; foreign surnames (مورينيو) and rare given names (معتز) are."""
    if m.last - m.first != 1 or m.origin != "tagger" or attestation(m.key) < RARE_GIVEN_NAME:
        return False
    return not any(0 <= k < len(tokens) and tokens[k].is_word and name_words().get(tokens[k].norm)
                   for k in (m.first - 1, m.last))


def _not_name(word: str) -> bool:
    forms = (word, word[1:]) if word[:1] in PROCLITIC_LETTERS else (word,)
    return any(f in not_names() or strip_article(f) in not_names() for f in forms)


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    return frozenset(row[0] for row in data_rows("ner/not-names.tsv"))


def _without_adjectives(key: str, kb: KnowledgeBase) -> str:
    """A name built on a head without the nisbas and adjectives at its end: «متحف المصمك الوطني» is «متحف المصمك»
    (a country's nisba stays: «وزارة الخارجية المصرية» is not every «وزارة الخارجية»)."""
    words = key.split()
    while len(words) > 2 and (is_nisba(words[-1]) or words[-1] in NAME_ADJECTIVES) and kb.nisba(words[-1]) is None:
        words.pop()
    return " ".join(words)


def _shortened(text: str, tokens: Sequence[Token], index: ClusterIndex, m: NameMatch) -> Cluster | None:
    """The person or body named in full earlier that a one- or two-word mention shortens, its proclitic off if
    need be («للقرني» after «عساف القرني»: the mention becomes «القرني»; «بن معمر» after «فهد بن عبدالعزيز بن معمر»)."""
    if m.last - m.first > 2:
        return None
    tok = tokens[m.first]
    rest = [t.norm for t in tokens[m.first + 1:m.last]]
    for form in first_forms(tok):
        key = loose(" ".join([form.form, *rest]))
        found = [c for c in index.by_short_key(key) if c.start < m.start]
        if found:
            m.key, m.start = " ".join([form.form, *rest]), source_offset(text, tok.start, tok.end, form.skip)
            return max(found, key=lambda c: max(x.start for x in c.mentions))
    if m.type == "PERSON" and not rest:
        # «سامي» after «سامي الجابر»: the one person named before with that first name (sports and arts pages)
        first = loose(m.key)
        found = [c for c in index.by_first_name(first) if c.type == "PERSON" and c.start < m.start]
        if len(found) == 1:
            return found[0]
    return None


def preposition_and_word(tokens: Sequence[Token], m: NameMatch) -> bool:
    """«بخالص» of «بخالص العزاء»: one token kept whole with its ب/ل/ك, not a listed name, a common word after it."""
    if m.last - m.first != 1:
        return False
    tok = tokens[m.first]
    return (m.start == tok.start and tok.prefix[-1:] in ("ب", "ل", "ك") and tok.norm not in name_words()
            and attestation(tok.stem) >= PREPOSITION_WORD)


def in_someone_elses_chain(tokens: Sequence[Token], m: NameMatch) -> bool:
    """«عبدالعزيز» next to a بن the tagger left out: one given name of a longer name chain, no person of its own."""
    if m.last - m.first != 1 or GIVEN not in name_words().get(m.key, ()):
        return False
    before = tokens[m.first - 1].norm if m.first > 0 else ""
    after = tokens[m.last].norm if m.last < len(tokens) else ""
    return before in PATRONYMIC or after in PATRONYMIC


def _not_a_name_word(tok: Token, names: dict[str, frozenset[str]]) -> bool:
    """A role word, or a common word (proclitic off) the name lists do not hold: «لتطوير», «عناصر»."""
    if tok.stem in names or tok.norm in names:
        return False  # سلطان، أمير: names before they are offices
    return is_role_word(tok.stem) or is_role_word(tok.norm) or attestation(tok.stem) >= COMMON_TAIL_WORD


def _joins_name(tok: Token, names: dict[str, frozenset[str]]) -> bool:
    return tok.is_word and not tok.prefix and not tok.norm.startswith(ARTICLE) and GIVEN in names.get(tok.norm, ()) \
        and not is_role_word(tok.norm) and attestation(tok.norm) <= SHORT_FORM_MAX_COUNT  # not على (folded علي)


def _foreign_first_name(tok: Token, names: dict[str, frozenset[str]]) -> bool:
    """«كلاوس» of «كلاوس هيورت فريدريكسن»: a name token of the world's names that prose does not use."""
    return tok.is_word and not tok.prefix and not tok.norm.startswith(ARTICLE) and TOKEN in names.get(tok.norm, ()) \
        and not is_role_word(tok.norm) and attestation(tok.norm) <= NAME_TOKEN_FLOOR


def extend_or_trim(text: str, tokens: Sequence[Token], m: NameMatch, kb: KnowledgeBase,
                   taken: set[int] = frozenset()) -> None:
    """A tagger's person cut short or run on: a listed given name right after it joins it («خالد» + «علي»), the word
    after a link that needs one («نهرو عبد» + «الله»), and a family name after a chain («عبدالله بن عبدالعزيز» +
    «الربيعة»); role words and common words at its start («عناصر الكورنيش», «الوزير خالد») and common words at its
    end («فارس دبلوماسي») leave it. It never takes a token of another mention (`taken`), nor a word across the و of
    a list («حمزة وعوض خريص»)."""
    names = name_words()
    while m.first > 0 and m.last - m.first < MAX_PERSON_WORDS and m.first - 1 not in taken \
            and not tokens[m.first].prefix.startswith(AND_PREFIX) \
            and (_joins_name(tokens[m.first - 1], names) or _foreign_first_name(tokens[m.first - 1], names)) \
            and "\n" not in text[tokens[m.first - 1].end:tokens[m.first].start]:
        m.first -= 1  # «عمر» + «إبراهيم»: the given name the tagger left out
        m.key = f"{tokens[m.first].norm} {m.key}"
        m.start = tokens[m.first].start
    while m.last - m.first > 1 and _not_a_name_word(tokens[m.first], names):
        m.first += 1
        m.key = " ".join(m.key.split()[1:])
        m.start = tokens[m.first].start
    while m.last < len(tokens) and m.last - m.first < MAX_PERSON_WORDS and m.last not in taken and "\n" not in text[
            tokens[m.last - 1].end:tokens[m.last].start] and (_joins_name(tokens[m.last], names) or (
            m.key.split()[-1] in PATRONYMIC and tokens[m.last].is_word and not tokens[m.last].prefix) or (
            FILIATION.intersection(m.key.split()) and is_family_name(tokens[m.last], kb, text))):
        m.key = f"{m.key} {tokens[m.last].norm}"
        m.last += 1
    while m.last - m.first > 1:
        word = tokens[m.last - 1].norm
        if (word in names and attestation(word) <= SHORT_FORM_MAX_COUNT) or word in PATRONYMIC \
                or attestation(word) < COMMON_TAIL_WORD or tokens[m.last - 2].norm in PATRONYMIC:
            break  # «ما» is a listed name token, and a function word; «عبد الله» is one name
        m.last -= 1
    m.end = tokens[m.last - 1].end
    m.key = " ".join(m.key.split()[:m.last - m.first])


def add_short_forms(text: str, tokens: Sequence[Token], clusters: list[Cluster], covered: set[int],
                    kb: KnowledgeBase) -> None:
    """Single words standing for an entity named in full earlier: a surname, a Chinese family name, الحلف."""
    index: dict[str, list[Cluster]] = {}
    for c in clusters:
        for key in c.short_keys(kb):
            index.setdefault(key, []).append(c)
    if not index:
        return
    # Every first form of a token is its ending (or ال + its ending), so a key can only match a token that
    # ends as a key ends: one set look-up passes over the rest.
    endings = {key[-MIN_KEY_LETTERS:] for key in index} if min(map(len, index)) >= MIN_KEY_LETTERS else None
    first_start = {id(c): c.start for c in clusters if c.mentions}
    starts: dict[int, list[int]] = {}  # a cluster's mention starts, sorted: its latest before a token by bisection

    def latest_before(c: Cluster, offset: int) -> int:
        if id(c) not in starts:
            starts[id(c)] = sorted(m.start for m in c.mentions)
        found = starts[id(c)]
        return found[bisect.bisect_left(found, offset) - 1]

    for k, tok in enumerate(tokens):
        if k in covered or not tok.is_word or (endings is not None and loose(tok.norm)[-MIN_KEY_LETTERS:] not in endings):
            continue
        if (k > 0 and tokens[k - 1].norm in PATRONYMIC) or (k + 1 < len(tokens) and tokens[k + 1].norm in PATRONYMIC):
            continue  # «بن عبد العزيز»: one word of someone's name chain
        for form in first_forms(tok):
            owners = index.get(loose(form.form))
            if not owners:
                continue
            earlier = [c for c in owners if first_start.get(id(c), tok.start) < tok.start]
            if not earlier:
                continue
            if form.form.startswith(ARTICLE) and len(earlier) >= HEAD_AMBIGUOUS:
                break  # «المنظمة» after two organisations: which one?
            owner = max(earlier, key=lambda c: latest_before(c, tok.start))
            start = source_offset(text, tok.start, tok.end, form.skip)
            owner.mentions.append(NameMatch(k, k + 1, start, tok.end, form.form, owner.type, origin="short"))
            if id(owner) in starts:
                bisect.insort(starts[id(owner)], start)
            covered.add(k)
            break
