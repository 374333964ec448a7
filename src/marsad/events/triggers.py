"""Event triggers: the Arabic verbs, masdars and phrases of resources/events/triggers.tsv, looked up by a token's
matching form without its proclitics («والتقى» → التقى).

A phrase is adjacent words («أطلق النار»), or a verb and its object with the subject between («قطعت السعودية
العلاقات»), written «قطعت … العلاقات» in the table."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..document import Token
from ..resources import data_rows
from ..text.normalise import fold

CONJUNCTIONS = ("و", "ف")
OBJECT, PAIR = "obj", "pair"  # the target as the next name, or the second of two coordinated names
GAP = "…"  # in a phrase: the subject may stand here
GAP_REACH = 6  # tokens the subject between a verb and its object may take («فرضت الولايات المتحدة الأمريكية عقوبات»)


@dataclass(frozen=True, slots=True)
class Trigger:
    code: str
    unarmed_code: str  # the code when the source is named and bears no arms («هاجم الرئيس خصومه»: 111, not 190)
    targets: tuple[str, ...]  # prepositions that introduce the target, OBJECT or PAIR
    kind: str  # verb | noun | phrase | passive (the name after is the target) | either (active or passive)
    words: tuple[str, ...]  # the words after the first; GAP where a subject may stand
    guard: str  # "" | clause (only where a clause opens: «وطالب», not «طالب جامعي») | genitive (the source follows)


@dataclass(frozen=True, slots=True)
class Found:
    trigger: Trigger
    last: int  # the trigger's last token in the text (the verb alone when a subject stands between)
    after: int  # the first token after the words read: where the subject is looked for
    taken: range  # the tokens of the words after a subject (the object of «شنت طائرات التحالف غارات»)


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[Trigger]]:
    """First word -> its triggers, longest first."""
    table: dict[str, list[Trigger]] = {}
    for form, code, targets, kind, *guard in data_rows("events/triggers.tsv"):
        words = tuple(w if w == GAP else fold(w) for w in form.split())
        targets_folded = tuple(fold(t) for t in targets.split("|"))  # «إلى» as tokens hold it
        code, _, unarmed_code = code.partition("|")
        table.setdefault(words[0], []).append(Trigger(code, unarmed_code or code, targets_folded, kind, words[1:],
                                                      guard[0] if guard else ""))
    for entries in table.values():
        entries.sort(key=lambda t: -len(t.words))
    return table


def forms(tok: Token) -> tuple[str, ...]:
    """A token's forms to look a trigger up by: without proclitics, as written, and without a و or ف the tokenizer
    left on («وأدانت»)."""
    bare = tok.norm[1:] if tok.norm[:1] in CONJUNCTIONS and len(tok.norm) > 3 else tok.norm
    return tuple(dict.fromkeys((tok.stem or tok.norm, tok.norm, bare)))


def trigger_at(tokens: Sequence[Token], i: int, end: int) -> Found | None:
    """The trigger whose first word is token `i`, its other words before token `end` (the sentence's end)."""
    tok = tokens[i]
    for first in forms(tok):
        for trigger in triggers().get(first, ()):
            found = _match(tokens, i, end, trigger)
            if found is not None:
                return found
    return None


def _match(tokens: Sequence[Token], i: int, end: int, trigger: Trigger) -> Found | None:
    words = trigger.words
    if GAP not in words:
        rest = tuple(t.stem or t.norm for t in tokens[i + 1:i + 1 + len(words)])
        return Found(trigger, i + len(words), i + 1 + len(words), range(0)) if rest == words else None
    tail = words[words.index(GAP) + 1:]
    for j in range(i + 1, min(end - len(tail), i + 1 + GAP_REACH) + 1):
        if tuple(t.stem or t.norm for t in tokens[j:j + len(tail)]) == tail:
            return Found(trigger, i + len(tail), j + len(tail), range(0)) if j == i + 1 else \
                Found(trigger, i, i + 1, range(j, j + len(tail)))
    return None


def joined(tok: Token) -> int:
    """1 when a و or ف is written onto the trigger («وأدانت»), else 0 (also for a word that begins with one,
    «فتحت», «وقع»): the trigger's span leaves it out."""
    table = triggers()
    if tok.norm in table:
        return 0
    if tok.prefix[:1] in CONJUNCTIONS:
        return 1
    return int(tok.norm[:1] in CONJUNCTIONS and (tok.stem or tok.norm) not in table)


def present(tok: Token) -> bool:
    """Whether a trigger's word is in the present tense: «يدين», or «تدين» beside «يدين» in the table (not «تعهد»,
    «تظاهر»: past forms that begin with ت)."""
    table = triggers()
    word = tok.norm if tok.norm in table else tok.stem or tok.norm  # («فتحت» as written, not «تحت»)
    return word[:1] == "ي" or word[:1] == "ت" and "ي" + word[1:] in table
