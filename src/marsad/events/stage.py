"""The events stage: CAMEO events from their Arabic triggers, with source and target actors from the entities, the
date of their sentence, their place, and whether they are denied or reported inside a quote.

    from marsad.events.stage import EventStage
    doc = EventStage()(doc)        # after the entities, quotes and dates stages: fills doc.events

Precision first: an event needs a trigger and a named actor; one the text puts in the future or a condition («سوف
يزور», «إذا هاجم») is left out; the same event told twice (code, actors and date) is one.
"""
from __future__ import annotations

import bisect

from ..document import Actor, Document, Entity, Event, Span, Token, inside
from ..mentions import MentionIndex, Named
from ..resources import data_rows
from ..text.normalise import fold
from ..text.word_forms import folded_word_lists
from .triggers import CONJUNCTIONS, OBJECT, PAIR, Trigger, forms, trigger_at, triggers

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
SUBJECT_WINDOW = 6  # tokens after a trigger in which its subject begins («التقى الرئيس الروسي فلاديمير بوتين»)
TARGET_WINDOW = 8  # tokens after the subject (or the trigger) in which the target begins
PREPOSITION_PROCLITICS = ("ب", "ل")  # «بالجنرال», «لموسكو»
FUTURE_PREFIX = "س"  # «سيزور»
LOOK_BACK = 3  # tokens before a trigger where a negation or a word of the future counts
ACTOR_REACH = 12  # tokens before (or around) a trigger where its subject, its pair or its place may be
CONFIDENCE = {2: 0.9, 1: 0.7}  # by the number of named actors
BOTH_SIDES = frozenset({"04", "05", "06"})  # roots whose events need a source and a target («استقبل وكيل الجامعة الطلاب»)

_WORDS = folded_word_lists("events/words.tsv")
NEGATION = _WORDS["negation"]
FUTURE = _WORDS["future"]
PLACE_BEFORE = _WORDS["place_before"]
PREPOSITIONS = _WORDS["preposition"]
RIGHT_BEFORE = _WORDS["right_before"]
_ACTOR_WORDS = {fold(word): code for word, code in data_rows("events/actor-words.tsv")}


class EventStage:
    """Doc -> doc: fills `doc.events`, in text order."""

    name = "events"
    requires = ("tokens", "sentences", "entities", "quotes", "dates")
    provides = ("events",)

    def __call__(self, doc: Document) -> Document:
        tokens = doc.tokens
        index = MentionIndex(doc)
        firsts = triggers()
        sentence_starts = [s.start for s in doc.sentences]
        quotes = sorted((q.start, q.end) for q in doc.quotes)
        dated = [d for d in doc.dates if d.value is not None]
        dated_starts = [d.start for d in dated]
        seen: set[tuple] = set()
        events = []
        for i, tok in enumerate(tokens):
            if not any(f in firsts for f in forms(tok)):
                continue
            trigger = trigger_at(tokens, i)
            if trigger is None or self.unreal(tokens, i):
                continue
            k = bisect.bisect_right(sentence_starts, tok.start) - 1
            if k < 0:
                continue
            sentence = doc.sentences[k]
            first, last = bisect.bisect_left(index.starts, sentence.start), bisect.bisect_left(index.starts, sentence.end)
            source, target = (coded(a) for a in actors(tokens, index, trigger, i, first, last))
            if source is None and target is None or trigger.code[:2] in BOTH_SIDES and (source is None or target is None):
                continue  # (an actor needs a CAMEO code: «مستشفى الملك فهد» is none; a meeting needs two)
            event = Event(trigger.code, side(source), side(target),
                          trigger=Span(tok.start + joined(tok), tokens[i + trigger.length - 1].end),
                          sentence=Span(sentence.start, sentence.end),
                          negated=any(t.norm in NEGATION for t in tokens[max(first, i - LOOK_BACK):i]),
                          reported=inside(quotes, tok.start),
                          confidence=CONFIDENCE.get((source is not None) + (target is not None), 0.5))
            event.date_value, event.date_span = date_of(dated, dated_starts, doc.published, sentence, tok.start)
            event.place = place_of(tokens, index, first, last, i, [source, target])
            key = (trigger.code[:2], event.source.entity, event.target.entity, event.date_value)
            if key not in seen:
                seen.add(key)
                events.append(event)
        doc.events = events
        return doc

    @staticmethod
    def unreal(tokens: list[Token], i: int) -> bool:
        """«سيزور», «سوف يلتقي», «إذا هاجم», «يعتزم زيارة»: not (yet) an event."""
        return (FUTURE_PREFIX in tokens[i].prefix or any(t.norm in FUTURE for t in tokens[max(0, i - LOOK_BACK):i])
                or i > 0 and tokens[i - 1].norm in RIGHT_BEFORE)


def joined(tok: Token) -> int:
    """1 when a و or ف is written onto the trigger («وأدانت»), else 0: the trigger's span leaves it out."""
    if tok.prefix[:1] in CONJUNCTIONS:
        return 1
    table = triggers()
    return int(tok.norm[:1] in CONJUNCTIONS and tok.norm not in table and (tok.stem or tok.norm) not in table)


def coded(named: Named | str | None) -> Named | str | None:
    """An actor with a CAMEO code (its own, or its country's), else None."""
    if isinstance(named, Named) and not (named.entity.actor or named.entity.country):
        return None
    return named


def side(named: Named | Entity | str | None) -> Actor:
    if named is None:
        return Actor(None, None)
    if isinstance(named, str):
        return Actor(None, named)  # «الغرب»: WST
    e = named.entity if isinstance(named, Named) else named
    return Actor(e.id, e.actor or e.country)


def actors(tokens: list[Token], index: MentionIndex, trigger: Trigger, i: int, first: int, last: int):
    """(source, target) of the trigger at token `i`, within the sentence's tokens [first, last)."""
    after = i + trigger.length
    if PAIR in trigger.targets:
        return pair(tokens, index, i, after, first, last)
    if trigger.kind == "noun":  # «زيارة وزير الدفاع الأمريكي أشتون كارتر لإسرائيل», «أعربت روسيا عن دعمها لبكين»
        source = subject_after(tokens, index, after, last)
        if source is not None and source.entity.type == "GPE" and OBJECT not in trigger.targets:
            return last_before(tokens, index, i, first), source  # «زيارة قطاع غزة»: the place visited
        source = source or last_before(tokens, index, i, first)
        start = source.last + 1 if source is not None and source.first >= after else after
    else:  # «بوتين التقى», «وأوباما لم يزر كينيا» (subject first), else «التقى الرئيس الروسي فلاديمير بوتين …»
        source = last_before(tokens, index, i, first, right_before=True) or subject_after(tokens, index, after, last)
        start = source.last + 1 if source is not None and source.first >= after else after
    target = target_after(tokens, index, trigger, start, last)
    if isinstance(target, Named) and source is not None and target.entity is source.entity:
        target = None
    return source, target


def mention_at(index: MentionIndex, j: int) -> Named | None:
    found = index.beginning.get(j)
    return found if found is not None and found.entity.type in ACTOR_TYPES else None


def subject_after(tokens: list[Token], index: MentionIndex, after: int, last: int) -> Named | None:
    """The first name after a verb that no preposition governs (Arabic puts the verb first)."""
    for j in range(after, min(last, after + SUBJECT_WINDOW)):
        governed = tokens[j].prefix[-1:] in PREPOSITION_PROCLITICS and tokens[j].prefix != ""
        found = mention_at(index, j)
        if found is not None:
            return None if governed else found
        if governed or j not in index.in_roles:
            return None  # «تتبادل مع الصين», «التقى بالرئيس الروسي …», «وزار خلال جولته مركز …»: no subject here
    return None


def last_before(tokens: list[Token], index: MentionIndex, i: int, first: int, right_before: bool = False) -> Named | None:
    """The name just before the trigger («بوتين التقى»), or the last one before it in the sentence (the subject of
    «أعربت روسيا عن دعمها»)."""
    end = i - 1
    while end > first and tokens[end].norm in NEGATION:
        end -= 1  # «وأوباما لم يزر كينيا»
    for j in range(end, max(first, i - ACTOR_REACH) - 1, -1):
        found = index.ending.get(j)
        if found is not None and found.entity.type in ACTOR_TYPES and tokens[found.first].prefix not in PREPOSITION_PROCLITICS \
                and not (found.first > first and tokens[found.first - 1].norm in PREPOSITIONS):
            return found  # (not «في موسكو التقى»)
        if right_before and j < end:
            return None
    return None


def target_after(tokens: list[Token], index: MentionIndex, trigger: Trigger, start: int, last: int
                 ) -> Named | str | None:
    """The target: a name after one of the trigger's prepositions («بالجنرال», «مع الصين», «إلى بكين»), or the next
    name with none («زار شي موسكو»)."""
    via = ""  # the preposition that governs the words since: «بالرئيس الروسي فلاديمير بوتين», «مع الصين»
    for j in range(start, min(last, start + TARGET_WINDOW)):
        tok = tokens[j]
        if tok.norm in PREPOSITIONS:
            via = tok.norm
            continue
        if tok.prefix[-1:] in PREPOSITION_PROCLITICS and tok.prefix:
            via = tok.prefix[-1:]
        found = mention_at(index, j)
        if found is None:
            if OBJECT in trigger.targets and not via and (code := _ACTOR_WORDS.get(tok.stem or tok.norm)):
                return code  # «أدانت الصين العقوبات الغربية»: the West
            continue
        if via in trigger.targets or OBJECT in trigger.targets and not via:
            return found
    return None


def pair(tokens: list[Token], index: MentionIndex, i: int, after: int, first: int, last: int):
    """Two coordinated names, after the trigger («التقيا …») or before it («أجرت روسيا والصين … المناورات»)."""
    for j in [*range(after, min(last, after + SUBJECT_WINDOW)), *range(i - 1, max(first, i - ACTOR_REACH) - 1, -1)]:
        one = mention_at(index, j)
        if one is None:
            continue
        other = mention_at(index, one.last + 1)
        if other is not None and tokens[one.last + 1].prefix.startswith("و") and other.entity is not one.entity:
            return one, other
    return None, None


def date_of(dated: list, starts: list[int], published: str | None, sentence: Span, at: int
            ) -> tuple[str | None, Span | None]:
    """The date expression of the sentence nearest the trigger that has a value (`dated`, in text order, and their
    `starts`), else the publication day."""
    k = bisect.bisect_left(starts, at)
    near = [d for d in dated[max(0, k - 1):k + 1] if sentence.start <= d.start < sentence.end]
    if near:
        d = min(near, key=lambda d: abs(d.start - at))
        return d.value, Span(d.start, d.end)
    return published, None


def place_of(tokens: list[Token], index: MentionIndex, first: int, last: int, at: int, actors: list) -> str | None:
    """A place named after «في» near the trigger (token `at`) in its sentence that is no actor of the event."""
    taken = {a.entity.id for a in actors if isinstance(a, Named)}
    for j in range(max(first + 1, at - ACTOR_REACH), min(last, at + ACTOR_REACH)):
        found = index.beginning.get(j)
        if found is not None and found.entity.type in PLACE_TYPES and found.entity.id not in taken and (
                tokens[j - 1].norm in PLACE_BEFORE or tokens[j].prefix == "ب"):
            return found.entity.id
    return None

