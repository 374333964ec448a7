"""Who said it, and to whom: the named subject after the cue (Arabic puts the verb first: «وقال الرئيس الروسي»)
or just before it («بوتين قال»); with none («وأضاف:», «وأكد أنه …»), the speaker of the last statement whose
cue agrees in gender (أضاف / أضافت). The addressee is a name with ل right after («وقال بوتين لتشانج»)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Document, Entity, Mention, Span, Token
from ..text.normalise import fold
from .cues import NOT_SUBJECT, RELATIVE, cue_of, is_complementizer
from .spans import QUOTE_MARKS, SENTENCE_FINAL, MentionIndex, Named

SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE"})
SUBJECT_WINDOW = 5  # tokens after a cue in which its subject begins («وقال وزير الخارجية السعودي عادل الجبير»)
ADDRESSEE_PREFIX = "ل"  # «لتشانج»
CARRY_TOKENS = 250  # a speaker carries over to a cue with no subject this many tokens on, not to a later story


@dataclass(slots=True)
class Said:
    speaker: Entity | None
    mention: Mention | None  # the words that name the speaker here; None when carried over
    addressee: Entity | None
    unnamed: Span | None = None  # «وقال علماء إن»: a subject that is no entity


def subject(tokens: Sequence[Token], c: int, index: MentionIndex, stop: int) -> Named | None:
    """The speaker named after the cue (before token `stop`, where the words said begin), else right before it."""
    for j in range(c + 1, min(stop, c + 1 + SUBJECT_WINDOW)):
        tok = tokens[j]
        if tok.norm in SENTENCE_FINAL or tok.norm in QUOTE_MARKS or tok.norm == ":" or is_complementizer(tok):
            break
        found = index.beginning.get(j)
        if found is not None and found.entity.type in SPEAKER_TYPES and tok.prefix != ADDRESSEE_PREFIX:
            return found
    before = c - 1
    if before > 0 and tokens[before].norm in RELATIVE:  # «النائب محمد ساندو، الذي قال»: the name before
        before -= 2 if before > 1 and tokens[before - 1].norm in ("،", ",") else 1
    found = index.ending.get(before)
    return found if found is not None and found.entity.type in SPEAKER_TYPES else None


def addressee(tokens: Sequence[Token], after: int, index: MentionIndex) -> Entity | None:
    """A name with ل right after the speaker (or the cue): «وقال بوتين لتشانج» (not «الشركة المملوكة لمجموعة …»)."""
    j = after + 1
    if j < len(tokens) and tokens[j].prefix == ADDRESSEE_PREFIX and (found := index.beginning.get(j)):
        return found.entity if found.entity.type in SPEAKER_TYPES else None
    return None


class Speakers:
    """Speakers in text order, remembering the last one named for each gender of cue."""

    def __init__(self, doc: Document, index: MentionIndex) -> None:
        self.tokens = doc.tokens
        self.text = doc.text
        self.index = index
        self.last: dict[str, tuple[Entity, int]] = {}  # gender of cue -> the last speaker named, and their cue

    def statement(self, c: int) -> None:
        """A cue that introduces no quote («أكد بوتين على …») still names who speaks next."""
        found = subject(self.tokens, c, self.index, len(self.tokens))
        cue = cue_of(self.tokens[c])
        if found is not None and cue is not None:
            self.last[cue.gender] = (found.entity, c)

    def of(self, c: int, stop: int) -> Said:
        """Speaker and addressee of the quote the cue at token `c` introduces, its words beginning at token `stop`."""
        cue = cue_of(self.tokens[c])
        gender = cue.gender if cue is not None else "m"
        found = subject(self.tokens, c, self.index, stop)
        if found is not None:
            self.last[gender] = (found.entity, c)
            return Said(found.entity, found.mention, addressee(self.tokens, max(found.last, c), self.index))
        unnamed = unnamed_subject(self.tokens, c, stop)
        last = self.last.get(gender)
        carried = last[0] if last is not None and c - last[1] <= CARRY_TOKENS else None
        if unnamed is not None:
            # «وأضاف النائب:» after «النائب محمد ساندو»: a role of the last speaker names them again
            if carried is not None and holds_role(carried, self.text[unnamed.start:unnamed.end]):
                return Said(carried, Mention(unnamed.start, unnamed.end), None)
            return Said(None, None, None, unnamed)
        return Said(carried, None, addressee(self.tokens, c, self.index))


def holds_role(entity: Entity, words: str) -> bool:
    """The words are one of the entity's roles, or the head of one («النائب» of «النائب عن ولاية يوبي»)."""
    key = fold(words)
    return any(fold(r) == key or fold(r).startswith(key + " ") for r in (*entity.roles, *entity.former_roles))


def unnamed_subject(tokens: Sequence[Token], c: int, stop: int) -> Span | None:
    """The words of a subject that names no entity («علماء», «المصادر», «مصدر مطلع»), between the cue and the
    words said; None when nothing there names anyone («وأضاف:», «وأكد لاحقا أنه»)."""
    words = [t for t in tokens[c + 1:min(stop, c + 1 + SUBJECT_WINDOW)] if t.is_word]
    if not words or words[0].norm in NOT_SUBJECT or words[0].stem in NOT_SUBJECT or words[0].prefix == ADDRESSEE_PREFIX:
        return None
    named = [t for t in words if t.norm not in NOT_SUBJECT and t.prefix != ADDRESSEE_PREFIX]
    return Span(named[0].start, named[-1].end) if named else None
