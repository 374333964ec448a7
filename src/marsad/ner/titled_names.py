"""People named right after a title, which the tagger may miss: «الأمير بندر الفيصل», «المهندس فيصل الخراع».

A role phrase (an office, a rank or an honorific), then a word the name lists know as a given
name, then the name words that follow it (given names, family names, بن): a person, even when
neither the tagger nor the knowledge base knows them (name lists: `name_lists.py`).
"""
from __future__ import annotations

from collections.abc import Sequence

from ..document import RolePhrase, Token
from ..kb import KnowledgeBase
from ..kb.roles import OFFICE, is_role_word
from ..text.word_forms import AND_PREFIX, ARTICLE, IMPERFECT_PREFIXES, PATRONYMIC, attestation
from .mentions import NameMatch
from .name_lists import GIVEN, NAME_TOKEN_FLOOR, TOKEN, name_words

MAX_NAME_WORDS = 5
MIN_FOREIGN_LETTERS = 3
NISBA = "ي"
PRONOUN_SUFFIXES = ("هم", "ها", "هما", "ه")
FUNCTION_WORD_COUNT = 20_000  # a listed name token prose uses more than this (ما، من) is a function word
COMMON_WORD = 3000  # a given name prose uses this often as a word (أمل، سعيد) is a name only when the KB or tagger says


def titled_people(text: str, tokens: Sequence[Token], roles: Sequence[RolePhrase], matches: Sequence[NameMatch],
                  kb: KnowledgeBase) -> list[NameMatch]:
    """Persons after role phrases, where no other mention lies."""
    covered = {k for m in matches for k in range(m.first, m.last)}
    names = name_words()
    out: list[NameMatch] = []
    for r in roles:
        first = r.last
        if first >= len(tokens) or first in covered:
            continue
        foreign = not _given(tokens[first], names)
        if foreign and not (r.kind == OFFICE and first + 1 < len(tokens) and first + 1 not in covered
                            and _foreign(tokens[first], names) and _foreign(tokens[first + 1], names)):
            continue  # «الأمير بندر …», «المتحدثة بابالويا مبيندو»
        last = first + 2 if foreign else first + 1  # a foreign name is its two words
        while not foreign and last < len(tokens) and last - first < MAX_NAME_WORDS and last not in covered \
                and _name_word(tokens[last], names):
            last += 1
        while last - 1 > first and tokens[last - 1].norm in PATRONYMIC:
            last -= 1  # «فيصل بن» without the father's name ends before بن
        key = " ".join(t.norm for t in tokens[first:last])
        entries = tuple(e for e in kb.lookup(key) if e.type == "PERSON")
        out.append(NameMatch(first, last, tokens[first].start, tokens[last - 1].end, key, "PERSON", entries,
                             origin="titled", tagged=True))
        covered.update(range(first, last))
    return out


def _given(tok: Token, names: dict[str, frozenset[str]]) -> bool:
    """A listed given name as written (بندر, which prose splits as ب + ندر), without ال (الشريف is an epithet)."""
    return (tok.is_word and not tok.norm.startswith(ARTICLE) and GIVEN in names.get(tok.norm, ())
            and not is_role_word(tok.norm) and attestation(tok.norm) < COMMON_WORD)


def _foreign(tok: Token, names: dict[str, frozenset[str]]) -> bool:
    """A word prose does not use, unlisted or a world-name token, bare: a foreign name («بابالويا»), not the nisba of
    a word prose uses («تنظيمي», «نسائي»)."""
    word = tok.norm
    listed = TOKEN in names.get(word, ())
    return tok.is_word and not tok.prefix and not word.startswith(ARTICLE) and len(word) >= MIN_FOREIGN_LETTERS \
        and (attestation(word) == 0 or listed and attestation(word) <= NAME_TOKEN_FLOOR) \
        and names.get(word, frozenset({TOKEN})) <= {TOKEN} and not is_role_word(word) \
        and not (word.endswith(NISBA) and attestation(word[:-1]) > NAME_TOKEN_FLOOR) \
        and (listed or not (word[0] in IMPERFECT_PREFIXES or word.endswith(PRONOUN_SUFFIXES)))  # تتواصل، استبعادهم


def _name_word(tok: Token, names: dict[str, frozenset[str]]) -> bool:
    """A given or family name or بن, not a role word, not a function word that is also a listed name token
    (ما), not the و of the next item in a list."""
    if not tok.is_word or tok.prefix.startswith(AND_PREFIX) or is_role_word(tok.norm):
        return False
    return tok.norm in PATRONYMIC or (bool(names.get(tok.norm)) and attestation(tok.norm) <= FUNCTION_WORD_COUNT)
