"""The events stage: CAMEO events from their Arabic triggers, with source and target actors from the entities, the
date of their sentence, their place, and whether they are denied or reported inside a quote.

    from marsad.events.stage import EventStage
    doc = EventStage()(doc)        # after the entities, quotes and dates stages: fills doc.events

Precision first: an event needs a trigger and a named actor (or a group with its country); one the text puts in the
future or a condition («سوف يزور», «إذا هاجم») is left out; the same event told twice (base code, actors and date) is
one.
"""
from __future__ import annotations

import bisect

from ..document import Actor, Document, Event, Span, Token, inside
from ..mentions import MentionIndex, Named
from .actors import Shared, actors
from .clauses import feminine, opens_clause
from .groups import Group, proclitic
from .triggers import Trigger, forms, joined, present, trigger_at, triggers
from .words import ACTOR_REACH, CLAUSE_BREAKS, FUTURE, MAY, NEGATION, PLACE_BEFORE, RIGHT_BEFORE, SPORT

PLACE_TYPES = frozenset({"GPE", "LOC"})
FUTURE_PREFIX = "س"  # «سيزور»
LOOK_BACK = 3  # tokens before a trigger where a negation counts
FUTURE_REACH = 6  # tokens back in its clause where a word of the future or of a wish counts («يجب على كورودا أيضا حث»)
NO_EVENT = "-"  # the code of a phrase that is no event («دعا … الله»), or for an unarmed source («حشد المواطنين»)
ARMED = frozenset({"MIL", "REB", "COP", "SPY", "UAF", "IMG", "INS", "SEP"})  # CAMEO types of forces
CONFIDENCE = {2: 0.9, 1: 0.7}  # by the number of named actors
BOTH_SIDES = frozenset({"04", "05", "06"})  # roots whose events need a source and a target («استقبل وكيل الجامعة الطلاب»)


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
        date_spans = sorted((d.start, d.end) for d in doc.dates)
        dated_tokens = frozenset(k for d in doc.dates for k in range(bisect.bisect_left(index.starts, d.start),
                                                                     bisect.bisect_left(index.starts, d.end)))
        dated = [d for d in doc.dates if d.value is not None]
        dated_starts = [d.start for d in dated]
        seen: set[tuple] = set()
        read: set[int] = set()  # tokens a phrase has taken («غارات» of «شنت الطائرات غارات»)
        previous: tuple[int, Shared] | None = None  # the sentence and the source of the last event
        sport: dict[int, bool] = {}  # by sentence: whether it is about sport
        events = []
        for i, tok in enumerate(tokens):
            if i in read or not any(f in firsts for f in forms(tok)):
                continue
            k = bisect.bisect_right(sentence_starts, tok.start) - 1
            if k < 0:
                continue
            sentence = doc.sentences[k]
            first, last = bisect.bisect_left(index.starts, sentence.start), bisect.bisect_left(index.starts, sentence.end)
            if sport.setdefault(k, any((t.stem or t.norm) in SPORT for t in tokens[first:last])):
                continue  # «ورفض بلان التطرق إلى … المباراة المقبلة»: sport
            found = trigger_at(tokens, i, last)
            if found is None or self.unreal(tokens, i, first) or inside(date_spans, tok.start) or \
                    found.trigger.guard == "clause" and not opens_clause(tokens, index, i, first, dated_tokens):
                continue  # (not «فجر الجمعة», a date)
            trigger = found.trigger
            if trigger.code == NO_EVENT:
                continue  # «استقبل اليونانيون نبأ الاتفاق»: received the news
            read.update(found.taken)
            shared = previous if previous is not None and previous[0] == k else None
            source, target = (coded(a) for a in actors(tokens, index, found, i, first, last, dated_tokens,
                                                        shared[1] if shared else None))
            if not (known(source) or known(target)) or trigger.code[:2] in BOTH_SIDES and (source is None or target is None):
                continue  # (an actor needs a CAMEO code: «مستشفى الملك فهد» is none; a meeting needs two)
            if trigger.unarmed_code != trigger.code and source is None:
                continue  # «التي هاجم فيها روسيا»: an attack or a criticism, the attacker unnamed
            if source is not None and trigger.kind != "noun":
                previous = (k, Shared(source, feminine(tok)))
            code = trigger.unarmed_code if not armed(side(source).actor) else trigger.code
            if code == NO_EVENT:
                continue
            event = Event(code, side(source), side(target),
                          trigger=Span(tok.start + joined(tok), tokens[found.last].end),
                          sentence=Span(sentence.start, sentence.end),
                          negated=any(t.norm in NEGATION for t in tokens[max(first, i - LOOK_BACK):i]),
                          reported=inside(quotes, tok.start),
                          confidence=CONFIDENCE.get((source is not None) + (target is not None), 0.5))
            event.date_value, event.date_span = date_of(dated, dated_starts, doc.published, sentence, tok.start)
            if later(event.date_value, doc.published) and not past(tok, trigger):
                continue  # «خلال زيارة الدولة التي سيقوم بها إلى واشنطن في سبتمبر المقبل»: not yet
            event.place = place_of(tokens, index, first, last, i, [source, target])
            key = (code[:3], event.source.entity or event.source.actor, event.target.entity or event.target.actor,
                   event.date_value)
            if key not in seen:
                seen.add(key)
                events.append(event)
        doc.events = events
        return doc

    @staticmethod
    def unreal(tokens: list[Token], i: int, first: int) -> bool:
        """«سيزور», «سوف يلتقي», «إذا هاجم», «يعتزم زيارة», «ومن المقرر أن يجري محادثات», «قد تفرض»: not (yet) an
        event."""
        tok = tokens[i]
        if FUTURE_PREFIX in tok.prefix or i > 0 and tokens[i - 1].norm in RIGHT_BEFORE:
            return True
        if i > first and tokens[i - 1].norm in MAY and present(tok):
            return True
        for j in range(i - 1, max(first, i - FUTURE_REACH) - 1, -1):
            if tokens[j].norm in CLAUSE_BREAKS:
                return False
            if tokens[j].norm in FUTURE or (tokens[j].stem or tokens[j].norm) in FUTURE:
                return True
        return False


def coded(side: Named | Group | None) -> Named | Group | None:
    """An actor with a CAMEO code (its own, or its country's), else None."""
    if isinstance(side, Named) and not (side.entity.actor or side.entity.country):
        return None
    return side


def armed(code: str | None) -> bool:
    """Whether an actor code names a force: «SYRMIL», «IMGREB», «EGYCOP»."""
    return code is not None and any(code[k:k + 3] in ARMED for k in range(0, len(code), 3))


def known(side: Named | Group | None) -> bool:
    """A side that says who: a name, or a group with its country («الشرطة المصرية»; not «الشرطة» alone)."""
    return isinstance(side, Named) or isinstance(side, Group) and side.country is not None


def side(found: Named | Group | None) -> Actor:
    if found is None:
        return Actor(None, None)
    if isinstance(found, Group):
        return Actor(None, found.code)  # «المعارضة السورية»: SYROPP
    e = found.entity
    return Actor(e.id, e.actor or e.country)


def past(tok: Token, trigger: Trigger) -> bool:
    """A verb in the past tense (a past verb's event is past whatever date its sentence resolves to)."""
    return trigger.kind != "noun" and not present(tok)


def later(value: str | None, published: str | None) -> bool:
    """Whether an ISO prefix («2015-09», «2015-07-25», «2016») falls after the publication day."""
    if not value or not published or "W" in value:
        return False
    return value > published[:len(value)]


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
                tokens[j - 1].norm in PLACE_BEFORE or proclitic(tokens, index, j) == "ب"):
            return found.entity.id
    return None

