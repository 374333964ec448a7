"""Role and title phrases (الرئيس الروسي، وزير الخارجية، الجنرال) and appositive roles of a person.

The lexicon is `resources/ner/roles.tsv` (role, CAMEO agent code, kind). A role
phrase is a lexicon role, optionally after a modifier (نائب، مساعد), optionally
followed by a nisba adjective that names its country (الروسي → RUS).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..document import Token
from ..kb import KnowledgeBase
from ..resources import data_rows
from ..text.normalise import fold
from .mentions import ARTICLE, first_forms, source_offset

OFFICE, TITLE = "office", "title"
MODIFIERS = frozenset({"نائب", "النائب", "مساعد", "كبير"})  # نائب رئيس الوزراء: a role of its own
RELATIVES = frozenset({"الذي", "التي"})
COPULAS = frozenset({"يعتبر", "يعد", "تعتبر", "تعد", "هو", "هي", "كان", "كانت", "يشغل", "تشغل",
                     "يتولي", "تتولي", "شغل", "يراس", "تراس"})
POST_WORDS = frozenset({"منصب"})  # يشغل منصب …
# Words that end an appositive phrase: time expressions and clause openers.
PHRASE_STOPS = frozenset(fold(w) for w in (
    "اليوم", "أمس", "غدا", "صباح", "مساء", "الليلة", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء",
    "الخميس", "الجمعة", "السبت", "خلال", "حيث", "بعد", "قبل", "منذ", "عندما", "الذي", "التي", "الذين",
    "أن", "إن", "قال", "وقال", "أكد", "مع", "حسب", "وفق", "وفقا", "لدى", "أثناء", "عقب", "إثر"))
# A conjunct «و + one of these» starts a further role in an appositive phrase.
ROLE_HEADS = frozenset(fold(w) for w in (
    "نائب", "رئيس", "وزير", "عضو", "أمين", "مدير", "قائد", "مستشار", "سفير", "زعيم", "المتحدث", "الناطق",
    "مساعد", "كبير", "أحد", "ثاني", "ثالث"))
MAX_APPOSITIVE_WORDS = 12  # an apposition longer than this is a clause, not a role


@dataclass(slots=True, frozen=True)
class Role:
    words: tuple[str, ...]  # folded
    agent: str | None
    kind: str  # office | title


@dataclass(slots=True)
class RoleMatch:
    first: int  # token range [first, last)
    last: int
    start: int  # characters, proclitic excluded
    end: int
    key: str  # folded role words (with the nisba)
    head: str  # folded role words without the nisba
    agent: str | None
    country: str | None
    kind: str


@lru_cache(maxsize=1)
def role_lexicon() -> dict[str, tuple[Role, ...]]:
    """First word (with and without ال) -> roles starting with it, longest first."""
    index: dict[str, list[Role]] = {}
    for row in data_rows("ner/roles.tsv"):
        words = tuple(fold(row[0]).split())
        agent = row[1].strip() if len(row) > 1 and row[1].strip() else None
        kind = row[2].strip() if len(row) > 2 and row[2].strip() else TITLE
        role = Role(words, agent, kind)
        first = words[0]
        other = first[2:] if first.startswith(ARTICLE) else ARTICLE + first
        for key in (first, other):
            index.setdefault(key, []).append(role)
    return {k: tuple(sorted(v, key=lambda r: -len(r.words))) for k, v in index.items()}


def _role_at(tokens: Sequence[Token], i: int, forms: Sequence[str]) -> tuple[Role, int, str] | None:
    """(role, tokens used, first form) of the longest lexicon role at token i."""
    lex = role_lexicon()
    for form in forms:
        for role in lex.get(form, ()):
            n = len(role.words)
            if i + n <= len(tokens) and all(_same_word(tokens[i + k].norm, role.words[k]) for k in range(1, n)):
                return role, n, form
    return None


def _same_word(norm: str, word: str) -> bool:
    return norm == word or (norm.startswith(ARTICLE) and norm[2:] == word) or ARTICLE + norm == word


def find_roles(text: str, tokens: Sequence[Token], kb: KnowledgeBase) -> list[RoleMatch]:
    """Role phrases, left to right, not overlapping."""
    out: list[RoleMatch] = []
    i = 0
    while i < len(tokens):
        match = role_at(text, tokens, i, kb)
        if match is None:
            i += 1
            continue
        out.append(match)
        i = match.last
    return out


def role_at(text: str, tokens: Sequence[Token], i: int, kb: KnowledgeBase) -> RoleMatch | None:
    tok = tokens[i]
    if not tok.is_word:
        return None
    forms = first_forms(tok)
    skip = 0
    found = None
    modifier = next((f for f in forms if f.form in MODIFIERS), None)
    if modifier is not None and i + 1 < len(tokens):
        inner = _role_at(tokens, i + 1, [f.form for f in first_forms(tokens[i + 1])][:1])
        if inner is not None:
            role, n, form = inner
            found = (role, n + 1)
            words = [modifier.form, form, *(t.norm for t in tokens[i + 2:i + 1 + n])]
            skip = modifier.skip
    if found is None:
        hit = _role_at(tokens, i, [f.form for f in forms])
        if hit is None:
            return None
        role, n, form = hit
        found = (role, n)
        words = [form, *(t.norm for t in tokens[i + 1:i + n])]  # as written: «وزير خارجية كوبا» ≠ «وزير الخارجية»
        skip = next(f.skip for f in forms if f.form == form)
    role, n = found
    last = i + n
    head = " ".join(words)
    country = None
    if last < len(tokens) and tokens[last].is_word:
        nisba = next((c for c in (kb.nisba(f.form) for f in first_forms(tokens[last])[:2]) if c), None)
        if nisba is not None and not tokens[last].prefix:
            country = nisba.country
            words.append(tokens[last].norm)
            last += 1
    return RoleMatch(i, last, source_offset(text, tok.start, tok.end, skip), tokens[last - 1].end,
                     " ".join(words), head, role.agent, country, role.kind)


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
        if j < len(tokens) and tokens[j].norm in COPULAS:
            j += 1
        if j < len(tokens) and tokens[j].norm in POST_WORDS:
            j += 1
    elif j == after or role_at(text, tokens, j, kb) is None:
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
        starts_role = tok.prefix == "و" and (tok.stem in ROLE_HEADS or role_at(text, tokens, k, kb) is not None)
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
