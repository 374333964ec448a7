"""Names from their structure: a head noun, its genitive chain, its adjectives and complements.

Organisations above all («وزارة الصحة السعودية», «مركز الملك سلمان للإغاثة والأعمال الإنسانية»,
«الجيش اليمني», «مجموعة "علي بابا"», «المرصد السوري لحقوق الإنسان»), and events and places
built the same way («مهرجان العسل الدولي», «كأس ولي العهد», «شاطئ العقير»). The head nouns, with
the type and the CAMEO agent code each implies, are `resources/ner/name-heads.tsv`. The chain
absorbs the names inside it: no person is made from «الملك سلمان» in «مركز الملك سلمان», and a
place inside («مطار القاهرة الدولي») gives the organisation its country instead of an entity of
its own.

An indefinite head (وزارة، مركز) takes a genitive: a definite noun, a name, a quoted name,
or a rare word (a foreign company's name). A definite head (الجيش، الهيئة) is a name only
when a country nisba or a complement (للسياحة، لحقوق الإنسان) says which one. Then come
adjectives (nisbas by their ending, and `org_adjective`), ل-complements, and nouns joined
by و to a genitive or complement («للسياحة والتراث الوطني»). A preposition other than ل, a
time word (`org_stop`), a clause opener or a mark ends the name.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..document import Token
from ..kb import KBEntry, KnowledgeBase
from ..kb.roles import HONORIFIC, PHRASE_STOPS, role_lexicon, role_phrase_at
from ..resources import data_rows
from ..text.normalise import fold
from ..text.word_forms import (FORMS_KEPT, AND_PREFIX, ARTICLE, CONJUNCTIONS, NISBA_ENDINGS, PROCLITIC_GROUPS, FirstForm, PATRONYMIC,
                               attestation, first_forms, first_forms_of, is_nisba, source_offset,
                               strip_article)
from .mentions import CUE_WORDS, FUNCTION_WORDS, HEAD_NOUNS, NameMatch
from .name_lists import GIVEN, name_words

_WORDS = CUE_WORDS
ADJECTIVES = _WORDS["org_adjective"]
PLACE_WORDS = _WORDS["place_cue"]  # «إمارة منطقة عسير», «شرطة مدينة زيوريخ»
NAME_TITLES = _WORDS["name_title"]
IDIOMS = _WORDS["head_idiom"]  # «عن طريق»
ADMIN_HEADS = _WORDS["admin_head"]  # «محافظة الحديدة» is the governorate
STOPS = _WORDS["org_stop"] | PHRASE_STOPS
QUOTES = frozenset('"«»“”„‟\'')
MAX_QUOTED_WORDS = 6  # a quoted name after a head: «مجموعة "علي بابا"»
MAX_NAME_TOKENS = 12  # head included
MAX_TITLED_NAME_WORDS = 5  # «مركز الملك فهد»، «ملعب الأمير محمد بن فهد»: the name after a title
FOREIGN_NAME_COUNT = 60  # a word prose uses less than this, right after a head, is a name (شركة تاكيدا)
MAX_RARE_WORDS = 3  # «شركة دونج إنيرجي»: a foreign name of up to three words
DEFINITE_NAME_COUNT = 6  # with ال, rarer still (مجموعة الحكير): the books' counts miss modern words (المواطنين)
VERB_PREFIX = "ي"  # «مجلس يضم الوزراء»: a verb after a head is no construct noun
ADJECTIVE_ENDING = "ي"  # «مركز صحي»: an indefinite nisba adjective, no construct noun
MIN_NAME_LETTERS = 3
NAME_TYPES = ("PERSON", "GPE", "LOC")  # a genitive of these is a name («فندق ماريوت الزمالك»)
PLURAL_NISBA = ("يين", "يون")  # «سنغاليين» "Senegalese": a nisba's plural
PROCLITIC_ARTICLES = ("بال", "وال", "فال", "كال", "لل")  # a proclitic and the article: no name word begins so
WELL_KNOWN = 1_000_000  # prior of a KB name that reads as a name even where it is also a word: big cities, curated rows
PRONOUN_SUFFIXES = ("هما", "هم", "ها", "كما", "كم", "نا")
SHORT_PARTICLES = frozenset({"ما", "من", "كن", "هن", "دي"})  # «لما», «لمن», «لكن», «لهن», «لدي»
LONG_VOWELS = frozenset("اوي")
# «مركزي»، «مستشفيي»: a dual head in the genitive, before its own genitive (mentions.DUAL_CONSTRUCT also reads the
# nominative «ناديا» inside tagger spans; a head name begins only on the genitive)
DUAL_GENITIVE = "ي"
NATIONAL_AGENTS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})  # «الجيش اليمني» names a national body


@dataclass(slots=True, frozen=True)
class Head:
    type: str  # ORG | MISC | LOC | GPE: what a name built on this head is
    agent: str | None  # CAMEO agent code, None when the head alone does not say
    weak: bool  # also a common noun: a name only before a name (حركة "طالبان", not حركة النقل)
    titled: bool = False  # a work (مسلسل، فيلم): a name only with its quoted title (مسلسل "باب الحارة")


def _head_rows() -> list[tuple[str, Head, str]]:
    rows = []
    for row in data_rows("ner/name-heads.tsv"):
        head, typ, agent, kind = (*row, "", "", "")[:4]
        kind = kind.strip()
        rows.append((fold(head), Head(typ.strip(), agent.strip() or None, kind in ("weak", "work"), kind == "work"), kind))
    return rows


@lru_cache(maxsize=1)
def name_heads() -> dict[str, Head]:
    """Folded head noun (without ال) -> what a name built on it is."""
    return {form: head for form, head, kind in _head_rows() if kind != "body"}


ORG_HEAD_NOUNS = frozenset(form for form, head, kind in _head_rows() if kind == "" and head.type == "ORG")  # not weak (صحة)


@lru_cache(maxsize=1)
def national_bodies() -> dict[str, tuple[tuple[tuple[str, ...], str | None], ...]]:
    """First word -> (words, agent code) of the bodies named without a head noun (الدفاع المدني)."""
    index: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
    for name, head, kind in _head_rows():
        if kind == "body":
            words = tuple(name.split())
            index.setdefault(words[0], []).append((words, head.agent))
    return {first: tuple(sorted(bodies, key=lambda b: -len(b[0]))) for first, bodies in index.items()}


def is_head(form: str) -> bool:
    """A matching form that is a head noun, with or without ال (الوزارة، وزارة)."""
    return strip_article(form) in HEAD_NOUNS


@dataclass(slots=True)
class _Chain:
    """An organisation name being read: where it ends, what made it a name, its country."""

    last: int  # token after the name
    head: Head
    named: bool = False  # a genitive, country nisba or complement makes it a name
    country: str | None = None
    kind: str = "head"  # what the last part was: head | genitive | adjective | complement
    core: int = 0  # token after the last part that is not an adjective
    qualified: bool = False  # a genitive or complement, not adjectives alone
    admin: str | None = None  # the head of a governorate or state (محافظة، ولاية), without ال
    dual: bool = False  # the head is a dual («مركزي»): two branches of one body, or two bodies named after it


def definite(tok: Token) -> bool:
    return tok.norm.startswith(ARTICLE)


def and_definite(tok: Token) -> bool:
    return tok.norm[:1] in CONJUNCTIONS and tok.norm[1:].startswith(ARTICLE)


def lam_definite(tok: Token) -> bool:
    """«للإغاثة»: ل + ال written لل (with و it is a new recipient: «وللمنظمين»)."""
    return tok.norm.startswith("لل")


def lam_indefinite(tok: Token) -> bool:
    """«لحقوق», «لأبحاث», «لطب»: ل on a noun that a genitive will follow (not ل + a pronoun: «لها»); also where
    the word analysis kept the ل, the word no better attested than the noun (لتطوير, not لبنان)."""
    stem = tok.stem if tok.prefix == "ل" else tok.norm[1:] if (
        not tok.prefix and tok.norm[:1] == "ل" and tok.norm[1:2] != "ل"
        and attestation(tok.norm) <= attestation(tok.norm[1:])) else None
    return stem is not None and not stem.startswith(ARTICLE) and len(stem) >= 2 \
        and stem not in PRONOUN_SUFFIXES and stem not in SHORT_PARTICLES


def is_title(form: str) -> bool:
    """الملك، الأمير، الشيخ: a title whose holder's name follows inside a name (مركز الملك فهد)."""
    return form in NAME_TITLES


def find_head_names(text: str, tokens: Sequence[Token], matches: Sequence[NameMatch], kb: KnowledgeBase) -> list[NameMatch]:
    """Names built on a head noun, left to right, not overlapping."""
    # KB names, and of those that are also words only the well-known (لندن, not جديدة); tagger spans run on too often,
    # and the people the tagger found: «دوري عبداللطيف جميل», «مؤسسة مايكل فوكس»
    names_at = {m.first: m for m in matches if m.origin in ("kb", "agency")
                and (not m.ambiguous or m.entries and m.entries[0].prior >= WELL_KNOWN and m.key not in PLACE_WORDS)
                or m.origin == "tagger" and m.type == "PERSON"}
    for m in [m for m in matches if m.origin == "tagger" and m.type == "PERSON" and m.last - m.first > 1]:
        if _head_form(tokens[m.first].norm, tokens[m.first].prefix, tokens[m.first].stem) is not None:
            # «دوري عبداللطيف» tagged as one person: the head, then the person
            names_at.setdefault(m.first + 1, replace(m, first=m.first + 1, start=tokens[m.first + 1].start))
    # after a road, a district or a square, any place the KB or the tagger saw: «طريق سلوى», «حي صبر»
    places_at = {m.first: m for m in matches if m.type in ("GPE", "LOC") and m.first not in names_at
                 and not is_head(tokens[m.first].norm)}  # («طريق شاطئ نصف القمر»: a head begins a name of its own)
    out: list[NameMatch] = []
    i = 0
    while i < len(tokens):
        found = name_at(text, tokens, i, names_at, kb, places_at) if may_start(tokens[i].norm) else None
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.last
    return out


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    heads = set(name_heads())
    return frozenset(heads | {ARTICLE + h for h in heads} | {h + DUAL_GENITIVE for h in heads} | set(national_bodies()))


@lru_cache(maxsize=FORMS_KEPT)
def may_start(norm: str) -> bool:
    """Whether a token could begin an organisation name: a head or body word after at most three
    proclitic letters (وللهيئة). A quick test before the full one."""
    words = _first_words()
    return any(norm[k:] in words for k in range(min(4, len(norm))))


@lru_cache(maxsize=FORMS_KEPT)
def _head_form(norm: str, prefix: str, stem: str) -> FirstForm | None:
    """The form of a token that is a head noun: its first forms, then with any proclitic group off («بكلية لندن»,
    not only as prose splits it)."""
    heads = name_heads()
    forms = [*first_forms_of(norm, prefix, stem), *(FirstForm(norm[len(g):], len(g)) for g in PROCLITIC_GROUPS
                                                   if norm.startswith(g))]
    found = next((f for f in forms if strip_article(f.form) in heads), None)
    if found is None:  # «بمركزي محمد بن نايف للمناصحة بالرياض وجدة»: the dual in the construct state, its genitive next
        found = next((FirstForm(f.form[:-1], f.skip) for f in forms if f.form.endswith(DUAL_GENITIVE)
                      and not f.form.startswith(ARTICLE) and f.form[:-1] in heads), None)
    return found


def name_at(text: str, tokens: Sequence[Token], i: int, names_at: dict[int, NameMatch],
           kb: KnowledgeBase, places_at: dict[int, NameMatch]) -> NameMatch | None:
    tok = tokens[i]
    if not tok.is_word:
        return None
    heads = name_heads()
    body = _national_body(text, tokens, i, kb)  # «الحرس الوطني» is a body before it is «حرس» + adjective
    form = _head_form(tok.norm, tok.prefix, tok.stem) if body is None else None
    if form is None:
        return body
    if i > 0 and f"{tokens[i - 1].norm} {form.form}" in IDIOMS:
        return None  # «عن طريق المهاجم»: by way of the striker
    head = heads[strip_article(form.form)]
    chain = _Chain(i + 1, head, core=i + 1, admin=_admin_head(form.form),
                   dual=tok.norm[form.skip:] == form.form + DUAL_GENITIVE)
    if head.titled:
        if not _quoted_title(tokens, chain, names_at):
            return None
    elif form.form.startswith(ARTICLE):
        _extend(tokens, chain, names_at, kb, i + MAX_NAME_TOKENS)
        # الجيش اليمني، الحكومة الأفغانية، الدوري السعودي
        national = chain.country is not None and (head.agent in NATIONAL_AGENTS or head.type == "MISC" and not head.weak)
        if not (chain.qualified or national or (chain.named and _place_follows(tokens, chain.last, names_at))):
            return None  # «الصحيفة البريطانية» is the paper named before; «الحكومة» is no name
        if _office_complement(tokens, i):
            return None
    else:
        place = places_at.get(i + 1) if head.type == "LOC" else None
        if place is not None:
            names_at = {**names_at, i + 1: place}
        if not _genitive(text, tokens, chain, names_at, kb) or not chain.named:
            return None
        if head.type != "GPE":  # «قرية المفتاحة» ends at its name
            _extend(tokens, chain, names_at, kb, i + MAX_NAME_TOKENS)
    last = chain.last
    words = [form.form, *(t.norm for t in tokens[i + 1:last])]
    entry = _kb_entry(kb, words, chain.core - i, head.type)
    if entry is None and head.titled:
        entry = _kb_entry(kb, words, chain.core - i, "ORG")  # «برنامج "الغذاء العالمي"» is the World Food Programme
    country = chain.country or (entry.country if entry else None)
    key = " ".join(words[:chain.core - i] if chain.qualified else words)  # «نادي الهلال السعودي» is «نادي الهلال»
    return NameMatch(i, last, source_offset(text, tok.start, tok.end, form.skip), tokens[last - 1].end, key,
                     entry.type if entry else head.type, (entry,) if entry else (), origin="structure", tagged=True,
                     country=country, agent=head.agent)


def _national_body(text: str, tokens: Sequence[Token], i: int, kb: KnowledgeBase) -> NameMatch | None:
    """«الدفاع المدني», «القوات المسلحة السعودية»: a body every state has, and its country when a nisba says."""
    tok = tokens[i]
    bodies = national_bodies()
    for form in first_forms(tok):
        for words, agent in bodies.get(form.form, ()):
            n = len(words)
            if i + n > len(tokens) or any(tokens[i + k].norm != words[k] for k in range(1, n)):
                continue
            last, country = i + n, None
            nisba = kb.nisba(tokens[last].norm) if last < len(tokens) else None
            if nisba is not None and nisba.country:
                last, country = last + 1, nisba.country
            key = " ".join([form.form, *(t.norm for t in tokens[i + 1:i + n])])
            return NameMatch(i, last, source_offset(text, tok.start, tok.end, form.skip), tokens[last - 1].end, key,
                             "ORG", origin="structure", tagged=True, country=country, agent=agent)
    return None


def _office_complement(tokens: Sequence[Token], i: int) -> bool:
    """«وكيل الجامعة للدراسات العليا»: after an office in the construct state, a definite head's ل-complement
    belongs to the office (the university's vice-president for graduate studies), not to a name."""
    if i == 0 or i + 1 >= len(tokens) or not (lam_definite(tokens[i + 1]) or lam_indefinite(tokens[i + 1])):
        return False
    lex = role_lexicon()
    return any(f.form in lex and not f.form.startswith(ARTICLE) for f in first_forms(tokens[i - 1]))


def _genitive(text: str, tokens: Sequence[Token], chain: _Chain, names_at: dict[int, NameMatch], kb: KnowledgeBase,
              depth: int = 0) -> bool:
    """The genitive after an indefinite head: a definite noun, a name, an office, a quoted name or a rare word."""
    j = chain.last
    if j >= len(tokens):
        return False
    tok = tokens[j]
    if tok.norm in QUOTES:
        return depth == 0 and _quoted(tokens, chain, names_at)
    if not tok.is_word or tok.norm in STOPS:
        return False
    name = names_at.get(j)
    if name is not None and name.start == tok.start:
        if name.type == "PERSON" and chain.head.type == "GPE":
            return False  # «أمير مقاطعة أبها عبدالله بن ماضي»: the person after the place holds its office
        if name.type == "PERSON" and depth > 0 and _rare_word(tokens[j - 1]):
            _found(chain, j)  # «لبلدية تنومة نادر الشهري»: the body ends at its place, its officer follows
            return True  # («محطة مياه أبو سعد» is named after the quarter: a common noun before the name)
        _found(chain, name.last)
        if name.type == chain.head.type and depth == 0 and (chain.dual or not _subsidiary(tokens, chain, name)
                                                            and not _governorate(chain, name, kb)):
            return False  # «وكالة أسوشيتد برس», «حركة طالبان»: the organisation's own name is the mention
        if name.entries and name.entries[0].type in ("GPE", "LOC") and name.entries[0].country:
            chain.country = name.entries[0].country
        return True
    after_place_word = depth > 0 and tokens[j - 1].norm in PLACE_WORDS
    # a company, a group or a village may bear a foreign or local name; a ministry, an event or a road does not
    rare_name_fits = after_place_word or (depth == 0 and (chain.head.type == "GPE" or (
        chain.head.type == "ORG" and chain.head.agent not in NATIONAL_AGENTS) or (
        chain.head.type == "LOC" and (not chain.head.weak or definite(tok)))))
    # («جسر بزيبز», «جزيرة هوكايدو», «حي جوبر»; after a weak head only with ال: «ساحة المفتاحة», not «طريق منى»)
    if rare_name_fits and _rare_word(tok) and not _construct_noun(tokens, j, names_at):
        # «شركة تاكيدا», «شرطة مدينة زيوريخ», «شركة دونج إنيرجي»: words prose does not use are a name (a
        # ministry's genitive is not)
        k = j + 1
        while k < len(tokens) and k - j < MAX_RARE_WORDS and _rare_continuation(tokens[k]):
            k += 1
        _found(chain, k)
        return True
    office = role_phrase_at(text, tokens, j, kb)
    if office is not None and office.kind != HONORIFIC and (not is_title(tok.norm) or chain.head.agent in NATIONAL_AGENTS) \
            and (holder := names_at.get(office.last)) is not None and holder.type == "PERSON":
        return False  # «حكومة الرئيس اليمني عبدربه منصور هادي»: the holder is named, «حكومة» only describes
        # (a facility keeps a title and its holder: «مستشفى الملك خالد»)
    if office is not None and office.start == tok.start and office.kind != HONORIFIC and " " in office.key:
        _found(chain, office.last)  # «كأس ولي العهد», «جائزة خادم الحرمين الشريفين»
        return True
    if tok.prefix or (chain.head.weak and depth > 0):
        return False  # «وزارة بالرياض»: a preposition; «حركة النقل»: a common noun after a weak head
    if definite(tok) and is_title(tok.norm):
        _found(chain, j + 1)  # «طريق الملك فهد», «مركز الملك سلمان»: a title and its holder's name
        _titled_name(tokens, chain)
        return chain.last > j + 1 or not chain.head.weak
    if definite(tok) and not chain.head.weak and not chain.dual:  # «مركزي التصحيح»: two centres, no name
        if chain.head.type == "ORG" and strip_article(tok.norm) in ORG_HEAD_NOUNS:
            return False  # «إدارة المستشفى», «مجلس الإدارة»: a part of another body, no name
        _found(chain, j + 1)
        return True
    if depth == 0 and not is_head(tok.norm) and not tok.norm.startswith(VERB_PREFIX) \
            and not tok.norm.endswith(ADJECTIVE_ENDING) and j + 1 < len(tokens):
        chain.last = j + 1  # «إدارة شؤون المعلمين», «هيئة كبار العلماء»: a construct noun, then its genitive
        if _genitive(text, tokens, chain, names_at, kb, depth + 1) and chain.named:
            return True
        chain.last = j
    return False


def _admin_head(form: str) -> str | None:
    bare = strip_article(form)
    return bare if bare in ADMIN_HEADS else None


def _governorate(chain: _Chain, name: NameMatch, kb: KnowledgeBase) -> bool:
    """«محافظة الحديدة»: the governorate named after a city, when the KB holds it (a Saudi «محافظة الطائف» is
    the city's own governorate, which the KB does not tell apart)."""
    return chain.admin is not None and bool(name.entries) and name.entries[0].is_city \
        and any(e.type == "GPE" for e in kb.lookup(f"{chain.admin} {name.key}"))


def _subsidiary(tokens: Sequence[Token], chain: _Chain, name: NameMatch) -> bool:
    """«شركة الخطوط السعودية للتموين»: a company named after another and a definite ل-complement is a body of
    its own (the airline's catering company)."""
    return chain.head.type == "ORG" and chain.head.agent not in NATIONAL_AGENTS and name.last < len(tokens) \
        and lam_definite(tokens[name.last]) and _stem(tokens[name.last]) not in STOPS


def _rare_word(tok: Token) -> bool:
    """A word prose hardly uses, with no proclitic, no pronoun suffix, and not the shape of a participle."""
    return not tok.prefix and len(tok.norm) >= MIN_NAME_LETTERS \
        and attestation(tok.norm) < (DEFINITE_NAME_COUNT if definite(tok) else FOREIGN_NAME_COUNT) \
        and tok.norm not in role_lexicon() and not _with_pronoun(tok.norm) and not _participle_or_adjective(tok.norm)


def _construct_noun(tokens: Sequence[Token], j: int, names_at: dict[int, NameMatch]) -> bool:
    """«قاعة اجتماعات البلدية»: a word without ال before a common definite noun (no name, adjective, participle or
    title) is a common noun in the construct state, rare in the books only because it is modern."""
    if definite(tokens[j]) or j + 1 >= len(tokens):
        return False
    nxt = tokens[j + 1]
    return nxt.is_word and not nxt.prefix and definite(nxt) and getattr(names_at.get(j + 1), "type", None) not in NAME_TYPES \
        and attestation(nxt.norm) >= FOREIGN_NAME_COUNT and not _participle_or_adjective(strip_article(nxt.norm)) \
        and nxt.norm not in ADJECTIVES and nxt.norm not in STOPS and nxt.norm not in FUNCTION_WORDS \
        and not is_title(nxt.norm) and nxt.norm not in role_lexicon()


def _rare_continuation(tok: Token) -> bool:
    """A further word of a foreign name after a rare one («دونج إنيرجي»): rarer still (not a listed name word,
    which «عقار» "drug" is too), without ال or a proclitic, and no noun with ة and a pronoun after it («طالبان
    مسؤوليتها»)."""
    word = tok.norm
    return tok.is_word and not tok.prefix and not definite(tok) and len(word) >= MIN_NAME_LETTERS \
        and attestation(word) < DEFINITE_NAME_COUNT and not _with_pronoun(word) \
        and not any(word.endswith("ت" + suffix) for suffix in PRONOUN_SUFFIXES)


def _with_pronoun(word: str) -> bool:
    """«أعمالهما», «قراراتها»: a common noun with a pronoun suffix is rare as a whole, not a name."""
    return any(word.endswith(suffix) and attestation(word[:-len(suffix)]) >= FOREIGN_NAME_COUNT
               for suffix in PRONOUN_SUFFIXES)


def _participle_or_adjective(word: str) -> bool:
    """«مميز», «مكسو» (م + a consonant) and «سياحية», «صحافي» (ية، ي): the shapes of participles and nisbas, which
    modern prose uses more than the books the word counts come from; foreign names seldom take them."""
    if word.startswith(AND_PREFIX + "م") and len(word) > 4:
        word = word[1:]  # «ومدرجات»: و and a participle the clitic analysis left whole
    return (word.startswith("م") and word[1:2] not in LONG_VOWELS) or word.endswith((*NISBA_ENDINGS, *PLURAL_NISBA))


def _found(chain: _Chain, last: int) -> None:
    chain.last = chain.core = last
    chain.named = chain.qualified = True
    chain.kind = "genitive"


def _quoted_title(tokens: Sequence[Token], chain: _Chain, names_at: dict[int, NameMatch]) -> bool:
    """«مسلسل "بيوت من تراب"», «المسلسل التركي الشهير "سنوات الضياع"»: a work's head, its adjectives, its quoted
    title, and nothing after it («للمخرج» is the director's)."""
    while chain.last < len(tokens) and definite(tokens[chain.last]) and (
            is_nisba(tokens[chain.last].norm) or tokens[chain.last].norm in ADJECTIVES):
        chain.last += 1
    return chain.last < len(tokens) and tokens[chain.last].norm in QUOTES and _quoted(tokens, chain, names_at)


def _quoted(tokens: Sequence[Token], chain: _Chain, names_at: dict[int, NameMatch]) -> bool:
    """«مجموعة "علي بابا"», «تنظيم "داعش"»: a quoted name after the head."""
    j = chain.last
    for k in range(j + 1, min(len(tokens), j + 2 + MAX_QUOTED_WORDS)):
        if tokens[k].norm in QUOTES:
            if k == j + 1:
                return False
            name = names_at.get(j + 1)
            if name is not None and name.last == k and name.type == chain.head.type:
                return False  # «تنظيم "داعش"»: the quoted name is the organisation's own
            _found(chain, k + 1)
            return True
        if not tokens[k].is_word:
            return False
    return False


def _titled_name(tokens: Sequence[Token], chain: _Chain) -> None:
    """The name words after a title inside a chain: «مركز الملك فهد الثقافي», «ملعب الأمير محمد بن فهد»."""
    k = chain.last
    end = k
    while k < len(tokens) and k - chain.last < MAX_TITLED_NAME_WORDS:
        t = tokens[k]
        after_link = k > chain.last and tokens[k - 1].norm in PATRONYMIC
        if not t.is_word or t.norm in STOPS or t.norm in FUNCTION_WORDS or is_head(t.stem) or (definite(t) and not after_link) \
                or t.prefix.startswith(AND_PREFIX) or (t.prefix or t.norm.startswith(PROCLITIC_ARTICLES)) \
                and GIVEN not in name_words().get(t.norm, ()):
            break  # «ملعب الملك عبد العزيز بالشرائع»: فيصل (a listed name, not ف + يصل) and عبد العزيز are names;
            # «منتزه الأمير سلطان بالفرعاء»: a word the clitic analysis left whole still begins with ب + ال
        k += 1
        if t.norm not in PATRONYMIC:
            end = k
    chain.last = chain.core = end


def _extend(tokens: Sequence[Token], chain: _Chain, names_at: dict[int, NameMatch], kb: KnowledgeBase,
            limit: int) -> None:
    """Adjectives, ل-complements, nouns joined by و, and the place of a branch, after the head or its genitive."""
    while chain.last < min(len(tokens), limit):
        tok = tokens[chain.last]
        if not tok.is_word:
            return
        place = _branch_place(tokens, chain.last, names_at) if chain.named else None
        if place is not None:
            chain.last = chain.core = place.last
            chain.country = chain.country or (place.entries[0].country if place.entries else None)
            return
        if definite(tok):
            if tok.norm in STOPS or not (is_nisba(tok.norm) or tok.norm in ADJECTIVES):
                return
            nisba = kb.nisba(tok.norm)
            chain.last += 1
            if nisba is not None and nisba.country:
                chain.country = chain.country or nisba.country
                chain.named = True
            else:
                chain.core = chain.last
            chain.kind = "adjective"
        elif lam_definite(tok) and _stem(tok) not in STOPS:
            _complement(chain, chain.last + 1)
        elif lam_indefinite(tok) and tok.stem not in STOPS and chain.last + 1 < len(tokens) \
                and chain.kind != "head":  # «المستشفى لتلقي العلاج» is a purpose, «المرصد السوري لحقوق» a name
            end = _complement_end(tokens, chain.last + 1, names_at)
            if end is None:
                return
            _complement(chain, end)
        elif and_definite(tok) and chain.kind in ("genitive", "complement") and tok.norm[1:] not in STOPS \
                and not (chain.dual and chain.kind == "genitive"):  # «ناديي الهلال والنصر»: two clubs
            chain.last = chain.core = chain.last + 1
        else:
            return


def _complement_end(tokens: Sequence[Token], j: int, names_at: dict[int, NameMatch]) -> int | None:
    """Where the genitive of an indefinite ل-complement ends: a definite noun («لحقوق الإنسان»), a named place
    («لتطوير مدينة الرياض»), or a name; None when none follows."""
    tok = tokens[j]
    name = names_at.get(j)
    if definite(tok) and tok.norm not in STOPS:
        # «لشؤون المسجد الحرام»: a name there is the genitive whole
        return name.last if name is not None and name.start == tok.start else j + 1
    name = names_at.get(j + 1) if tok.norm in PLACE_WORDS else name
    if name is not None and not tokens[name.first].prefix and name.type in ("GPE", "LOC", "ORG", "PERSON"):
        return name.last
    return None


def _branch_place(tokens: Sequence[Token], j: int, names_at: dict[int, NameMatch]) -> NameMatch | None:
    """A KB place right after a name, with no preposition: the branch the body belongs to («إطعام الرياض»).
    After ب («بجدة») the place stays a place of its own."""
    place = names_at.get(j)
    if place is None or tokens[j].prefix or place.type not in ("GPE", "LOC"):
        return None
    return place


def _complement(chain: _Chain, last: int) -> None:
    chain.last = chain.core = last
    chain.named = chain.qualified = True
    chain.kind = "complement"


def _stem(tok: Token) -> str:
    """«للإغاثة» -> الاغاثه."""
    norm = tok.norm[1:] if tok.norm[:1] in CONJUNCTIONS else tok.norm
    return ARTICLE + norm[2:] if norm.startswith("لل") else norm


def _place_follows(tokens: Sequence[Token], j: int, names_at: dict[int, NameMatch]) -> bool:
    """«الهيئة الملكية بالجبيل»: a definite head with an adjective, then ب/في and a place."""
    if j >= len(tokens):
        return False
    tok = tokens[j]
    if tok.norm == "في" and j + 1 < len(tokens):
        j, tok = j + 1, tokens[j + 1]
    elif not tok.prefix.endswith("ب"):
        return False
    name = names_at.get(j)
    return name is not None and name.type in ("GPE", "LOC") and j > 0 and tokens[j - 1].is_word


def _kb_entry(kb: KnowledgeBase, words: list[str], core: int, typ: str) -> KBEntry | None:
    """The KB entry of that type the name's words name: all of them, or all but a trailing country nisba
    («نادي الهلال السعودي» is «نادي الهلال»; «الاتحاد الأوروبي لكرة القدم» is not «الاتحاد الأوروبي»)."""
    for n in range(len(words), max(core, 2) - 1, -1):
        words_n = [w for w in words[:n] if w not in QUOTES]
        entry = next((e for e in kb.lookup(" ".join(words_n)) if e.type == typ), None)
        if entry is not None:
            return entry
    return None


def with_head_names(text: str, tokens: Sequence[Token], matches: list[NameMatch], kb: KnowledgeBase) -> list[NameMatch]:
    """The mentions with names built on a head noun in place of what they cover: a name inside one is
    no entity of its own. A name of the same type the KB knows over a longer span keeps that span."""
    starting: dict[int, list[NameMatch]] = {}  # by first token: the overlapping ones are found near, not searched for
    for m in matches:
        starting.setdefault(m.first, []).append(m)
    longest = max((m.last - m.first for m in matches), default=0)
    for found in find_head_names(text, tokens, matches, kb):
        overlapping = [m for k in range(found.first - longest + 1, found.last) for m in starting.get(k, ())
                       if found.first < m.last]
        if any(m.type == found.type and m.origin != "tagger" and (m.first < found.first or m.last > found.last)
               or m.origin == "kb" and m.first == found.first and m.type != found.type and not m.ambiguous
               for m in overlapping):
            continue  # (the second: «قناة السويس الجديدة» is the canal, whose KB name begins at the head)
        for m in overlapping:
            starting[m.first] = [x for x in starting[m.first] if x is not m]
        starting.setdefault(found.first, []).append(found)
        longest = max(longest, found.last - found.first)
    return sorted((m for k in sorted(starting) for m in starting[k]), key=lambda m: m.first)
