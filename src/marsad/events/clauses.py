"""Where a clause opens, and when a verb's form is its masdar: what decides whether the name around a trigger is its
subject."""
from __future__ import annotations

from ..document import Token
from ..mentions import MentionIndex
from .groups import group_ending
from .triggers import CONJUNCTIONS, joined
from .words import CAUSES, CLAUSE_OPENERS, NEGATION, PREPOSITION_PROCLITICS, PREPOSITIONS, PUNCTUATION


def opens_clause(tokens: list[Token], index: MentionIndex, i: int, first: int, dated: frozenset[int] = frozenset()
                 ) -> bool:
    """Whether the trigger at `i` begins a clause: the sentence's first word, written with و or ف («وطالب»), after
    a clause word, a comma or a date («ويوم الثلاثاء 27 يناير، استقبل»), or right after its subject («الحكومة
    رفضت»); not «طالب جامعي», «بتهمة قتل», «تسيبراس ناشد روسيا»."""
    tok = tokens[i]
    if i == first or tok.prefix[:1] in CONJUNCTIONS or joined(tok):
        return True
    before = word_before(tokens, i, first)
    prev = tokens[before]
    return (prev.stem or prev.norm) in CLAUSE_OPENERS or prev.norm in CLAUSE_OPENERS or prev.norm in PUNCTUATION \
        or before in dated or prev.norm.isdigit() or index.ending.get(before) is not None \
        or any(c in PUNCTUATION for c in index.text[prev.end:tok.start]) \
        or group_ending(tokens, index, before, first, i) is not None or index.role_ending.get(before) is not None


def word_before(tokens: list[Token], i: int, first: int) -> int:
    """The token before the trigger at `i`, past the negations between («وأوباما لم يزر»: وأوباما)."""
    before = i - 1
    while before > first and tokens[before].norm in NEGATION:
        before -= 1
    return before


def as_masdar(tokens: list[Token], i: int, first: int) -> bool:
    """A verb's form read as its masdar: written with ب or ل («بقصف»), or after a preposition or a word of cause
    («في قصف», «جراء قصف قوات النظام»); so too where no clause opens («إعادة فرض عقوبات», «تسيبراس ناشد روسيا»):
    its source is the name after it, never one before, and without one there is no event."""
    tok = tokens[i]
    if tok.prefix[-1:] in PREPOSITION_PROCLITICS:
        return True
    return i > first and (tokens[i - 1].stem or tokens[i - 1].norm) in PREPOSITIONS | CAUSES


def feminine(tok: Token) -> bool:
    """A verb of the feminine: «أدانت», «اتهمت» (the past), «تدين» (the present)."""
    word = tok.stem or tok.norm
    return word.endswith("ت") or word.startswith("ت")
