"""Roles and titles: the lexicon (الرئيس، وزير الخارجية، الجنرال, with CAMEO agent codes) and the role
phrases and appositions that name them in a text, for every analysis.

The lexicon is `resources/kb/roles.tsv` (role, CAMEO agent code, kind). A role
phrase is a lexicon role, optionally after a modifier (نائب، مساعد), optionally
followed by a nisba adjective that names its country (الروسي → RUS), then by السابق for a former
role. Its kind is office, title (a rank) or honorific (الدكتور، الشيخ: a form of address, no role). The
words around role phrases are lists in `resources/kb/role-words.tsv`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..document import RolePhrase, Token
from ..resources import data_rows
from ..text.normalise import fold
from ..text.word_forms import FORMS_KEPT, AND_PREFIX, ARTICLE, FirstForm, first_forms, first_forms_of, folded_word_lists, source_offset, strip_article, toggle_article
from .knowledge_base import KnowledgeBase

OFFICE, TITLE, HONORIFIC = "office", "title", "honorific"
_WORDS = folded_word_lists("kb/role-words.tsv")
MODIFIERS = _WORDS["modifier"]  # نائب رئيس الوزراء: a role of its own
RELATIVES = _WORDS["relative"]
COPULAS = _WORDS["copula"]
POST_WORDS = _WORDS["post"]  # يشغل منصب …
PHRASE_STOPS = _WORDS["stop"]  # words that end an appositive phrase: time expressions and clause openers
CONJUNCT_HEADS = _WORDS["conjunct_head"]
ROLE_PREPOSITIONS = _WORDS["preposition"]  # «سفير … لدى مصر»: inside an office, before what it serves
FORMER = _WORDS["former"]  # الرئيس السابق
RANK_QUALIFIERS = _WORDS["rank_qualifier"]  # العقيد ركن
INFLECTED = _WORDS["inflected"]  # لاعب: also لاعبه، لاعبيه، اللاعبان، لاعبو
RANK_NOUNS = _WORDS["rank_noun"]  # الفريق "the team", اللواء "the brigade": after a role, what it serves
ROLE_ADJECTIVES = _WORDS["role_adjective"]  # الإعلامي، الرسمي: after a role, part of it
ROLE_ENDINGS = ("ه", "يه", "ها", "ان", "ين", "ي", "و")
PLURAL_ENDINGS = ("يه", "ان", "ين", "ي", "و")  # a role of two or more: every name of the list after it holds it
PRONOUN_ENDINGS = ("ه", "يه", "ها")
NOT_ROLES_AS_WRITTEN = frozenset(row[1] for row in data_rows("kb/role-words.tsv") if row[0] == "written")  # أمام
MILITARY = "MIL"
MAX_APPOSITIVE_WORDS = 12  # an apposition longer than this is a clause, not a role


@dataclass(slots=True, frozen=True)
class Role:
    words: tuple[str, ...]  # folded
    agent: str | None
    kind: str  # office | title


@lru_cache(maxsize=1)
def role_lexicon() -> dict[str, tuple[Role, ...]]:
    """First word (with and without ال) -> roles starting with it, longest first."""
    index: dict[str, list[Role]] = {}
    for row in data_rows("kb/roles.tsv"):
        words = tuple(fold(row[0]).split())
        agent = row[1].strip() if len(row) > 1 and row[1].strip() else None
        kind = row[2].strip() if len(row) > 2 and row[2].strip() else TITLE
        role = Role(words, agent, kind)
        first = words[0]
        keys = [first, toggle_article(first)]
        if len(words) == 1 and strip_article(first) in INFLECTED:
            # «لاعبه», «لاعبيه», «اللاعبان», «لاعبي الوسط»: the role with a pronoun or as a dual or plural
            keys += [k + ending for k in keys[:2] for ending in ROLE_ENDINGS]
        for key in keys:
            index.setdefault(key, []).append(role)
    # longest first; of two as long, the one written as the key is (أمير a governor, الأمير a prince's title)
    return {k: tuple(sorted(v, key=lambda r: (-len(r.words), r.words[0] != k))) for k, v in index.items()}


@lru_cache(maxsize=1)
def _role_starts() -> frozenset[str]:
    """Every form a role phrase can begin with: a role's first word or a modifier."""
    return frozenset(role_lexicon()) | MODIFIERS


@lru_cache(maxsize=FORMS_KEPT)
def _may_start_role(norm: str, prefix: str, stem: str) -> bool:
    """Whether a token's first forms include a role's first word or a modifier (one look-up a token)."""
    starts = _role_starts()
    return norm[:1].isalpha() and any(f.form in starts for f in first_forms_of(norm, prefix, stem))


def with_pronoun(key: str) -> bool:
    """«لاعبه», «لاعبيه»: a role with a pronoun, which governs no genitive."""
    return _inflected(key.split()[-1], PRONOUN_ENDINGS)


def is_plural_role(key: str) -> bool:
    """«اللاعبان», «لاعبيه»: a role that two or more hold, the names of a list after it."""
    return _inflected(key.split()[0], PLURAL_ENDINGS)


def _inflected(word: str, endings: tuple[str, ...]) -> bool:
    return any(word.endswith(e) and strip_article(word[:-len(e)]) in INFLECTED for e in endings)


def is_role_word(form: str) -> bool:
    """A matching form that begins a lexicon role (الرئيس، وزير), with or without ال."""
    return form in role_lexicon()


@dataclass(slots=True)
class RoleHit:
    """The longest lexicon role at a token: the role, how many tokens it spans, the first token's form."""

    role: Role
    length: int
    form: str


def _role_at(tokens: Sequence[Token], i: int, forms: Sequence[str]) -> RoleHit | None:
    lex = role_lexicon()
    for form in forms:
        for role in lex.get(form, ()):
            n = len(role.words)
            if i + n <= len(tokens) and all(_same_word(tokens[i + k].norm, role.words[k]) for k in range(1, n)):
                return RoleHit(role, n, form)
    return None


def _same_word(norm: str, word: str) -> bool:
    return word in (norm, strip_article(norm), ARTICLE + norm)


@dataclass(slots=True)
class _RoleWords:
    hit: RoleHit
    words: list[str]  # folded, as written
    skip: int  # proclitic letters of the first token left out of the phrase


def find_role_phrases(text: str, tokens: Sequence[Token], kb: KnowledgeBase) -> list[RolePhrase]:
    """Role phrases, left to right, not overlapping."""
    out: list[RolePhrase] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        match = role_phrase_at(text, tokens, i, kb) if _may_start_role(tok.norm, tok.prefix, tok.stem) else None
        if match is None:
            i += 1
            continue
        if out and out[-1].last == i and out[-1].kind != HONORIFIC and match.head in RANK_NOUNS:
            match = _governing(out.pop(), match)  # «طبيب الفريق»: the team's doctor, no lieutenant general
        out.append(match)
        i = match.last
    return out


def _governing(role: RolePhrase, noun: RolePhrase) -> RolePhrase:
    """A role phrase with the rank-like noun after it as its genitive («إداري الفريق», «قائد اللواء»)."""
    return RolePhrase(role.start, noun.end, role.first, noun.last, f"{role.key} {noun.key}", f"{role.head} {noun.head}",
                      role.agent, noun.country or role.country, role.kind, noun.former)


def role_phrase_at(text: str, tokens: Sequence[Token], i: int, kb: KnowledgeBase) -> RolePhrase | None:
    """The role phrase that starts at token i, if one does."""
    tok = tokens[i]
    if not _may_start_role(tok.norm, tok.prefix, tok.stem) or text[tok.start:tok.end][len(tok.prefix):] in NOT_ROLES_AS_WRITTEN:
        return None
    forms = first_forms(tok)
    modifier = next((f for f in forms if f.form in MODIFIERS), None)
    found = _modified_role(tokens, i, modifier) if modifier is not None else None
    if found is None:
        hit = _role_at(tokens, i, [f.form for f in forms])
        if hit is None:
            return None
        words = [hit.form, *(t.norm for t in tokens[i + 1:i + hit.length])]  # «وزير خارجية كوبا» ≠ «وزير الخارجية»
        found = _RoleWords(hit, words, next(f.skip for f in forms if f.form == hit.form))
    hit, words = found.hit, found.words
    last = i + hit.length
    head = " ".join(words)
    country = None
    if last < len(tokens) and tokens[last].is_word:
        nisba = next((c for c in (kb.nisba(f.form) for f in first_forms(tokens[last])[:2]) if c), None)
        if nisba is not None and not tokens[last].prefix and not kb.names_own_country(tokens[last].norm):
            country = nisba.country
            words.append(tokens[last].norm)
            last += 1
    while last < len(tokens) and tokens[last].norm in ROLE_ADJECTIVES and hit.role.kind != HONORIFIC \
            and words[-1] != tokens[last].norm:
        words.append(tokens[last].norm)  # «المستشار الإعلامي», «المسؤول المحلي», «الكاتب الصحفي»
        last += 1
    if hit.role.agent == MILITARY and last < len(tokens) and tokens[last].norm in RANK_QUALIFIERS:
        words.append(tokens[last].norm)  # «العقيد ركن», «الملازم طيار»
        last += 1
    former = last < len(tokens) and tokens[last].norm in FORMER
    if former:
        last += 1  # «الرئيس السابق علي عبد الله صالح»
    return RolePhrase(source_offset(text, tok.start, tok.end, found.skip), tokens[last - 1].end, i, last,
                      " ".join(words), head, hit.role.agent, country, hit.role.kind, former)


def _modified_role(tokens: Sequence[Token], i: int, modifier: FirstForm) -> _RoleWords | None:
    """«نائب/مساعد + role»: a role of its own."""
    if i + 1 >= len(tokens):
        return None
    inner = _role_at(tokens, i + 1, [f.form for f in first_forms(tokens[i + 1])][:1])
    if inner is None:
        return None
    words = [modifier.form, inner.form, *(t.norm for t in tokens[i + 2:i + 1 + inner.length])]
    return _RoleWords(RoleHit(inner.role, inner.length + 1, modifier.form), words, modifier.skip)


@dataclass(slots=True, frozen=True)
class Appositive:
    start: int
    end: int


def appositive_roles(text: str, tokens: Sequence[Token], after: int, kb: KnowledgeBase) -> list[Appositive]:
    """Roles in an apposition right after a person's name: «، الذي يعتبر ثاني أعلى مسؤول عسكري في الصين
    ونائب رئيس لجنة …» or «، وزير الخارجية السعودي،»."""
    j = after
    if j < len(tokens) and tokens[j].norm in ("،", ","):
        j += 1
    if j >= len(tokens):
        return []
    relative = tokens[j].norm in RELATIVES
    if relative:
        j += 1
        opened = j
        while j < len(tokens) and tokens[j].norm in COPULAS and j - opened < 2:
            j += 1  # «الذي كان يشغل»
        if j < len(tokens) and tokens[j].norm in POST_WORDS:
            j += 1
        if j == opened and (j >= len(tokens) or role_phrase_at(text, tokens, j, kb) is None):
            return []  # «، الذي صدر ضده حكم»: a clause that says what he did, not what he is
    elif j == after or role_phrase_at(text, tokens, j, kb) is None:
        return []  # without a relative clause, only «، ROLE …» counts
    phrase: list[int] = []
    for k in range(j, min(len(tokens), j + MAX_APPOSITIVE_WORDS)):
        tok = tokens[k]
        if not tok.is_word or tok.norm in PHRASE_STOPS:
            break
        phrase.append(k)
    else:
        if not relative:
            return []  # an apposition closes with a mark
    groups: list[list[int]] = []
    for k in phrase:
        tok = tokens[k]
        starts_role = (tok.prefix == AND_PREFIX and (tok.stem in CONJUNCT_HEADS or role_phrase_at(text, tokens, k, kb) is not None)) \
            or (not tok.prefix and tok.norm in CONJUNCT_HEADS and tokens[k - 1].norm.startswith(ARTICLE))
        # «الرئيس العام لرعاية الشباب رئيس اللجنة الأولمبية»: a new office after a complete one
        if not groups or (starts_role and len(groups[-1]) > 0):
            groups.append([])
        groups[-1].append(k)
    out = []
    for group in groups:
        if not group:
            continue
        first = tokens[group[0]]
        skip = len(first.prefix) if first.prefix and first.norm == first.prefix + first.stem and group is not groups[0] else 0
        out.append(Appositive(source_offset(text, first.start, first.end, skip), tokens[group[-1]].end))
    return out
