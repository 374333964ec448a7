"""Who did it and to whom: an event's source and target, from the names of the entity layer or an unnamed group
(events/groups.py), in verb-first and subject-first order, after a preposition, coordinated, shared by verbs joined
by و, or in the passive."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..document import Token
from ..mentions import MentionIndex, Named
from .clauses import as_masdar, feminine, opens_clause, word_before
from .groups import (Group, after_title, group_at, group_ending, is_actor, is_country, mention_at, proclitic,
                     title_holder)
from .triggers import CONJUNCTIONS, OBJECT, PAIR, Found
from .words import (ACTOR_REACH, AGENT_MARKERS, CLAUSE_BREAKS, COUNTS, LIGHT_VERBS, MANNER, OWNED,
                    PREPOSITION_PROCLITICS, PREPOSITIONS, ROLE_COMPLEMENT, SUBJECT_WINDOW, TARGET_WINDOW)

LIGHT_VERB_REACH = 24  # tokens back to «قام» across its subject's names and titles
PAIR_REACH = 6  # tokens before a noun where its coordinated subjects may end («أجرت روسيا والصين مناورات»)
PASSIVE_MARK = "\u064f"  # a damma on a verb's first letter: «قُتل» is the passive


Side = Named | Group | None


@dataclass(frozen=True, slots=True)
class Shared:
    """The source of a sentence's last event and the gender of its verb, for a verb joined to it by و."""
    source: Named | Group
    feminine: bool


def actors(tokens: list[Token], index: MentionIndex, found: Found, i: int, first: int, last: int,
           dated: frozenset[int] = frozenset(), shared: Shared | None = None) -> tuple[Side, Side]:
    """(source, target) of the trigger at token `i`, within the sentence's tokens [first, last); `dated`: the tokens of
    date expressions; `shared`: the source of the sentence's last event, which a verb joined by و may share."""
    trigger, after = found.trigger, found.after
    if PAIR in trigger.targets:
        return pair(tokens, index, i, after, first, last)
    if trigger.kind in ("verb", "either") and PASSIVE_MARK in index.text[tokens[i].start:tokens[i].end][:3]:
        trigger = dataclasses.replace(trigger, kind="passive")  # «قُتل», «اُعتقل»: written with its damma
    masdar = trigger.kind != "noun" and (as_masdar(tokens, i, first) or not opens_clause(tokens, index, i, first, dated))
    if masdar and trigger.words and not found.taken:
        return None, None  # «معاودة فرض عقوبات الأمم المتحدة»: the name after the object is its owner, not who acts
    if trigger.kind == "noun" or masdar:  # «زيارة وزير الدفاع الأمريكي أشتون كارتر لإسرائيل», «أعربت روسيا عن دعمها لبكين»
        source = subject_after(tokens, index, after, last)
        if isinstance(source, Named) and source.entity.type == "GPE" and masdar and not found.taken:
            return None, None  # «قصف الزبداني», «تسيبراس ناشد روسيا»: the country after a masdar is what it is done to
        if isinstance(source, Named) and source.entity.type == "GPE" and OBJECT not in trigger.targets \
                and not found.taken:  # (in «فرض الولايات المتحدة عقوبات» the country is who imposes them)
            if trigger.guard == "genitive":
                return None, None  # «مظاهرات حلب»: where, not who
            return last_before(tokens, index, i, first, last), source  # «زيارة قطاع غزة»: the place visited
        if source is None and trigger.guard != "genitive" and (not masdar or light_verb_before(tokens, i, first)):
            source = last_before(tokens, index, i, first, last)
        if source is None:
            return None, None  # «مشروع قانون لفرض عقوبات على إيران»: a deed no one is named doing
        start = source.last + 1 if source.first >= after else after
    elif trigger.kind == "object":  # «أطلقت السلطات سراح الصحفي», «السلطات أطلقت سراح الصحفي»
        source = last_before(tokens, index, i, first, last, right_before=True)
        if source is None and found.taken:
            source = subject_after(tokens, index, after, last)
        target = subject_after(tokens, index, found.taken.stop if found.taken else after, last)
        return source, target
    elif trigger.kind == "passive":  # «اغتيل السفير الروسي أندريه كارلوف»: the name after is the target
        target = subject_after(tokens, index, after, last) or last_before(tokens, index, i, first, last, right_before=True)
        return by_agent(tokens, index, after, last), target  # («السلطات أطلقت سراح …»: the subject before, the victim)
    else:  # «بوتين التقى», «وأوباما لم يزر كينيا» (subject first), else «التقى الرئيس الروسي فلاديمير بوتين …»
        source = last_before(tokens, index, i, first, last, right_before=True)
        if trigger.kind == "either" and source is not None and (no_object(tokens, after, last, dated) or (
                source.first > first and (tokens[source.first - 1].norm in COUNTS or tokens[source.first - 1].norm.isdigit()))):
            return by_agent(tokens, index, after, last), source  # «أن الملا عمر قتل في معارك», «إن 6 حوثيين قتلوا»
        if source is None and shared is not None and (elided := shared_subject(tokens, index, found, i, last, shared)):
            return elided
        if source is None and (role := role_before(tokens, index, i, first)) is not None:
            source = role  # «خادم الحرمين الشريفين استقبل محمد نواز شريف»: an office names the subject; the name is its object
        elif source is None:
            source = subject_after(tokens, index, after, last)
            if trigger.kind == "either" and (agent := by_agent(tokens, index, after, last)) is not None:
                return agent, source  # «اعتقلوا على أيدي مقاتلي جبهة النصرة»: the passive, its agent named
            if trigger.kind == "either" and source is not None and after < last and \
                    (tokens[after].norm in COUNTS or tokens[after].norm.isdigit()):
                return None, source  # «قتل 3 مسلحين»: counted, they are the victims
            if trigger.kind == "either" and isinstance(source, Named):
                if source.entity.type == "PERSON":
                    return None, source  # «قتل الصحفي …», «اختطف المواطن …»: a person after it is the victim
                if source.first > after:
                    return None, None  # «قتل مدير منفذ مدينة بنغازي»: a place in the victim's description
        start = source.last + 1 if source is not None and source.first >= after else after
    start = after_partners(tokens, index, start, last)  # «قصف الحوثيون وقوات صالح الأحياء»: no target
    if isinstance(source, Named) and start == source.last + 1 and start < last and not proclitic(tokens, index, start):
        start = after_title(index, start, last)
    target = target_after(tokens, index, trigger.targets, start, last, dated)
    if target is not None and source is not None and same(target, source):
        target = None
    return source, target


def light_verb_before(tokens: list[Token], i: int, first: int) -> bool:
    """«قام الأمير فيصل بن مشعل … بزيارة»: a light verb in the masdar's clause, whose subject does it."""
    for j in range(i - 1, max(first, i - LIGHT_VERB_REACH) - 1, -1):
        if tokens[j].norm in CLAUSE_BREAKS:
            return False
        if (tokens[j].stem or tokens[j].norm) in LIGHT_VERBS:
            return True
    return False


def role_before(tokens: list[Token], index: MentionIndex, i: int, first: int) -> Group | None:
    """An office right before the trigger with no name («… ، خادم الحرمين الشريفين استقبل»): the subject, a group of
    the office's country and agent, or of its agent alone when the text gives no country."""
    end = word_before(tokens, i, first)
    role = index.role_ending.get(end)
    if role is None or role.kind != "office" or role.former or not role.agent or role.first < first \
            or index.ending.get(end) is not None:
        return None
    return Group((role.country or "") + role.agent, role.first, end, role.country)


def shared_subject(tokens: list[Token], index: MentionIndex, found: Found, i: int, last: int, shared: Shared
                   ) -> tuple[Side, Side] | None:
    """A verb joined by و to the last event's verb, of the same gender, with one name after it and not two: the
    subject is the first verb's, the name its object («وأدانت الصين العقوبات، واتهمت حلف شمال الأطلسي …»)."""
    tok, trigger = tokens[i], found.trigger
    if not tok.prefix.startswith("و") or OBJECT not in trigger.targets or feminine(tok) != shared.feminine:
        return None
    named = subject_after(tokens, index, found.after, last)
    if named is None:
        return None
    start = after_partners(tokens, index, named.last + 1, last)  # «حلف شمال الأطلسي والولايات المتحدة»
    if target_after(tokens, index, (OBJECT,), start, last) is not None:
        return None  # «واتهمت روسيا الغرب»: a subject of its own, then its object
    return shared.source, named


def by_agent(tokens: list[Token], index: MentionIndex, after: int, last: int) -> Named | Group | None:
    """The agent of a passive, named after «على يد», «على أيدي» or «برصاص» in the trigger's clause."""
    for j in range(after, min(last - 1, after + TARGET_WINDOW)):
        tok = tokens[j]
        if tok.norm in CLAUSE_BREAKS:
            return None
        if (tok.stem or tok.norm) in AGENT_MARKERS and (tok.prefix.endswith("ب") or tokens[j - 1].norm in PREPOSITIONS):
            k = j + 1
            while k < last and k - j <= SUBJECT_WINDOW and mention_at(index, k) is None and \
                    group_at(tokens, index, k, last) is None and tokens[k].is_word:
                k += 1  # «على أيدي مقاتلي جبهة النصرة»
            return mention_at(index, k) or group_at(tokens, index, k, last) if k < last else None
    return None


def no_object(tokens: list[Token], after: int, last: int, dated: frozenset[int]) -> bool:
    """Nothing a verb could take as its object right after it: a preposition, a clause's end, another verb joined by
    و, a date («جنديا تركيا قتل وأصيب آخر», «قتل في معارك»): a verb of both voices is then the passive."""
    if after >= last:
        return True
    tok = tokens[after]
    return tok.norm in CLAUSE_BREAKS or tok.norm in PREPOSITIONS or after in dated or \
        tok.prefix[-1:] in PREPOSITION_PROCLITICS or tok.prefix.startswith("و")


def after_partners(tokens: list[Token], index: MentionIndex, start: int, last: int) -> int:
    """The token after the names joined by و from `start` on: the second subject of «الحوثيون وقوات صالح»."""
    while start < last and proclitic(tokens, index, start).startswith("و") and (
            partner := mention_at(index, start) or group_at(tokens, index, start, last)) is not None:
        start = partner.last + 1
    return start


def same(a: Named | Group, b: Named | Group) -> bool:
    if isinstance(a, Named) and isinstance(b, Named):
        return a.entity is b.entity
    return isinstance(a, Group) and isinstance(b, Group) and a.code == b.code


def subject_after(tokens: list[Token], index: MentionIndex, after: int, last: int) -> Named | Group | None:
    """The first name (or group) after a verb that no preposition governs (Arabic puts the verb first)."""
    complement = 0  # words after a role's head that complete it: «وزير الإسكان ماجد الحقيل»
    for j in range(after, min(last, after + SUBJECT_WINDOW + ROLE_COMPLEMENT)):
        governed = proclitic(tokens, index, j)[-1:] in PREPOSITION_PROCLITICS
        found = mention_at(index, j) or group_at(tokens, index, j, last)
        if isinstance(found, Named) and (holder := title_holder(tokens, index, j, found)) is not False:
            found = holder  # «استقبل سمو أمير منطقة عسير …»: the emir, not the province
        if found is not None:
            return None if governed else found
        if tokens[j].norm in COUNTS or tokens[j].norm.isdigit():
            continue  # «آلاف المحتجين»
        if governed:
            return None  # «بزيارة للشيخ صالح الفوزان»: a title after a preposition, its holder is no subject
        if j in index.in_roles:
            complement = ROLE_COMPLEMENT
        elif complement == 0 or not tokens[j].is_word or tokens[j].norm in PREPOSITIONS:
            return None  # «تتبادل مع الصين», «التقى بالرئيس الروسي …», «وزار خلال جولته مركز …»: no subject here
        else:
            complement -= 1
    return None


def last_before(tokens: list[Token], index: MentionIndex, i: int, first: int, last: int, right_before: bool = False
                ) -> Named | Group | None:
    """The name just before the trigger («بوتين التقى»), or the last one before it in the sentence (the subject of
    «أعربت روسيا عن دعمها»)."""
    end = word_before(tokens, i, first)  # «وأوباما لم يزر كينيا»
    if right_before and end >= first and tokens[end].norm in CLAUSE_BREAKS:
        return None  # «بسوريا والعراق، ورفض سيلفستر»: a comma ends the clause before
    for j in range(end, max(first, i - ACTOR_REACH) - 1, -1):
        if tokens[j].norm in CLAUSE_BREAKS:
            return None  # «تلقى اتصالا من ملك البحرين، وبعث برقية عزاء»: not across a clause
        found = index.ending.get(j)
        if found is not None and found.entity.type == "GPE" and not is_country(found.entity):
            found = None  # «وفي عدن، قصف الحوثيون»: a city or a province before the verb is where, not who
        if found is None or not is_actor(found.entity):
            found = group_ending(tokens, index, j, first, last)
        if found is not None and right_before and found.last == i - 1 and tokens[i].prefix[:1] in CONJUNCTIONS:
            found = None  # «… سكانه الأكراد وقتل حزب العمال»: a و opens a clause of its own
        if found is not None and proclitic(tokens, index, found.first) not in PREPOSITION_PROCLITICS \
                and not (found.first > first and (tokens[found.first - 1].stem or tokens[found.first - 1].norm) in PREPOSITIONS):
            return found  # (not «في موسكو التقى»)
        if right_before and j < end:
            return None
    return None


def target_after(tokens: list[Token], index: MentionIndex, targets: tuple[str, ...], start: int, last: int,
                 dated: frozenset[int] = frozenset()) -> Named | Group | None:
    """The target: a name after one of the trigger's prepositions («بالجنرال», «مع الصين», «إلى بكين»), or the next
    name with none («زار شي موسكو»)."""
    via = ""  # the preposition that governs the words since: «بالرئيس الروسي فلاديمير بوتين», «مع الصين»
    for j in range(start, min(last, start + TARGET_WINDOW)):
        tok = tokens[j]
        if tok.norm in CLAUSE_BREAKS:
            if j == start or j + 1 < last and j + 1 in dated or j - 1 in dated:
                continue  # «كما التقى الشيخ تميم، سيرغي لافروف», «اعتقلت القوات، اليوم، ستة أطفال»
            return None  # «يهدد سلامة الملاحة، كما ذكرت السلطات»: the target is in the trigger's clause
        if tok.norm in PREPOSITIONS:
            via = tok.norm
            continue
        if (prefix := proclitic(tokens, index, j)) and prefix[-1:] in PREPOSITION_PROCLITICS \
                and (tok.stem or tok.norm) not in MANNER:
            via = prefix[-1:]
        if (via in targets or OBJECT in targets and not via) and (tok.stem or tok.norm) in OWNED and j + 1 < last:
            owner = owner_of(tokens, index, j, last)
            if owner is not None:
                return owner  # «قصفت مواقع داعش», «7 أهداف لحزب العمال الكردستاني», «تصريحات نوري المالكي»
        found = mention_at(index, j) or group_at(tokens, index, j, last, region=OBJECT in targets and not via)
        if isinstance(found, Named) and (holder := title_holder(tokens, index, j, found)) is not False:
            found = holder  # «استقبل … رئيس وزراء جمهورية باكستان»: the prime minister, not the country
        if found is None:
            continue
        if via in targets or OBJECT in targets and not via:
            return found
    return None


def owner_of(tokens: list[Token], index: MentionIndex, j: int, last: int) -> Named | Group | None:
    """Whose is the thing named at `j`: the name in the genitive after it, over a title («تصريحات رئيس الوزراء نوري
    المالكي»), or after ل, one adjective allowed between («مواقع عسكرية للحوثيين»)."""
    owner = subject_after(tokens, index, j + 1, last)
    if owner is not None:
        return owner
    for k in (j + 1, j + 2):
        if k < last and (k == j + 1 or tokens[j + 1].is_word and not tokens[j + 1].prefix) \
                and proclitic(tokens, index, k) == "ل" and (named := mention_at(index, k)) is not None:
            return named
    return None


def pair(tokens: list[Token], index: MentionIndex, i: int, after: int, first: int, last: int) -> tuple[Side, Side]:
    """Two coordinated names, after the trigger («التقيا …») or before it («أجرت روسيا والصين … المناورات»)."""
    for j in [*range(after, min(last, after + SUBJECT_WINDOW)), *range(i - 1, max(first, i - PAIR_REACH) - 1, -1)]:
        one = mention_at(index, j)
        if one is None:
            continue
        other = mention_at(index, one.last + 1)
        if other is not None and tokens[one.last + 1].prefix.startswith("و") and other.entity is not one.entity:
            return one, other
    return None, None
