"""Name mentions: KB gazetteer longest match over token forms, and tagger span decoding.

A mention is a run of tokens `[first, last)` and a character span into
`Document.text` that covers the name words only: a proclitic on the first
token (و ف ب ل ك) is left outside the span («لتشانج» → «تشانج»), except for
ل + ال («للصين»), where the article's alef is not written and the whole token
is kept.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Token
from ..kb import KBEntry, KnowledgeBase
from ..kb.roles import is_role_word
from ..resources import data_rows
from ..text.agencies import agency_names, credited
from ..text.normalise import fold
from ..text.word_forms import (FORMS_KEPT, AND_PREFIX, ARTICLE, FILIATION, NAME_PARTICLES, PATRONYMIC, PROCLITIC_GROUPS, FirstForm, attestation, first_forms,
                               folded_word_lists, is_nisba, source_offset, strip_article, toggle_article)
from .iob import entities
from .name_lists import FAMILY, GIVEN, name_words

LONG_VOWELS = re.compile("[اوي]")
TANWEEN = re.compile("[\u064b-\u064d]")
ALIF_MAQSURA = "ى"
YA = "ي"
RARE_GIVEN_NAME = 200  # a word prose seldom uses is a given name (كارل، ميليندا); له، رأس، مقتل are the tagger overreaching
MIN_NAME_LETTERS = 2  # a one-letter "name" is a stray letter
FAMILY_NAME_COUNT = 1000  # a listed family name prose uses less than this (الربيعة), not السعودي or اليوم
MAX_NAME_WORDS = 12  # longest KB name tried
WORD = re.compile(r"\d+(?:[.,٫٬/:]\d+)+|\w+|\S")  # the tokeniser's word shape, for splitting KB keys
# A word written without (or with) the ال of a one-word KB name, and this common in prose, is the common
# word (بلا "without", not البلا, a GeoNames name of Jerusalem).
COMMON_WORD_COUNT = 250
COMMON_VARIANT = 300  # a KB short form seen this often in prose is a common word first
# A small place outside the Arab world, or one whose name prose uses this often, is linked only with context.
RARE_PLACE_WORD = 200
PREPOSITION_LETTERS = ("ب", "ل", "ك")
NAME_CHAIN_LOOKBACK = 2  # «خالد محفوظ بحاح»: the first name, then the father's, before a KB surname
GIVEN_NAME_MAX_COUNT = 20_000  # a listed given name prose uses more than this (علي: على) is a word first
BIG_CITY = 1_000_000  # a city this populous is named by its own name, not by a common word
SMALL_TOWN = 100_000  # below this, a one-word place needs context even in the Arab world
ARAB_LEAGUE = frozenset({"SAU", "ARE", "KWT", "QAT", "BHR", "OMN", "YEM", "IRQ", "SYR", "LBN", "JOR", "PSE",
                         "EGY", "LBY", "TUN", "DZA", "MAR", "MRT", "SDN", "SOM", "DJI", "COM"})
CUE_WORDS = folded_word_lists("ner/cue-words.tsv")
FUNCTION_WORDS = CUE_WORDS["function_word"]
# Head nouns of names (وزارة، مهرجان), repeated alone for the one named in full earlier (الحلف، المهرجان).
DUAL_CONSTRUCT = ("ي", "ا")  # ناديي، ناديا: the dual before its genitive
HEAD_NOUNS = frozenset(fold(row[0]) for row in data_rows("ner/name-heads.tsv") if len(row) < 4 or row[3] != "body")


@dataclass(slots=True)
class NameMatch:
    """One name mention candidate, before merging."""

    first: int  # token range [first, last)
    last: int
    start: int  # character span in Document.text, proclitic excluded
    end: int
    key: str  # matching form of the name words (proclitic removed)
    type: str | None  # PERSON | ORG | GPE | LOC | MISC, None when unknown
    entries: tuple[KBEntry, ...] = ()  # KB candidates, best first
    ambiguous: bool = False  # a form that is also a common word: link only with context
    origin: str = "kb"  # kb | agency | tagger | structure | titled | short | role
    tagged: bool = False  # the tagger marked (part of) these words as a name
    name_en: str | None = None  # for names known outside the KB (agencies)
    country: str | None = None  # what the name's own words say (الجيش اليمني → YEM)
    agent: str | None = None  # CAMEO agent code its head noun implies (GOV, MIL …)


@dataclass(slots=True)
class GazetteerHit:
    """The longest name at a token: how many tokens, the KB key, the first token's form."""

    length: int
    key: str
    form: FirstForm


@dataclass(slots=True)
class Gazetteer:
    """KB names (and agency names) indexed by first word, longest first."""

    kb: KnowledgeBase
    # (name words, KB key, whether ال was toggled), plain tuples, which the garbage collector stops tracking
    # (there is one for every form of the KB): names of one word by that word, longer names by their first
    # two words (so that a look-up sees only the names that can match), longest first
    single: dict[str, list[tuple[tuple[str, ...], str, bool]]] = field(default_factory=dict)
    by_pair: dict[tuple[str, str], list[tuple[tuple[str, ...], str, bool]]] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)  # key -> English name, for agencies the KB lacks
    firsts: frozenset[str] = frozenset()  # first words of the names of two words or more
    starts: dict[tuple[str, str, str], bool] = field(default_factory=dict)  # token forms -> may a name start there
    weak_agency_forms: set[str] = field(default_factory=set)  # واس، قنا: names only where credited

    @classmethod
    def build(cls, kb: KnowledgeBase) -> Gazetteer:
        gaz = cls(kb)
        for key in kb.keys():
            gaz._add(key)
        for name in agency_names():
            key = " ".join(name.parts)
            if name.weak:
                gaz.weak_agency_forms.add(key)
            if not kb.lookup(key):
                gaz.agencies.setdefault(key, name.name_en)
                gaz._add(key)
        for names in (*gaz.single.values(), *gaz.by_pair.values()):
            names.sort(key=_longest_first)
        gaz.firsts = frozenset(first for first, _ in gaz.by_pair)
        return gaz

    def _add(self, key: str) -> None:
        words = tuple(WORD.findall(key))
        if not words or len(words) > MAX_NAME_WORDS:
            return
        variants = [words]
        if words[0][:1].isalpha():
            variants.append((toggle_article(words[0]), *words[1:]))
        for n, v in enumerate(variants):
            index = self.single.setdefault(v[0], []) if len(v) == 1 else self.by_pair.setdefault((v[0], v[1]), [])
            index.append((v, key, n > 0))

    def may_start(self, tok: Token) -> bool:
        """Whether a name of the index can start at this token (one look-up a token, remembered)."""
        forms = (tok.norm, tok.prefix, tok.stem)
        known = self.starts.get(forms)
        if known is None:
            if len(self.starts) >= FORMS_KEPT:
                self.starts.clear()
            known = self.starts[forms] = any(f.form in self.single or f.form in self.firsts for f in first_forms(tok))
        return known

    def uncredited_agency(self, tokens: Sequence[Token], i: int, n: int, key: str) -> bool:
        """A short agency name (واس، قنا) that the text does not credit as one, by wire_sources' rule."""
        if key not in self.weak_agency_forms:
            return False
        context = max(0, i - 2)
        return not credited([t.norm for t in tokens[context:i + n + 1]], i - context, n)

    def match_at(self, tokens: Sequence[Token], i: int, limit: int | None = None) -> GazetteerHit | None:
        """The longest name starting at token i, of at most `limit` tokens."""
        best = None
        end = len(tokens) if limit is None else min(len(tokens), i + limit)
        after = tokens[i + 1].norm if i + 1 < end else None
        for form in first_forms(tokens[i]):
            longer = self.by_pair.get((form.form, after), ()) if after is not None else ()
            for words, key, _ in (*longer, *self.single.get(form.form, ())):
                n = len(words)
                if best is not None and n <= best.length:
                    break
                if i + n <= end and all(tokens[i + k].norm == words[k] for k in range(2, n)):
                    if n == 1 and len(form.form) < MIN_NAME_LETTERS:
                        continue
                    best = GazetteerHit(n, key, form)
                    break
        return best


def _longest_first(name: tuple[tuple[str, ...], str, bool]) -> tuple[int, bool]:
    """Longer names first; of two as long, the name as written before its ال-toggled form."""
    words, _, toggled = name
    return -len(words), toggled


@lru_cache(maxsize=4)
def gazetteer_for(kb: KnowledgeBase) -> Gazetteer:
    return Gazetteer.build(kb)


def find_kb_names(text: str, tokens: Sequence[Token], gaz: Gazetteer) -> list[NameMatch]:
    """Longest KB (and agency) names, left to right, not overlapping."""
    out: list[NameMatch] = []
    i = 0
    kb = gaz.kb
    ends = line_ends(text, tokens)
    while i < len(tokens):
        tok = tokens[i]
        hit = gaz.match_at(tokens, i, ends[i] - i) if tok.is_word and gaz.may_start(tok) else None
        if hit is None:
            i += 1
            continue
        n, key, form = hit.length, hit.key, hit.form
        start = source_offset(text, tok.start, tok.end, form.skip)
        end = tokens[i + n - 1].end
        found = " ".join([form.form, *(t.norm for t in tokens[i + 1:i + n])])
        entries = tuple(kb.lookup(key))
        if n == 1 and TANWEEN.search(text, tok.start, tok.end):
            pass  # «درعاً» "a shield": a word with nunation is indefinite, no name
        elif n == 1 and entries and entries[0].type in ("GPE", "LOC") and not is_country(entries[0]) and is_nisba(found) \
                and _after_given_name(text, tokens, i):
            pass  # «علي الأحمدي»: a nisba after a given name is a family name, not Al Ahmadi
        elif gaz.uncredited_agency(tokens, i, n, key):
            pass  # «قنا السويس» is a canal: a short agency name counts only where it is credited, as in wire_sources
        elif entries:
            # the doubt is the other reading's: a club's own (أبها the club) is weighed in sports news (read_clubs)
            reading = next((e for e in entries if not e.is_club), entries[0])
            if n == 1 and found == ARTICLE + key and not key.startswith(ARTICLE):
                pass  # «المالي» is "the financial", not Mali: a one-word name takes no article it does not have
            elif not in_name_chain(text, tokens, i, i + n, entries[0], found, kb):
                ambiguous = kb.is_ambiguous(found) or reading.ambiguous or (
                    n == 1 and weak_single_word(kb, tok, form, found, key, reading))
                out.append(NameMatch(i, i + n, start, end, found, entries[0].type, entries, ambiguous=ambiguous))
        else:
            out.append(NameMatch(i, i + n, start, end, found, "ORG", origin="agency", name_en=gaz.agencies[key]))
        i += n
    return out


def line_ends(text: str, tokens: Sequence[Token]) -> list[int]:
    """For each token, the index of the first token after the next line break: a name never spans one
    («روسيا\n\nالبيضاء» is no Belarus)."""
    ends = [len(tokens)] * len(tokens)
    nxt = len(tokens)
    for k in range(len(tokens) - 1, -1, -1):
        if k + 1 < len(tokens) and "\n" in text[tokens[k].end:tokens[k + 1].start]:
            nxt = k + 1
        ends[k] = nxt
    return ends


def small_town(entry: KBEntry) -> bool:
    """A GeoNames town (not a curated place) of fewer than SMALL_TOWN people."""
    return entry.type in ("GPE", "LOC") and not is_curated(entry) and entry.prior < SMALL_TOWN


def small_foreign_place(entry: KBEntry) -> bool:
    """A GeoNames town outside the Arab world, too small to be named by a word prose uses otherwise."""
    return small_town(entry) and entry.country not in ARAB_LEAGUE


def is_curated(entry: KBEntry) -> bool:
    return "marsad-curated" in entry.source or "cldr" in entry.source  # hand-checked rows and countries


def weak_single_word(kb: KnowledgeBase, tok: Token, form: FirstForm, found: str, key: str, entry: KBEntry) -> bool:
    """A one-word KB match that needs context before it is linked: GeoNames' alternate names and small
    places are often common words (ذكر، إطار، دورا), and so are organisation head nouns (المجلس)."""
    bare = strip_article(found)
    if found != key:
        return True  # matched only with ال added or removed (الرئيسي ≠ رئيسي, المالي ≠ مالي)
    if form.skip and form.skip != len(tok.prefix):
        return True  # a split the clitic analysis did not choose: «بلاتر» is not ب + لاتر, «وبنودا» not وب + نودا
    if entry.type == "ORG" and bare in HEAD_NOUNS:
        return True  # «الوكالة», «المجلس»: the organisation named in full earlier, or nobody
    if is_country(entry):
        return False
    if kb.nisba(found) is not None:
        return True  # «السوداني» is an adjective before it is a surname
    canonical = fold(entry.name) in (found, ARTICLE + found, bare)
    if entry.type == "PERSON" and entry.country in ARAB_LEAGUE and not canonical:
        return True  # «فكرتي» "my idea" is no ف + Karti, «الضيف» "the guest" no Deif: an Arab surname alone needs context
    if not canonical and attestation(found) > COMMON_VARIANT:
        return True  # «المدينة», «أقصى», «مبارك»: a short form that prose uses as a word
    if is_curated(entry):
        return False
    population = entry.prior
    if canonical and population >= BIG_CITY:
        return False  # «دمشق», «بغداد»: the books name them often because they are cities, not as words
    if not canonical or attestation(found) > COMMON_WORD_COUNT:
        return True  # a GeoNames alternate name, or a place named by a common word (كان، يوم، الخبر)
    return entry.country not in ARAB_LEAGUE or population < SMALL_TOWN or attestation(found) > RARE_PLACE_WORD


def is_country(entry: KBEntry) -> bool:
    return "cldr" in entry.source


def in_name_chain(text: str, tokens: Sequence[Token], first: int, last: int, entry: KBEntry, found: str,
                  kb: KnowledgeBase) -> bool:
    """«سلطان بن سلمان»، «الحسين بن علي»، «مشعل بن ماجد»: a KB person's words inside someone else's
    patronymic chain; «عبدالله بن عبدالعزيز الربيعة»: a chain that goes on to a family name."""
    if entry.type != "PERSON":
        return False
    words = found.split()
    before = tokens[first - 1].norm if first > 0 else ""
    after = tokens[last].norm if last < len(tokens) else ""
    if before in PATRONYMIC or (words[0] in FILIATION and first > 0 and tokens[first - 1].is_word):
        return True
    if FILIATION.intersection(words) and last < len(tokens) and is_family_name(tokens[last], kb, text):
        return fold(entry.name).split()[-1] != after  # the KB person's own family name is no one else's
    if first > 1 and is_role_word(tokens[first - 2].stem) and _given_name_before(tokens[first - 1], entry) \
            and not own_first_name_near(tokens, first, entry, words):
        return True  # «الدكتور محمد عبد العاطي» is not Badr Abdelatty, whose KB forms include «عبد العاطي»
    return after in PATRONYMIC and not any(w in PATRONYMIC for w in words)


def own_first_name_near(tokens: Sequence[Token], first: int, entry: KBEntry, words: list[str]) -> bool:
    """The KB person's first name in the form found («أشرف غني» after محمد) or just before the father's name
    before it («خالد محفوظ بحاح»)."""
    own_first = skeleton(fold(entry.name).split()[0])
    near = [t.stem for t in tokens[max(0, first - NAME_CHAIN_LOOKBACK):first]]
    return own_first in {skeleton(w) for w in (*words, *near)}


def _after_given_name(text: str, tokens: Sequence[Token], i: int) -> bool:
    """The token before i is a listed given name as written: one prose seldom uses otherwise, or «علي» written with
    ي (the preposition على folds to it, written with ى)."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    return _listed_given_name(prev) and (attestation(prev.norm) <= GIVEN_NAME_MAX_COUNT or text[prev.end - 1] == YA)


def _listed_given_name(tok: Token) -> bool:
    """A word the name lists give as a given name, with no proclitic, that begins no role."""
    return tok.is_word and not tok.prefix and GIVEN in name_words().get(tok.norm, ()) and not is_role_word(tok.norm)


def _given_name_before(tok: Token, entry: KBEntry) -> bool:
    """(After a title or office:) a listed given name as written, without ال (a family name: الدوسري), not a word prose uses everywhere (على
    folds to علي), and none of the KB person's own name words (فلاديمير before بوتين)."""
    if not _listed_given_name(tok) or tok.norm.startswith(ARTICLE) or attestation(tok.norm) > GIVEN_NAME_MAX_COUNT:
        return False
    own = {skeleton(w) for form in (entry.name, *entry.variants) for w in fold(form).split()}
    return skeleton(tok.norm) not in own


def is_family_name(tok: Token, kb: KnowledgeBase, text: str) -> bool:
    """A listed family name right after a name chain, as written (not a nisba, a role or a common word, nor a verb
    written with ى that folds to one: «علي بن الحسين التقى» "met")."""
    return (tok.is_word and not tok.prefix and FAMILY in name_words().get(tok.norm, ()) and not is_role_word(tok.norm)
            and attestation(tok.norm) < FAMILY_NAME_COUNT and kb.nisba(tok.norm) is None
            and text[tok.end - 1] != ALIF_MAQSURA)


# --- tagger spans -------------------------------------------------------------
@dataclass(slots=True, frozen=True)
class TaggedSpan:
    first: int
    last: int
    type: str


def split_at_and(spans: Sequence[TaggedSpan], tokens: Sequence[Token]) -> list[TaggedSpan]:
    """A tagger's person run across the و of a list is two people («أيمن حفني وباسم مرسي»), and one across the و
    of a verb stops before it («الجابر وجاملوه»); a word that is a listed name as written (وليد) is no و."""
    names = name_words()
    out: list[TaggedSpan] = []
    for span in spans:
        first = span.first
        for k in range(span.first + 1, span.last) if span.type == "PERSON" else ():
            word = tokens[k].norm
            if word.startswith(AND_PREFIX) and word not in names:
                out.append(TaggedSpan(first, k, span.type))
                first = k
        if first == span.first or span.last - first > 1 or tokens[first].norm[len(AND_PREFIX):] in names:
            out.append(TaggedSpan(first, span.last, span.type))  # not «وجاملوه» alone
    return out


def without_function_words(spans: Sequence[TaggedSpan], tokens: Sequence[Token]) -> list[TaggedSpan]:
    """A tagger span never begins or ends with a preposition or a particle («حكومة الرئيس هادي في إنهاء الحرب»)."""
    out = []
    for span in spans:
        first, last = span.first, span.last
        while first < last and tokens[first].norm in FUNCTION_WORDS:
            first += 1
        while last > first and tokens[last - 1].norm in FUNCTION_WORDS:
            last -= 1
        if first < last:
            out.append(TaggedSpan(first, last, span.type))
    return out


def decode_iob(labels: Sequence[str], offset: int = 0) -> list[TaggedSpan]:
    """Spans of IOB2 labels (seqeval's chunks: an I- that does not continue its type opens a span)."""
    return [TaggedSpan(offset + first, offset + last + 1, typ) for typ, first, last in entities(labels)]


def tagged_name(text: str, tokens: Sequence[Token], span: TaggedSpan, gaz: Gazetteer) -> NameMatch:
    """A tagger span as a mention, linked when its words (proclitic off) are a KB name of a compatible type."""
    kb = gaz.kb
    first = tokens[span.first]
    rest = [t.norm for t in tokens[span.first + 1:span.last]]
    forms = first_forms(first)
    # A name the KB does not know keeps its first letter unless that is the conjunction و: بـ/لـ/كـ before an
    # unknown name is as likely its own first letter (باولو، كريتر) as a preposition.
    chosen = next((f for f in forms if f.skip == len(AND_PREFIX)), forms[0]) if first.prefix.startswith(AND_PREFIX) \
        else forms[0]  # «وساري» is و + ساري, whatever else the analysis reads in it (و + س + اري)
    entries: tuple[KBEntry, ...] = ()
    for form in forms:
        key = " ".join([form.form, *rest])
        # «البلاتين» (platinum) is not Palatine: a small town abroad is not read with ال it does not have
        added = not rest and not kb.knows_form(key)
        found = tuple(e for e in kb.lookup(key) if compatible(e.type, span.type) and not (added and small_foreign_place(e)))
        if found and in_name_chain(text, tokens, span.first, span.last, found[0], key, kb):
            break  # «عبدالله بن عبدالعزيز» of «… الربيعة» is not King Abdullah
        if found and not gaz.uncredited_agency(tokens, span.first, span.last - span.first, key):
            chosen, entries = form, found
            break
    if not entries and chosen is forms[0] and span.type == "PERSON" and forms[0].form not in name_words():
        # «فسامي», «لعبد الرحمن»: a proclitic before a listed given name the tagger kept in the name
        # (one word after ب/ل/ك is more often the preposition and a word: «بخالص العزاء»)
        chosen = next((f for f in forms[1:] if GIVEN in name_words().get(f.form, ())
                       and (rest or first.norm[:f.skip][-1:] not in PREPOSITION_LETTERS)), chosen)
    key = " ".join([chosen.form, *rest])
    start = source_offset(text, first.start, first.end, chosen.skip)
    typ = entries[0].type if entries else span.type
    return NameMatch(span.first, span.last, start, tokens[span.last - 1].end, key, typ, entries,
                     ambiguous=bool(entries) and kb.is_ambiguous(key), origin="tagger", tagged=True)


def compatible(kb_type: str, tagged: str) -> bool:
    places = ("GPE", "LOC")
    return kb_type == tagged or (kb_type in places and tagged in places)


def another_person(span: NameMatch, overlapping: Sequence[NameMatch]) -> bool:
    """«كارل ساجان» is not Harjit Sajjan, «خالد قهوجي» not Jean Kahwaji, «إبراهيم نصرالله» not Hassan Nasrallah:
    a person the tagger found whose other words (rare words or listed given names) are neither in the KB name
    found inside it nor a title."""
    solid = [m for m in overlapping if not m.ambiguous]  # «كارل» is not ك + ارل either
    if span.type != "PERSON" or span.entries or len(solid) != 1:
        return False
    m = solid[0]
    if m.type != "PERSON" or not m.entries or m.last - m.first != 1 or m.last != span.last or m.first == span.first:
        return False  # only a given name before a one-word surname makes someone else
    entry = m.entries[0]
    entry_words = {skeleton(w) for form in (entry.name, *entry.variants) for w in fold(form).split()}
    extra = [w for w in span.key.split() if w not in m.key.split()]
    given = name_words()
    return bool(extra) and all((attestation(w) <= RARE_GIVEN_NAME or GIVEN in given.get(w, ()))
                               and skeleton(w) not in entry_words and not is_role_word(w) for w in extra)


def skeleton(word: str) -> str:
    """A name word without its long vowels, for transliteration variants (فرنسوا/فرانسوا، بينغ/بينج)."""
    return (word[:1] + LONG_VOWELS.sub("", word[1:])).replace("غ", "ج")  # غابرييل = جابرييل


def _only_described(span: NameMatch, inner: NameMatch) -> bool:
    """Whether the words of a tagger span around the KB name inside it are head nouns and nisbas («نادي برشلونة
    الأسباني»), not more of another name («فايننشيال تايمز» is not The Times)."""
    words = span.key.split()
    extra = words[:inner.first - span.first] + words[inner.last - span.first:]
    return all(is_nisba(w) or w in NAME_PARTICLES  # «إل مونيتور»: a foreign article is the same name
               or any(_head_or_its_dual(w[len(g):]) for g in ("", *PROCLITIC_GROUPS) if w.startswith(g)) for w in extra)


def _head_or_its_dual(word: str) -> bool:
    """«نادي», «النادي», and the dual in the construct state «ناديي» (لناديي ميلان وشالكة)."""
    word = strip_article(word)
    return word in HEAD_NOUNS or (word[-1:] in DUAL_CONSTRUCT and word[:-1] in HEAD_NOUNS)


def combine(kb_names: list[NameMatch], tagged: list[NameMatch]) -> list[NameMatch]:
    """One list of non-overlapping mentions: a KB name wins over a tagger span it overlaps unless the
    span is longer and contains it, or the name is a common word the tagger reads as another type; a KB
    name the tagger also marked with a compatible type is `tagged` (context for ambiguity)."""
    out = list(kb_names)
    at: dict[int, NameMatch] = {k: m for m in kb_names for k in range(m.first, m.last)}  # tagger spans never overlap
    removed: set[int] = set()
    for span in tagged:
        overlapping = list({id(m): m for k in range(span.first, span.last) if (m := at.get(k)) is not None}.values())
        if not overlapping:
            out.append(span)
            continue
        contains = all(span.first <= m.first and m.last <= span.last for m in overlapping)
        longer = span.last - span.first > max(m.last - m.first for m in overlapping)
        disagrees = all(m.ambiguous and not compatible(m.type, span.type) for m in overlapping)
        if disagrees or another_person(span, overlapping) or contains and longer and (
                span.entries or not any(m.entries and not m.ambiguous for m in overlapping) or span.type in ("ORG", "MISC")):
            for m in overlapping:
                removed.add(id(m))
                for k in range(m.first, m.last):
                    del at[k]
            if span.type == "ORG" and not span.entries and len(overlapping) == 1 and overlapping[0].type == "ORG" \
                    and _only_described(span, overlapping[0]):
                span.entries = overlapping[0].entries  # «نادي برشلونة الأسباني» is still FC Barcelona
            out.append(span)  # «يا فاتن» is a person the tagger saw, not Athens (ف + اتن)
        else:
            for m in overlapping:
                m.tagged = m.tagged or compatible(m.type, span.type)
    out = [m for m in out if id(m) not in removed]
    out.sort(key=lambda m: m.first)
    return out
